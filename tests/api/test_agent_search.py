"""Plain-language candidate search (reference 29: POST /api/channels/agent/).

{"query": "...", "limit": 1..50 (default 10)} answers {"results": {"candidates": [...],
"reasoning": "Read as: ... N of M candidates match ..."}}. The query's hard criteria (skills,
years, work mode, job type, place, visa, availability) filter the caller's pool and the job
ranking scorer orders what is left. Employers (organization members) search their whole
visible pool and get slugs and breakdowns; anyone else, anonymous callers included (rate
limited per address), gets available candidate-owned profiles only, anonymised. The order and
scores are blind to who the candidates are.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.ai import chat_server as chat
from tests.ai.chat_server import answer, completion, error, refusal, slow
from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.notes_helpers import client_for, make_org
from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from webapp.ai.search import read_query
from webapp.extensions import db
from webapp.models import CandidateProfile, User
from webapp.services.profile_data import refresh_derived

URL = "/api/channels/agent/"
QUERY = "5+ years of Python and Django, remote"
EMPLOYER_KEYS = {"candidate_id", "slug", "score", "match_reason", "breakdown"}


def resume(name: str, *, skills: list[str], years: float, title: str, phone: str,
           location: str = "Austin, TX") -> dict:
    """resume_data as the parser writes it: who the candidate is next to what they did."""
    handle = name.lower().replace(" ", ".")
    return {
        "name": name,
        "email": f"{handle}@mail.example",
        "phone": phone,
        "linkedin": f"https://linkedin.com/in/{handle.replace('.', '-')}",
        "github": f"https://github.com/{handle.replace('.', '-')}",
        "location": location,
        "summary": f"{title} working with {', '.join(skills)}.",
        "skills": skills,
        "total_years_experience": years,
        "experience": [
            # The dates cover `years` (ranking counts years from them, overlaps once).
            {"title": title, "company": "Initech", "start": f"{2025 - int(years)}-01", "end": "2024-12",
             "description": f"Built and ran services with {' and '.join(skills)}."},
            {"title": f"Junior {title}", "company": "Globex", "start": f"{2025 - int(years)}-01",
             "end": f"{2025 - int(years)}-06",
             "description": f"Maintained internal tools in {skills[0]}."},
        ],
    }


@dataclass
class World:
    recruiter: User  # member of Acme
    outsider: User  # member of Rival
    candidate_user: User  # ada's own account: a candidate, no organization
    profiles: dict[str, CandidateProfile]
    identities: list[str]  # what must never reach an anonymous caller

    def name_of(self, profile_id: int) -> str:
        return next(name for name, p in self.profiles.items() if p.id == profile_id)


ACCOMMODATION = "Needs a screen reader and flexible hours (private-accommodation-text)"
WORKPLACE = "Quiet room near the lift (private-workplace-text)"


@pytest.fixture
def world(app: Flask) -> World:
    """Acme (recruiter) and Rival (outsider); the profiles:

    ada   own, Python+Django+PostgreSQL, 7 years, remote, shares disability/accommodations
    ben   own, Python+Django, 6 years, onsite only                 (not remote)
    cara  own, Python+Flask, 3 years, remote                         (too junior)
    dan   own, Figma, 8 years, remote                                (no skill)
    eli   own, Django only, 5 years, no preferences; accommodations (matches)
    fay   own, Python+Django, 9 years, remote, NOT available       (employers only)
    eve   sourced by Acme, Python+Django, 6 years, remote           (Acme only)
    gus   sourced by Rival, Python+Django, 10 years, remote         (Rival only)
    """
    recruiter = make_user("root@acme.example", first_name="Rita", last_name="Recruiter")
    outsider = make_user("root@rival.example", first_name="Rob", last_name="Rival")
    acme = make_org("Acme", recruiter)
    rival = make_org("Rival", outsider)
    remote = {"work_mode_preferences": ["remote"], "employment_type_preferences": ["full-time"]}
    specs = {
        "ada": ("Ada Lovelace", ["Python", "Django", "PostgreSQL"], 7, "Backend Developer", remote),
        "ben": ("Ben Okafor", ["Python", "Django"], 6, "Backend Developer",
                {"work_mode_preferences": ["onsite"]}),
        "cara": ("Cara Nguyen", ["Python", "Flask"], 3, "Python Developer", remote),
        "dan": ("Dan Moreau", ["Figma"], 8, "Product Designer", remote),
        "eli": ("Eli Zephyrine", ["Django"], 5, "Web Developer", {}),
        "fay": ("Fay Hidden", ["Python", "Django"], 9, "Backend Developer",
                {**remote, "is_available": False}),
        "eve": ("Eve Sourcedperson", ["Python", "Django"], 6, "Backend Developer", remote),
        "gus": ("Gus Rivalsourced", ["Python", "Django"], 10, "Backend Developer", remote),
    }
    profiles: dict[str, CandidateProfile] = {}
    identities: list[str] = [ACCOMMODATION, WORKPLACE]
    candidate_user = None
    for number, (key, (name, skills, years, title, extra)) in enumerate(specs.items()):
        phone = f"+1 512 555 01{number:02d}"
        data = resume(name, skills=skills, years=years, title=title, phone=phone,
                      location="Berlin, Germany" if key == "cara" else "Austin, TX")
        first, last = name.split()
        owner = {}
        if key == "eve":
            owner = {"organization": acme}
        elif key == "gus":
            owner = {"organization": rival}
        else:
            user = make_user(f"{first.lower()}@account.example", first_name=first, last_name=last)
            owner = {"user": user}
            identities += [user.email]
            candidate_user = candidate_user or user
        if key in ("ada", "eli"):
            extra = {**extra, "disability_categories": ["visual"], "share_accommodations": True,
                     "accommodation_needs": ACCOMMODATION, "workplace_accommodations": WORKPLACE}
        profiles[key] = make_profile(**owner, resume_data=data, parsing_status="parsed",
                                     verified_data={"name": name, "email": f"{first}@verified.example"},
                                     **extra)
        identities += [name, first, last, data["email"], f"{first}@verified.example", phone,
                       data["linkedin"], data["github"], profiles[key].slug]
    return World(recruiter, outsider, candidate_user, profiles, identities)


def search(client: FlaskClient, query: str = QUERY, **fields) -> TestResponse:
    return client.post(URL, json={"query": query, **fields})


def results(response: TestResponse) -> dict:
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"results"}, body
    assert set(body["results"]) == {"candidates", "reasoning"}, body
    return body["results"]


def names(world: World, found: dict) -> list[str]:
    return [world.name_of(entry["candidate_id"]) for entry in found["candidates"]]


# --- employers -----------------------------------------------------------------------------------

def test_an_employer_gets_the_matching_candidates_best_first(app, world) -> None:
    found = results(search(client_for(app, world.recruiter)))

    # ben prefers onsite, cara has 3 years, dan has no skill, gus is Rival's.
    assert set(names(world, found)) == {"ada", "eli", "fay", "eve"}
    scores = [entry["score"] for entry in found["candidates"]]
    assert scores == sorted(scores, reverse=True)
    for entry in found["candidates"]:
        assert set(entry) >= EMPLOYER_KEYS, entry
        profile = world.profiles[world.name_of(entry["candidate_id"])]
        assert entry["slug"] == profile.slug
        assert isinstance(entry["score"], float) and 0 <= entry["score"] <= 1
        assert isinstance(entry["match_reason"], str) and entry["match_reason"].endswith(".")
        assert isinstance(entry["breakdown"], dict) and "components" in entry["breakdown"]
        assert {"python", "django"} & {s.lower() for s in entry["skills"]}
        assert entry["years_of_experience"] >= 5
    # eli (Django only, 5 years) is last: fewer skills, fewer years.
    assert names(world, found)[-1] == "eli"
    reasoning = found["reasoning"]
    assert reasoning.startswith("Read as: Python with 5+ years, Django; remote."), reasoning
    # Acme's pool: the seven candidate-owned profiles but gus, plus its own eve.
    assert "4 of 7 candidates match" in reasoning, reasoning


def test_an_employer_sees_their_sourced_profiles_and_not_another_orgs(app, world) -> None:
    acme = names(world, results(search(client_for(app, world.recruiter))))
    rival = names(world, results(search(client_for(app, world.outsider))))

    assert "eve" in acme and "gus" not in acme
    assert "gus" in rival and "eve" not in rival
    assert set(rival) == {"ada", "eli", "fay", "gus"}


def test_the_answer_names_nobody_even_to_an_employer(app, world) -> None:
    response = search(client_for(app, world.recruiter))
    text = response.get_data(as_text=True)
    slugs = {p.slug for p in world.profiles.values()}
    for secret in world.identities:
        if secret not in slugs:
            assert secret not in text, secret


def test_hard_criteria_of_the_query_filter_the_pool(app, world) -> None:
    client = client_for(app, world.recruiter)

    berlin = names(world, results(search(client, "Python developers in Berlin")))
    assert berlin == ["cara"]
    available = set(names(world, results(search(client, "available Python developers"))))
    assert "fay" not in available and "ada" in available
    nothing = results(search(client, "Rust developers"))
    assert nothing["candidates"] == []
    assert "0 of 7 candidates match." in nothing["reasoning"]


# --- anonymous callers ---------------------------------------------------------------------------

def test_an_anonymous_caller_gets_available_candidate_owned_profiles_anonymised(app, world) -> None:
    response = search(app.test_client())
    found = results(response)

    assert set(names(world, found)) == {"ada", "eli"}  # not fay (unavailable), not eve/gus (sourced)
    assert "2 of 5 candidates match" in found["reasoning"], found["reasoning"]
    for entry in found["candidates"]:
        assert "slug" not in entry and "breakdown" not in entry, entry
        assert {"candidate_id", "score", "match_reason"} <= set(entry)
    text = response.get_data(as_text=True)
    assert json.loads(text)  # the whole answer, as sent
    for secret in world.identities:
        assert secret not in text, secret
    for needle in ("Ada", "Lovelace", "Eli", "Zephyrine", "@", "linkedin", "github", "555",
                   "accommodation", "resume_file", "notes"):
        assert needle not in text, needle


def test_a_signed_in_candidate_is_searched_for_like_an_anonymous_caller(app, world) -> None:
    response = search(client_for(app, world.candidate_user))
    found = results(response)

    assert set(names(world, found)) == {"ada", "eli"}
    assert all("slug" not in entry and "breakdown" not in entry for entry in found["candidates"])


def test_the_pool_of_anyone_leaves_sourced_and_unavailable_profiles_out(app, world) -> None:
    found = results(search(app.test_client(), "Python or Django or Figma or Flask"))
    assert set(names(world, found)) == {"ada", "ben", "cara", "dan", "eli"}


# --- input ---------------------------------------------------------------------------------------

def test_limit(app, world) -> None:
    client = client_for(app, world.recruiter)
    for number in range(12):
        make_profile(make_user(f"extra{number}@account.example"), parsing_status="parsed",
                     resume_data=resume(f"Extra Person{number}", skills=["Python"], years=4,
                                        title="Developer", phone="+1 000"))

    assert len(results(search(client, "Python developers"))["candidates"]) == 10
    assert len(results(search(client, "Python developers", limit=1))["candidates"]) == 1
    assert len(results(search(client, "Python developers", limit="3"))["candidates"]) == 3
    assert len(results(search(client, "Python developers", limit=50))["candidates"]) == 17
    whole = results(search(client, "Python developers", limit=50))["candidates"]
    assert results(search(client, "Python developers", limit=4))["candidates"] == whole[:4]


@pytest.mark.parametrize("limit", [0, 51, -1, "abc", 2.5, True, [3]])
def test_a_bad_limit_is_refused(app, world, limit) -> None:
    assert_field_error(search(client_for(app, world.recruiter), limit=limit), "limit")


@pytest.mark.parametrize("body", [{}, {"query": ""}, {"query": "   "}, {"query": None},
                                  {"query": 42}, {"query": ["Python"]}, {"query": "a\x00b"},
                                  {"query": "x" * 501}])
def test_a_bad_query_is_refused(app, world, body) -> None:
    assert_field_error(client_for(app, world.recruiter).post(URL, json=body), "query")


def test_a_query_of_500_characters_is_taken(app, world) -> None:
    results(search(client_for(app, world.recruiter), ("Python " * 100)[:500]))


def test_a_malformed_body_is_refused(app, world) -> None:
    client = client_for(app, world.recruiter)
    response = client.post(URL, data="{not json", content_type="application/json")
    assert_json_error(response, 400)
    assert_json_error(client.post(URL, json=["Python"]), 400)
    assert_json_error(app.test_client().post(URL, data="{", content_type="application/json"), 400)


def test_a_form_body_is_read_too(app, world) -> None:
    response = client_for(app, world.recruiter).post(URL, data={"query": QUERY, "limit": "2"})
    assert len(results(response)["candidates"]) == 2


def test_only_post(app, world) -> None:
    assert app.test_client().get(URL).status_code == 405


# --- credentials and rate limits -----------------------------------------------------------------

@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer ", "Basic dXNlcjpwYXNz"])
def test_credentials_that_are_present_must_be_valid(app, world, header) -> None:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = header
    assert_json_error(search(client), 401)


def test_anonymous_callers_are_rate_limited_per_address(make_app) -> None:
    app = make_app(ANONYMOUS_RATE_LIMIT="2 per minute")
    with app.app_context():
        recruiter = make_user("root@acme.example")
        make_org("Acme", recruiter)
        make_profile(make_user("ada@account.example"), parsing_status="parsed",
                     resume_data=resume("Ada Lovelace", skills=["Python"], years=6,
                                        title="Developer", phone="+1 1"))
        anonymous = app.test_client()
        assert results(search(anonymous))  # 1
        assert results(search(anonymous))  # 2
        refused = search(anonymous)
        assert_json_error(refused, 429)
        assert int(refused.headers["Retry-After"]) > 0
        # Another address has its own allowance.
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = "203.0.113.9"
        assert results(search(other))
        # Signed-in callers are not counted against it.
        employer = client_for(app, recruiter)
        for _ in range(4):
            found = results(search(employer))
            assert found["candidates"] and "slug" in found["candidates"][0]


# --- blindness -----------------------------------------------------------------------------------

def ranking_of(client: FlaskClient, query: str) -> list[tuple[int, float, str]]:
    found = results(search(client, query, limit=50))
    return [(entry["candidate_id"], entry["score"], entry["match_reason"])
            for entry in found["candidates"]]


QUERIES = [QUERY, "Python developers", "Backend Developer with Django, full-time",
           "Django experts in Austin, TX", "designers"]


def test_who_the_candidates_are_does_not_change_the_order_or_scores(app, world) -> None:
    employer, anonymous = client_for(app, world.recruiter), app.test_client()
    before = {query: (ranking_of(employer, query), ranking_of(anonymous, query)) for query in QUERIES}
    assert any(len(ranked) > 1 for ranked, _ in before.values())

    for number, profile in enumerate(world.profiles.values()):
        data = dict(profile.resume_data)
        data.update(name=f"Someone Else{number}", email=f"other{number}@elsewhere.example",
                    phone=f"+44 20 7946 09{number:02d}", linkedin=f"https://linkedin.com/in/x{number}",
                    github=f"https://github.com/x{number}", website=f"https://x{number}.example")
        profile.resume_data = data
        profile.verified_data = {"name": f"Someone Else{number}",
                                 "email": f"other{number}@verified.example"}
        if number % 2:
            profile.disability_categories = ["mobility", "hearing"]
            profile.accommodation_needs = "A step-free entrance and captioned meetings."
            profile.workplace_accommodations = "Desk near the exit."
            profile.share_accommodations = True
        else:
            profile.disability_categories = []
            profile.accommodation_needs = profile.workplace_accommodations = None
            profile.share_accommodations = False
        if profile.user is not None:
            profile.user.first_name, profile.user.last_name = "Changed", f"Name{number}"
        refresh_derived(profile)
    db.session.commit()

    after = {query: (ranking_of(employer, query), ranking_of(anonymous, query)) for query in QUERIES}
    assert after == before


# --- phrasings that once went wrong ------------------------------------------------------------

def test_experience_in_a_skill_is_not_a_place(app, world) -> None:
    found = results(search(client_for(app, world.recruiter), "5+ years of experience in Python"))
    assert set(names(world, found)) == {"ada", "ben", "fay", "eve"}


def test_a_plural_role_finds_its_holders(app, world) -> None:
    found = results(search(client_for(app, world.recruiter), "Find designers"))
    assert names(world, found) == ["dan"]


# --- with a model reading the query --------------------------------------------------------------
# With OPENAI_API_KEY set, an OpenAI-compatible model (here the local Chat Completions server of
# tests/ai/chat_server.py) reads the query into the filter; the same search runs on its reading,
# and on any failure on the offline reader's.

chat_server = chat.chat_server  # the fixture: a local Chat Completions server

MODEL_QUERY = "Django folks with over half a decade behind them, happy to work from home"
MODEL_READING = {"skills": ["django"], "min_years": 6, "work_mode": "remote", "job_type": None,
                 "location": None, "needs_visa": False, "available_only": False, "words": []}


@pytest.fixture
def model_app(make_app, chat_server, world) -> Flask:  # noqa: ANN001
    """The app with a model configured (short timeout, no retries), on the same world."""
    return make_app(OPENAI_API_KEY="test-key", OPENAI_BASE_URL=chat_server.base_url,
                    OPENAI_MODEL="test-model", OPENAI_TIMEOUT=5, OPENAI_MAX_RETRIES=0)


def test_the_models_reading_of_the_query_drives_the_search(app, model_app, world, chat_server,
                                                           caplog) -> None:
    caplog.set_level(logging.INFO, logger="webapp.services.search")
    chat_server.script(answer(MODEL_READING))
    found = results(search(client_for(model_app, world.recruiter), MODEL_QUERY))

    # Django, 6+ years, remote: not ben (onsite), not eli (5 years).
    assert set(names(world, found)) == {"ada", "fay", "eve"}
    assert found["reasoning"] == "Read as: Django with 6+ years; remote. 3 of 7 candidates match; best first."
    assert "search query read by openai:test-model" in caplog.text
    # The offline reader sees Django and some words only, and would let ben and eli through.
    assert read_query(MODEL_QUERY).describe().startswith("Django; about ")
    offline = results(search(client_for(app, world.recruiter), MODEL_QUERY))
    assert set(names(world, offline)) == {"ada", "ben", "eli", "fay", "eve"}


def test_the_query_is_sent_to_the_model_as_the_user_message(model_app, world, chat_server) -> None:
    chat_server.script(answer(MODEL_READING))
    results(search(model_app.test_client(), MODEL_QUERY))

    [request] = chat_server.requests
    assert request.user_messages() == [MODEL_QUERY]
    system = [m["content"] for m in request.body["messages"] if m["role"] == "system"]
    assert len(system) == 1 and MODEL_QUERY not in system[0]
    assert request.body["response_format"]["type"] == "json_schema"


def test_the_models_answer_is_normalised_before_the_search_uses_it(model_app, world,
                                                                   chat_server) -> None:
    chat_server.script(answer({**MODEL_READING, "skills": ["postgres", "DJANGO"],
                               "min_years": -4, "work_mode": "underwater", "job_type": "Full Time",
                               "location": "x" * 300}))
    found = results(search(client_for(model_app, world.recruiter), MODEL_QUERY))

    # Aliases under the catalogue's names; no work mode, years or place; full-time kept.
    assert found["reasoning"].startswith("Read as: PostgreSQL, Django; full-time. "), found["reasoning"]
    # Either skill, any work mode, any years: everyone with one of them in Acme's pool.
    assert set(names(world, found)) == {"ada", "ben", "eli", "fay", "eve"}


@pytest.mark.parametrize("reply", [refusal(), error(500), completion("{not json"),
                                   answer({"skills": "Python"})],
                         ids=["refusal", "server-error", "garbage", "wrong-shape"])
def test_the_offline_reader_stands_in_when_the_model_fails(model_app, world, chat_server, caplog,
                                                           reply) -> None:
    chat_server.script(reply)
    found = results(search(client_for(model_app, world.recruiter)))

    assert set(names(world, found)) == {"ada", "eli", "fay", "eve"}  # as offline, above
    assert found["reasoning"].startswith("Read as: Python with 5+ years, Django; remote."), found
    assert len(chat_server.requests) == 1
    assert "model query reading failed, using the offline reader" in caplog.text


def test_a_model_slower_than_the_timeout_is_not_waited_for(make_app, world, chat_server) -> None:
    app = make_app(OPENAI_API_KEY="test-key", OPENAI_BASE_URL=chat_server.base_url,
                   OPENAI_TIMEOUT=0.5, OPENAI_MAX_RETRIES=0)
    chat_server.script(slow(answer(MODEL_READING), 10))
    started = time.monotonic()
    found = results(search(client_for(app, world.recruiter)))

    assert time.monotonic() - started < 5
    assert len(chat_server.requests) == 1  # asked, and given up on
    assert found["reasoning"].startswith("Read as: Python with 5+ years, Django; remote."), found
    assert set(names(world, found)) == {"ada", "eli", "fay", "eve"}
