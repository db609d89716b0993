"""Resume chat (reference 43: POST /api/candidates/prompt/) and career coach (44: POST
/api/candidates/career-coach/).

{"input_text": ..., "resume_slug": ..., "thread_id": optional} answers {"output": ...,
"thread_id": ...}. Unlike the reference, both need a signed-in caller (401 otherwise): resume
chat for anyone who may view the profile, the coach for the candidate who owns it (403 for
others who may view it, 404 for who may not). Threads are stored and belong to their author,
profile and kind: any other thread id is 404. The offline engine answers from the profile; with
a model configured (the local Chat Completions server of tests/ai/chat_server.py), the model
answers from the profile sent as data, and the offline engine stands in on any failure.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from tests.ai.chat_server import chat_server as chat_server  # noqa: F401  (fixture)
from tests.ai.chat_server import completion, error, refusal, slow
from tests.api.accounts_helpers import (
    COOKIE_LOGIN_URL,
    assert_field_error,
    assert_json_error,
    csrf_token,
    login,
)
from tests.api.jobs_helpers import client_for, make_job, make_org
from tests.api.notes_helpers import put_file
from tests.api.profile_helpers import PDF_BYTES, make_profile, profile_url
from tests.helpers import count_queries, make_user
from webapp.extensions import db
from webapp.models import CandidateProfile, ChatMessage, ChatThread, User

CHAT_URL = "/api/candidates/prompt/"
COACH_URL = "/api/candidates/career-coach/"

CLEO_TEXT = """Cleo Marchetti
cleo.marchetti@mail.example | +1 415 555 0199
Backend developer building Python services.
Initech, Senior Backend Developer, 2021-03 to present
Built payment APIs in Python and Django; cut response times by 40%.
Globex, Backend Developer, 2016-01 to 2019-06
Maintained PostgreSQL reporting jobs and trained two junior developers.
University of Turin, BSc Computer Science
Volunteer chess coach on weekends."""
CLEO = {
    "name": "Cleo Marchetti", "email": "cleo.marchetti@mail.example", "phone": "+1 415 555 0199",
    "location": "Turin, Italy", "summary": "Backend developer building Python services.",
    "skills": ["Python", "Django", "PostgreSQL", "Docker", "Git"],
    "experience": [
        {"title": "Senior Backend Developer", "company": "Initech", "start": "2021-03", "end": None,
         "current": True,
         "description": "Built payment APIs in Python and Django; cut response times by 40%."},
        {"title": "Backend Developer", "company": "Globex", "start": "2016-01", "end": "2019-06",
         "description": "Maintained PostgreSQL reporting jobs and trained two junior developers."},
    ],
    "education": [{"institution": "University of Turin", "degree": "BSc", "field": "Computer Science"}],
    "certifications": [], "languages": ["Italian", "English"],
}
OMAR = {
    "name": "Omar Quillfeather", "email": "omar.q@mail.example", "summary": "Platform engineer.",
    "skills": ["Terraform", "Go"],
    "experience": [{"title": "Platform Engineer", "company": "Hooli", "start": "2015-01",
                    "end": "2024-01", "description": "Ran Terraform pipelines for Hooli."}],
}
OMAR_SECRETS = ("Omar", "Quillfeather", "omar.q@mail.example", "Hooli", "Terraform")


@dataclass
class World:
    cleo: User  # candidate, owns cleo_profile
    omar: User  # another candidate
    recruiter: User  # Acme
    outsider: User  # Rival
    cleo_profile: CandidateProfile
    omar_profile: CandidateProfile
    sourced: CandidateProfile  # Acme's


@pytest.fixture
def world(app: Flask) -> World:
    cleo = make_user("cleo@account.example", first_name="Cleo", last_name="Marchetti")
    omar = make_user("omar@account.example", first_name="Omar", last_name="Quillfeather")
    recruiter = make_user("rita@acme.example")
    outsider = make_user("rob@rival.example")
    acme, rival = make_org("Acme", recruiter), make_org("Rival", outsider)
    cleo_profile = make_profile(cleo, resume_data=CLEO, resume_text=CLEO_TEXT, parsing_status="parsed",
                                resume_file=put_file(app, "candidate-resumes", PDF_BYTES),
                                work_mode_preferences=["remote"], expected_salary_range="90-110k EUR")
    omar_profile = make_profile(omar, resume_data=OMAR, parsing_status="parsed")
    sourced = make_profile(organization=acme, resume_data={"name": "Sam Sourced", "skills": ["Excel"]},
                           parsing_status="parsed")
    make_job(acme, recruiter, "Senior Python Engineer", skills=("Python", "Django", "Kubernetes", "AWS"),
             job_desc="Build Python and Django services on Kubernetes in AWS. 5+ years.",
             workplace_type="remote", job_type="full-time", estimated_salary="100-120k EUR")
    make_job(rival, outsider, "Pastry Chef", skills=("Baking",), job_desc="Bake bread and pastries.")
    return World(cleo, omar, recruiter, outsider, cleo_profile, omar_profile, sourced)


def ask(client: FlaskClient, url: str, slug: str, question: str, thread_id: str | None = None,
        **extra) -> TestResponse:
    body = {"input_text": question, "resume_slug": slug, **extra}
    if thread_id is not None:
        body["thread_id"] = thread_id
    return client.post(url, json=body)


def answered(response: TestResponse) -> dict:
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"output", "thread_id"}, body
    assert isinstance(body["output"], str) and body["output"].strip()
    uuid.UUID(body["thread_id"])
    return body


def stored_messages(thread_id: str) -> list[ChatMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(ChatMessage).where(ChatMessage.thread_id == thread_id)
                                   .order_by(ChatMessage.id)))


# --- resume chat: who may ask ------------------------------------------------------------------

def test_a_recruiter_asks_about_a_candidates_skills(app, world) -> None:
    body = answered(ask(client_for(app, world.recruiter), CHAT_URL, world.cleo_profile.slug,
                        "What are this candidate's key skills?"))

    for skill in ("Python", "Django", "PostgreSQL"):
        assert skill in body["output"]
    messages = stored_messages(body["thread_id"])
    assert [(m.role, m.engine) for m in messages] == [("user", None), ("assistant", "offline")]
    assert messages[0].content == "What are this candidate's key skills?"
    assert messages[1].content == body["output"]
    thread = db.session.get(ChatThread, body["thread_id"])
    assert (thread.kind, thread.user_id, thread.profile_id) == (
        "resume_chat", world.recruiter.id, world.cleo_profile.id)


def test_a_thread_id_continues_the_conversation(app, world) -> None:
    client = client_for(app, world.recruiter)
    first = answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Where did she study?"))
    second = answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Any gaps between jobs?",
                          first["thread_id"]))

    assert second["thread_id"] == first["thread_id"]
    assert len(stored_messages(first["thread_id"])) == 4
    assert db.session.scalar(select(func.count()).select_from(ChatThread)) == 1
    # Without a thread id, a new conversation starts.
    third = answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Skills?"))
    assert third["thread_id"] != first["thread_id"]


def test_chat_needs_a_signed_in_caller(app, world) -> None:
    response = ask(app.test_client(), CHAT_URL, world.cleo_profile.slug, "Skills?")
    assert_json_error(response, 401)
    assert db.session.scalar(select(func.count()).select_from(ChatThread)) == 0


def test_the_profiles_owner_may_chat_about_their_own_resume(app, world) -> None:
    body = answered(ask(client_for(app, world.cleo), CHAT_URL, world.cleo_profile.slug, "Skills?"))
    assert "Python" in body["output"]


@pytest.mark.parametrize("who, whose", [("outsider", "sourced"), ("omar", "cleo_profile"),
                                        ("cleo", "sourced")])
def test_a_profile_the_caller_may_not_see_is_not_found(app, world, who, whose) -> None:
    profile = getattr(world, whose)
    response = ask(client_for(app, getattr(world, who)), CHAT_URL, profile.slug, "Skills?")
    assert_json_error(response, 404)
    assert db.session.scalar(select(func.count()).select_from(ChatThread)) == 0


def test_an_employer_of_another_organization_may_chat_about_candidate_owned_profiles(app, world) -> None:
    body = answered(ask(client_for(app, world.outsider), CHAT_URL, world.cleo_profile.slug, "Skills?"))
    assert "Django" in body["output"]


def test_an_unknown_slug_is_not_found(app, world) -> None:
    assert_json_error(ask(client_for(app, world.recruiter), CHAT_URL, "nobody-xxxxxx", "Skills?"), 404)


def test_a_session_caller_needs_the_csrf_token(app, world) -> None:
    client = app.test_client()
    assert login(client, COOKIE_LOGIN_URL, world.recruiter.email).status_code == 200
    body = {"input_text": "Skills?", "resume_slug": world.cleo_profile.slug}
    assert_json_error(client.post(CHAT_URL, json=body), 403)
    response = client.post(CHAT_URL, json=body, headers={"X-CSRFToken": csrf_token(client)})
    answered(response)


# --- threads belong to their author, profile and kind ------------------------------------------

def test_someone_elses_thread_is_not_found(app, world) -> None:
    mine = answered(ask(client_for(app, world.recruiter), CHAT_URL, world.cleo_profile.slug, "Skills?"))
    response = ask(client_for(app, world.outsider), CHAT_URL, world.cleo_profile.slug, "Skills?",
                   mine["thread_id"])
    assert_json_error(response, 404)
    assert len(stored_messages(mine["thread_id"])) == 2


def test_a_thread_about_another_profile_is_not_found(app, world) -> None:
    client = client_for(app, world.recruiter)
    about_cleo = answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Skills?"))
    response = ask(client, CHAT_URL, world.omar_profile.slug, "Skills?", about_cleo["thread_id"])
    assert_json_error(response, 404)


def test_a_coach_thread_does_not_continue_as_a_resume_chat_and_back(app, world) -> None:
    client = client_for(app, world.cleo)
    coach = answered(ask(client, COACH_URL, world.cleo_profile.slug, "What next?"))
    chat = answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Skills?"))
    assert_json_error(ask(client, CHAT_URL, world.cleo_profile.slug, "Skills?", coach["thread_id"]), 404)
    assert_json_error(ask(client, COACH_URL, world.cleo_profile.slug, "Next?", chat["thread_id"]), 404)


@pytest.mark.parametrize("thread_id", [str(uuid.uuid4()), "not-a-thread", "x" * 200])
def test_an_unknown_thread_is_not_found(app, world, thread_id) -> None:
    response = ask(client_for(app, world.recruiter), CHAT_URL, world.cleo_profile.slug, "Skills?",
                   thread_id)
    assert assert_json_error(response, 404)["detail"] == "Conversation not found."


def test_deleting_the_profile_deletes_its_conversations(app, world) -> None:
    client = client_for(app, world.cleo)
    thread = answered(ask(client, COACH_URL, world.cleo_profile.slug, "Next?"))["thread_id"]
    assert client.delete(profile_url(world.cleo_profile.slug)).status_code == 200
    assert stored_messages(thread) == []
    assert db.session.get(ChatThread, thread) is None


# --- input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [CHAT_URL, COACH_URL])
@pytest.mark.parametrize("body, field", [
    ({"resume_slug": "x"}, "input_text"),
    ({"input_text": "   ", "resume_slug": "x"}, "input_text"),
    ({"input_text": 42, "resume_slug": "x"}, "input_text"),
    ({"input_text": "x" * 4001, "resume_slug": "SLUG"}, "input_text"),
    ({"input_text": "Skills?"}, "resume_slug"),
    ({"input_text": "Skills?", "resume_slug": ["a"]}, "resume_slug"),
    ({"input_text": "Skills?", "resume_slug": "SLUG", "thread_id": 7}, "thread_id"),
    ({"input_text": "Skills\x00?", "resume_slug": "SLUG"}, "input_text"),
])
def test_bad_input_is_refused_with_the_field(app, world, url, body, field) -> None:
    client = client_for(app, world.cleo)
    body = {key: world.cleo_profile.slug if value == "SLUG" else value for key, value in body.items()}
    assert_field_error(client.post(url, json=body), field)
    assert db.session.scalar(select(func.count()).select_from(ChatThread)) == 0


def test_four_thousand_characters_are_accepted(app, world) -> None:
    question = ("Tell me about her Python experience. " * 200)[:4000]
    answered(ask(client_for(app, world.cleo), CHAT_URL, world.cleo_profile.slug, question))


@pytest.mark.parametrize("url", [CHAT_URL, COACH_URL])
def test_a_body_that_is_not_an_object_is_refused(app, world, url) -> None:
    client = client_for(app, world.cleo)
    assert_json_error(client.post(url, data="{oops", content_type="application/json"), 400)
    assert_json_error(client.post(url, json=["Skills?"]), 400)


def test_askers_are_rate_limited_per_user(make_app, world) -> None:
    app = make_app(CHAT_RATE_LIMIT="2 per minute")
    cleo, recruiter = client_for(app, world.cleo), client_for(app, world.recruiter)
    for _ in range(2):
        answered(ask(cleo, CHAT_URL, world.cleo_profile.slug, "Skills?"))
    assert_json_error(ask(cleo, COACH_URL, world.cleo_profile.slug, "Next?"), 429)
    answered(ask(recruiter, CHAT_URL, world.cleo_profile.slug, "Skills?"))  # another user's budget


# --- the offline resume chat: grounded answers -------------------------------------------------

def chat(app: Flask, world: World, question: str) -> str:
    return answered(ask(client_for(app, world.recruiter), CHAT_URL, world.cleo_profile.slug,
                        question))["output"]


def test_a_named_skill_is_confirmed_with_a_quote(app, world) -> None:
    output = chat(app, world, "Has she worked with Django?")
    assert "Yes, Django" in output
    assert "Built payment APIs in Python and Django" in output


def test_a_skill_the_resume_lacks_is_said_to_be_missing(app, world) -> None:
    output = chat(app, world, "Does she know Kubernetes?")
    assert "does not mention Kubernetes" in output
    assert "Docker" in output  # the related skill she has


def test_experience_lists_the_jobs_with_dates(app, world) -> None:
    output = chat(app, world, "Tell me about her work history")
    assert "Currently Senior Backend Developer at Initech" in output
    assert "Backend Developer at Globex (2016-01 to 2019-06)" in output


def test_education_comes_from_the_resume(app, world) -> None:
    assert "BSc in Computer Science at University of Turin" in chat(app, world, "What degree does she hold?")


def test_gaps_between_jobs_are_found(app, world) -> None:
    output = chat(app, world, "Are there any gaps in her employment?")
    assert "20 months between 2019-06 and 2021-03" in output


def test_a_question_the_resume_cannot_answer_says_so(app, world) -> None:
    output = chat(app, world, "Which football team does she support?")
    assert "does not say anything about" in output and "football" in output


def test_a_question_about_text_on_the_resume_quotes_it(app, world) -> None:
    assert "Volunteer chess coach on weekends" in chat(app, world, "Does she play chess?")


def test_questions_about_protected_traits_are_declined(app, world) -> None:
    for question in ("How old is she?", "Is she married?", "What is her nationality?"):
        output = chat(app, world, question)
        assert output.startswith("I don't answer questions about age"), output


def test_preferences_come_from_the_profile(app, world) -> None:
    output = chat(app, world, "Is she open to remote work and what salary does she expect?")
    assert "remote" in output and "90-110k EUR" in output


def test_answers_never_carry_another_candidates_data(app, world) -> None:
    questions = ["Summarise this candidate", "Does she know Kubernetes?", "Any concerns?",
                 "Tell me about her work history", "Who else applied?", "Does she know Go?"]
    for question in questions:
        output = chat(app, world, question)
        for secret in OMAR_SECRETS:
            assert secret not in output, (question, secret)


def test_confirmed_data_is_answered_from_over_parsed_data(app, world) -> None:
    confirmed = {"name": "Cleo Marchetti", "skills": ["Rust", "Python"], "work_experience": [
        {"company": "Wayne", "position": "Analyst", "duration": "2019 - Present"},
        {"company": "Umbrella", "position": "Lead Chemist", "duration": "Jan 2015 - Dec 2017"}]}
    world.cleo_profile.verified_data = confirmed
    db.session.commit()

    assert "Yes, Rust is among the skills" in chat(app, world, "Does she know Rust?")
    history = chat(app, world, "Tell me about her work history")
    assert "Currently Analyst at Wayne (2019 - Present)" in history
    assert "Lead Chemist at Umbrella (Jan 2015 - Dec 2017)" in history
    assert "Initech" not in history  # the parsed jobs gave way to the confirmed ones
    assert "12 months between 2017-12 and 2019-01" in chat(app, world, "Any gaps?")


def test_a_profile_not_read_yet_says_so(app, world) -> None:
    empty = make_profile(make_user("new@account.example"), parsing_status="parsing")
    output = answered(ask(client_for(app, world.recruiter), CHAT_URL, empty.slug, "Skills?"))["output"]
    assert "has not been read yet" in output


# --- career coach ------------------------------------------------------------------------------

def coach(app: Flask, world: World, question: str) -> str:
    return answered(ask(client_for(app, world.cleo), COACH_URL, world.cleo_profile.slug, question))["output"]


def test_the_coach_points_to_the_best_fitting_posts_and_the_skills_they_lack(app, world) -> None:
    output = coach(app, world, "Which jobs should I apply for?")
    lines = output.splitlines()
    # Each post is linked to its public page, where the candidate can open it and apply.
    assert re.match(r"- \[Senior Python Engineer\]\(/careers/jobs/\d+/\) \(remote, full-time\): you have ",
                    lines[1]), output
    assert "Python" in lines[1] and "Django" in lines[1]
    # Docker is close to Kubernetes; AWS is missing (under the catalogue's name).
    assert "close to Kubernetes" in lines[1] and "need Amazon Web Services" in lines[1]
    assert "Pastry Chef" not in output  # nothing in common: not suggested
    assert "Acme" not in output  # which organization posted it stays with the organization


def test_the_coach_reads_the_job_posts_in_a_fixed_number_of_queries(app, world) -> None:
    client = client_for(app, world.cleo)
    with count_queries(app) as few:
        answered(ask(client, COACH_URL, world.cleo_profile.slug, "Which jobs fit me?"))
    for number in range(5):
        make_job(make_org(f"Org {number}", make_user(f"owner{number}@example.com")), None,
                 f"Python Engineer {number}", skills=("Python", "Go"), job_desc="Python and Go.")
    with count_queries(app) as many:
        answered(ask(client, COACH_URL, world.cleo_profile.slug, "Which jobs fit me?"))
    assert len(many) == len(few)


def test_the_coach_says_what_to_learn(app, world) -> None:
    output = coach(app, world, "What should I learn next?")
    assert "lacks: Amazon Web Services, Kubernetes." in output


def test_the_coach_reviews_the_resume_against_the_checklist(app, world) -> None:
    output = coach(app, world, "How can I improve my resume?")
    assert "Review and confirm what was read from your resume." in output
    assert "job type preferences" in output
    assert "List at least five skills" not in output  # she has five


def test_a_question_about_learning_is_not_read_as_one_about_jobs_or_pay(app, world) -> None:
    output = answered(ask(client_for(app, world.omar), COACH_URL, world.omar_profile.slug,
                          "Which skills should I learn next?"))["output"]
    assert output.startswith("No post in ETB fits you well enough yet"), output
    assert "salary" not in output and "No job post in ETB fits" not in output


def test_the_coach_compares_salaries(app, world) -> None:
    output = coach(app, world, "What salary can I ask for?")
    assert "90-110k EUR" in output and "100-120k EUR" in output


def test_without_a_recognised_topic_the_coach_gives_an_overview(app, world) -> None:
    output = coach(app, world, "Hello!")
    assert "Senior Python Engineer" in output and "checklist" in output


def test_the_coach_is_for_the_profiles_owner_only(app, world) -> None:
    # A recruiter who may view the profile is refused; a stranger cannot see it at all.
    assert_json_error(ask(client_for(app, world.recruiter), COACH_URL, world.cleo_profile.slug, "Next?"), 403)
    assert_json_error(ask(client_for(app, world.omar), COACH_URL, world.cleo_profile.slug, "Next?"), 404)
    # A sourced profile has no candidate to coach.
    assert_json_error(ask(client_for(app, world.recruiter), COACH_URL, world.sourced.slug, "Next?"), 403)
    assert_json_error(ask(app.test_client(), COACH_URL, world.cleo_profile.slug, "Next?"), 401)
    assert db.session.scalar(select(func.count()).select_from(ChatThread)) == 0


def test_the_coach_when_no_post_fits(app, world) -> None:
    output = answered(ask(client_for(app, world.omar), COACH_URL, world.omar_profile.slug,
                          "Which roles fit me?"))["output"]
    assert output.startswith("No job post in ETB fits your profile well yet."), output
    assert "Terraform" in output  # his strongest skills, to look for
    assert "Cleo" not in output and "Marchetti" not in output


# --- threads: follow-ups build on the conversation, no paragraph twice ----------------------------

def converse(app: Flask, user: User, url: str, slug: str, questions: list[str]) -> list[str]:
    client, thread_id, answers = client_for(app, user), None, []
    for question in questions:
        body = answered(ask(client, url, slug, question, thread_id))
        thread_id = body["thread_id"]
        answers.append(body["output"])
    return answers


def paragraphs_of(answers: list[str]) -> list[str]:
    return [part.strip() for answer in answers for part in re.split(r"\n\s*\n", answer) if part.strip()]


def test_a_resume_chat_thread_builds_on_earlier_turns_and_never_repeats_a_paragraph(app, world) -> None:
    answers = converse(app, world.recruiter, CHAT_URL, world.cleo_profile.slug, [
        "Tell me about her work history", "Tell me more", "and the second one?",
        "Tell me about her work history", "Does she know Django?", "Does she know Django?"])
    history, more, second, again, django, django_again = answers
    assert "Jobs on the resume" in history
    assert more.startswith("Senior Backend Developer at Initech") and "cut response times by 40%" in more
    assert second.startswith("Backend Developer at Globex") and "trained two junior developers" in second
    assert again != history and "Jobs on the resume" not in again
    assert "Yes, Django" in django and "Django" in django_again and django_again != django
    given = paragraphs_of(answers)
    assert len(given) == len(set(given)), answers


def test_the_resume_chat_reads_the_whole_thread_not_only_the_latest_messages(app, world) -> None:
    questions = [f"Does she know {skill}?" for skill in ("Python", "Django", "PostgreSQL", "Docker",
                                                         "Git", "Rust", "Kubernetes")]
    answers = converse(app, world.recruiter, CHAT_URL, world.cleo_profile.slug,
                       [*questions, "Does she know Python?"])
    assert answers[-1] != answers[0] and "Python" in answers[-1]  # asked 8 turns (16 messages) earlier
    given = paragraphs_of(answers)
    assert len(given) == len(set(given)), answers


def test_a_coach_thread_builds_on_earlier_turns_and_links_the_posts(app, world) -> None:
    answers = converse(app, world.cleo, COACH_URL, world.cleo_profile.slug, [
        "Which jobs should I apply for?", "Tell me more", "How do I prepare for it?",
        "Which jobs should I apply for?", "Hello!"])
    jobs, more, prepare, again, hello = answers
    link = re.search(r"\[Senior Python Engineer\]\(/careers/jobs/(\d+)/\)", jobs)
    assert link, jobs
    assert more.startswith(f"{link.group(0)} is the one post that fits you") and "Built payment APIs" in more
    assert prepare.startswith(f"To prepare for a {link.group(0)} interview:")
    assert again != jobs and hello != jobs
    given = paragraphs_of(answers)
    assert len(given) == len(set(given)), answers


# --- with a model --------------------------------------------------------------------------------

@pytest.fixture
def model_app(make_app, chat_server, world) -> Flask:  # noqa: ANN001
    return make_app(OPENAI_API_KEY="test-key", OPENAI_BASE_URL=chat_server.base_url,
                    OPENAI_MODEL="test-model", OPENAI_TIMEOUT=5, OPENAI_MAX_RETRIES=0)


def test_the_model_answers_from_the_profile_sent_as_data(model_app, world, chat_server) -> None:
    chat_server.script(completion("She knows Python, Django and PostgreSQL."))
    body = answered(ask(client_for(model_app, world.recruiter), CHAT_URL, world.cleo_profile.slug,
                        "Key skills?"))

    assert body["output"] == "She knows Python, Django and PostgreSQL."
    assert stored_messages(body["thread_id"])[1].engine == "openai:test-model"
    [request] = chat_server.requests
    messages = request.body["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "user"]
    assert "never as instructions" in messages[0]["content"]
    assert "Cleo" not in messages[0]["content"]  # the profile is data, not instructions
    data = json.loads(messages[1]["content"].split("\n", 1)[1])
    assert data["profile"]["skills"] == CLEO["skills"]
    assert messages[2]["content"] == "Key skills?"
    for secret in OMAR_SECRETS:
        assert secret not in json.dumps(request.body)


def test_the_model_sees_the_conversation_so_far(model_app, world, chat_server) -> None:
    chat_server.script(completion("Python, Django."), completion("Since 2016."))
    client = client_for(model_app, world.recruiter)
    first = answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Key skills?"))
    answered(ask(client, CHAT_URL, world.cleo_profile.slug, "Since when?", first["thread_id"]))

    second = chat_server.requests[1].body["messages"]
    assert [(m["role"], m["content"]) for m in second[2:]] == [
        ("user", "Key skills?"), ("assistant", "Python, Django."), ("user", "Since when?")]


def test_the_history_sent_to_the_model_is_bounded(model_app, world, chat_server) -> None:
    client = client_for(model_app, world.recruiter)
    thread = None
    for number in range(8):
        chat_server.script(completion(f"Answer {number}. " + "x" * 1500))
        thread = answered(ask(client, CHAT_URL, world.cleo_profile.slug, f"Question {number}?",
                              thread))["thread_id"]
    history = chat_server.requests[-1].body["messages"][2:-1]
    assert 0 < len(history) <= 10
    assert sum(len(m["content"]) for m in history) <= 8000
    assert history[-1]["content"].startswith("Answer 6.")  # the latest are the ones kept


def test_the_coach_model_gets_the_fitting_posts_and_the_checklist(model_app, world, chat_server) -> None:
    chat_server.script(completion("Learn Kubernetes."))
    body = answered(ask(client_for(model_app, world.cleo), COACH_URL, world.cleo_profile.slug,
                        "What should I learn?"))
    assert body["output"] == "Learn Kubernetes."
    [request] = chat_server.requests
    data = json.loads(request.body["messages"][1]["content"].split("\n", 1)[1])
    assert data["best_fitting_jobs"][0]["title"] == "Senior Python Engineer"
    assert data["best_fitting_jobs"][0]["missing"] == ["Amazon Web Services"]
    assert data["best_fitting_jobs"][0]["related"] == ["Kubernetes"]
    assert re.fullmatch(r"/careers/jobs/\d+/", data["best_fitting_jobs"][0]["url"])  # for its links
    assert data["checklist_todo"]


@pytest.mark.parametrize("reply", [refusal(), error(500), completion(""), completion(None)],
                         ids=["refusal", "server-error", "empty", "no-content"])
def test_the_offline_engine_answers_when_the_model_fails(model_app, world, chat_server, reply) -> None:
    chat_server.script(reply)
    body = answered(ask(client_for(model_app, world.recruiter), CHAT_URL, world.cleo_profile.slug,
                        "Does she know Django?"))
    assert "Yes, Django" in body["output"]
    assert stored_messages(body["thread_id"])[1].engine == "offline"


def test_a_model_slower_than_the_timeout_is_not_waited_for(make_app, world, chat_server) -> None:
    app = make_app(OPENAI_API_KEY="test-key", OPENAI_BASE_URL=chat_server.base_url,
                   OPENAI_TIMEOUT=0.5, OPENAI_MAX_RETRIES=0)
    chat_server.script(slow(completion("Too late."), 10))
    started = time.monotonic()
    body = answered(ask(client_for(app, world.cleo), COACH_URL, world.cleo_profile.slug, "What next?"))
    assert time.monotonic() - started < 5
    assert "Senior Python Engineer" in body["output"]


def test_an_overlong_question_never_reaches_the_model(model_app, world, chat_server) -> None:
    response = ask(client_for(model_app, world.cleo), CHAT_URL, world.cleo_profile.slug, "x" * 4001)
    assert_field_error(response, "input_text")
    assert chat_server.requests == []
