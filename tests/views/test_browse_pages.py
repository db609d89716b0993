"""Browsing candidates (/candidates/): the profiles a recruiter may see, filtered and paginated,
with a clear empty state and explained refusals; and the recruiter's notes across profiles
(/candidates/notes), never anyone else's."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.api.jobs_helpers import make_org
from tests.api.notes_helpers import make_note
from tests.api.profile_helpers import make_profile
from tests.helpers import count_queries, make_user
from tests.views.candidates_helpers import World
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import HX, login_page
from tests.views.recruiter_helpers import text_of
from webapp.extensions import db

BROWSE = "/candidates/"
NOTES = "/candidates/notes"
NAMES = ("Dana Devlin", "Sam Sourced", "Rhea Rival")


def shown(html: str) -> set[str]:
    """The candidate names the list links to."""
    return {name for name in NAMES if re.search(rf'<a href="/candidates/[^"]+">{name}</a>', html)}


# --- browse ------------------------------------------------------------------------------------

def test_a_recruiter_sees_candidates_own_profiles_and_their_organizations_sourced_ones(world: World) -> None:
    response = world.client(world.recruiter).get(BROWSE)
    html = text_of(response)
    assert response.status_code == 200 and "<h1>Browse candidates</h1>" in html
    assert shown(html) == {"Dana Devlin", "Sam Sourced"}
    assert f'href="/candidates/{world.profile.slug}"' in html
    assert f'href="/candidates/{world.sourced.slug}"' in html
    assert world.rival_sourced.slug not in html
    assert "Candidate's own profile" in html and "Sourced by Acme" in html
    assert '<li class="chip">Python</li>' in html and '<li class="chip">Kubernetes</li>' in html
    assert '<p class="lead">Senior Python Developer</p>' in html  # the first job's title
    assert '<span class="badge ok">Available</span>' in html
    assert "2 candidates." in html


def test_the_headline_comes_first_and_availability_shows(world: World) -> None:
    world.sourced.verified_data = {"headline": "Platform engineer", "name": "Sam Sourced"}
    world.sourced.is_available = False
    db.session.commit()
    html = text_of(world.client(world.recruiter).get(BROWSE))
    item = html.split(f'href="/candidates/{world.sourced.slug}"', 1)[1].split('<li class="card">', 1)[0]
    assert '<p class="lead">Platform engineer</p>' in item
    assert '<span class="badge warn">Not available</span>' in item


@pytest.mark.parametrize(("query", "expected"), [
    ({"available": "1"}, {"Sam Sourced"}),
    ({"work_mode": "remote"}, {"Dana Devlin"}),
    ({"employment_type": "contract"}, {"Sam Sourced"}),
    ({"skill": "kubernetes"}, {"Sam Sourced"}),
    ({"skill": "Python"}, {"Dana Devlin"}),
    ({"q": "spree tech"}, {"Dana Devlin"}),
    ({"q": "Kubernetes", "available": "1", "employment_type": "contract"}, {"Sam Sourced"}),
])
def test_each_filter_narrows_the_list(world: World, query: dict, expected: set[str]) -> None:
    world.profile.is_available = False
    world.sourced.employment_type_preferences = ["contract"]
    db.session.commit()
    response = world.client(world.recruiter).get(BROWSE, query_string=query)
    html = text_of(response)
    assert response.status_code == 200
    assert shown(html) == expected
    said = "1 candidate matches" if len(expected) == 1 else f"{len(expected)} candidates match"
    assert f"{said} the filters." in html
    assert 'href="/candidates/">Clear the filters</a>' in html


def test_the_filters_keep_what_was_chosen(world: World) -> None:
    html = text_of(world.client(world.recruiter).get(BROWSE, query_string={
        "available": "1", "work_mode": "hybrid", "skill": "Go", "q": "berlin"}))
    assert re.search(r'<input[^>]*checked[^>]*name="available"|<input[^>]*name="available"[^>]*checked', html)
    assert '<option selected value="hybrid">Hybrid</option>' in html
    assert 'value="Go"' in html and 'value="berlin"' in html


def test_no_match_says_so(world: World) -> None:
    html = text_of(world.client(world.recruiter).get(BROWSE, query_string={"skill": "COBOL"}))
    assert shown(html) == set()
    assert "No candidate matches these filters." in html


def test_a_recruiter_who_sees_nobody_gets_an_empty_state(app) -> None:  # noqa: ANN001
    recruiter = make_user("solo@example.com")
    make_org("Solo", recruiter)
    html = text_of(login_page(app.test_client(), recruiter.email).get(BROWSE))
    assert "No candidates yet." in html and 'href="/candidates/sourced"' in html


@pytest.mark.parametrize(("query", "message"), [
    ({"work_mode": "moon"}, "Work mode: Choose one of: remote, onsite, hybrid."),
    ({"employment_type": "forever"}, "Job type: Choose one of: full-time, part-time, contract"),
    ({"skill": "x" * 201}, "Skill: At most 200 characters."),
    ({"q": "y" * 201}, "Words in the profile: At most 200 characters."),
    ({"page": "abc"}, "Page: choose a page number from 1 to 10000."),
    ({"page": "0"}, "Page: choose a page number from 1 to 10000."),
    ({"page": "99999999999999999999999"}, "Page: choose a page number from 1 to 10000."),
])
def test_invalid_filters_are_explained_not_a_server_error(world: World, query: dict, message: str) -> None:
    response = world.client(world.recruiter).get(BROWSE, query_string=query)
    html = text_of(response)
    assert response.status_code == 400
    assert '<div class="alert alert-error" role="alert">' in html and message in html


def test_the_list_comes_a_page_at_a_time(world: World) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for number in range(23):  # older than Dana and Sam: 25 profiles, 2 pages
        make_profile(organization=world.sourced.organization, created_at=start + timedelta(hours=number),
                     resume_data={"name": f"Pat Number{number:02d}"})
    client = world.client(world.recruiter)

    first = text_of(client.get(BROWSE))
    assert first.count('<li class="card">') == 20 and "Pat Number22" in first and "Pat Number05" in first
    assert "Dana Devlin" in first and "Pat Number04" not in first
    assert "25 candidates · page 1 of 2." in first
    assert 'rel="next" href="/candidates/?page=2"' in first and 'rel="prev"' not in first

    second = text_of(client.get(BROWSE, query_string={"page": "2"}))
    assert second.count('<li class="card">') == 5 and "Pat Number04" in second and "Pat Number00" in second
    assert 'rel="prev" href="/candidates/?page=1"' in second and 'rel="next"' not in second

    filtered = text_of(client.get(BROWSE, query_string={"available": "1", "page": "1"}))
    assert 'rel="next" href="/candidates/?page=2&amp;available=1"' in filtered

    past_the_end = client.get(BROWSE, query_string={"page": "7"})
    assert past_the_end.status_code == 200 and "page 2 of 2" in text_of(past_the_end)


def test_htmx_gets_only_the_results(world: World) -> None:
    response = world.client(world.recruiter).get(
        BROWSE, query_string={"skill": "Go"}, headers={**HX, "HX-Target": "browse-results"})
    html = text_of(response)
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<section id="browse-results"')
    assert shown(html) == {"Sam Sourced"}
    refused = world.client(world.recruiter).get(
        BROWSE, query_string={"work_mode": "moon"}, headers={**HX, "HX-Target": "browse-results"})
    assert refused.status_code == 200 and "Work mode: Choose one of" in text_of(refused)


def test_browse_is_for_recruiters(world: World) -> None:
    assert world.client(world.candidate).get(BROWSE).status_code == 403
    assert world.client(make_user("member@example.com")).get(BROWSE).status_code == 403
    response = world.client(None).get(BROWSE)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_navigation_names_each_candidate_page(world: World) -> None:
    html = text_of(world.client(world.recruiter).get(BROWSE))
    assert 'href="/candidates/search">Search</a>' in html
    assert 'href="/candidates/" aria-current="page">Browse</a>' in html
    assert 'href="/candidates/sourced">Sourced</a>' in html
    assert 'href="/candidates/notes">My notes</a>' in html


# --- my notes ----------------------------------------------------------------------------------

def test_my_notes_lists_the_recruiters_notes_newest_first(world: World) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    older = make_note(world.profile, world.recruiter, "Great Django depth", created_at=start,
                      selected_text="Built Django REST APIs", section="Experience")
    newer = make_note(world.sourced, world.recruiter, "Call about Kubernetes",
                      created_at=start + timedelta(days=1))
    make_note(world.profile, world.colleague, "Colleague's private thought")
    make_note(world.rival_sourced, world.rival, "Rival's note")
    response = world.client(world.recruiter).get(NOTES)
    html = text_of(response)
    assert response.status_code == 200 and "<h1>My notes</h1>" in html
    assert html.index("Call about Kubernetes") < html.index("Great Django depth")
    assert f'href="/candidates/{world.profile.slug}#note-{older.id}">Dana Devlin</a>' in html
    assert f'href="/candidates/{world.sourced.slug}#note-{newer.id}">Sam Sourced</a>' in html
    assert '<blockquote class="quote">Built Django REST APIs</blockquote>' in html
    assert "in Experience" in html and "2 notes." in html
    assert "Colleague&#39;s private thought" not in html and "Rival" not in html


def test_my_notes_reads_the_profiles_with_the_notes(world: World) -> None:
    """No query per note: the profiles come in the notes' own query."""
    client = world.client(world.recruiter)
    make_note(world.profile, world.recruiter, "First")
    with count_queries(world.app) as few:
        assert client.get(NOTES).status_code == 200
    for number in range(4):
        extra = make_profile(organization=world.sourced.organization, parsing_status="parsed",
                             resume_data={"name": f"Extra {number}"})
        make_note(extra, world.recruiter, f"Note {number}")
    with count_queries(world.app) as many:
        html = text_of(client.get(NOTES))
    assert "5 notes." in html and "Extra 3" in html
    assert len(many) == len(few)


def test_my_notes_come_fifty_a_page(world: World) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    for number in range(53):
        make_note(world.profile, world.recruiter, f"Note number {number:02d}",
                  created_at=start + timedelta(minutes=number))
    client = world.client(world.recruiter)
    first = text_of(client.get(NOTES))
    assert "53 notes · page 1 of 2." in first and first.count('<li class="note"') == 50
    assert "Note number 52" in first and "Note number 02" not in first
    assert f'href="{NOTES}?page=2"' in first
    second = text_of(client.get(f"{NOTES}?page=2"))
    assert second.count('<li class="note"') == 3 and "Note number 00" in second
    assert "page 2 of 2" in text_of(client.get(f"{NOTES}?page=7"))  # past the end: the last page


def test_lists_of_profiles_leave_the_resume_text_out(world: World) -> None:
    make_note(world.profile, world.recruiter, "First")
    client = world.client(world.recruiter)
    for url in (BROWSE, NOTES, "/candidates/sourced"):
        with count_queries(world.app) as statements:
            assert client.get(url).status_code == 200, url
        reads = [sql for sql in statements if "candidate_profiles" in sql]
        assert reads, url
        assert not any(f"candidate_profiles.{column} AS" in sql for sql in reads
                       for column in ("resume_text", "rank_features", "search_text")), url


def test_another_recruiter_sees_only_their_own_notes(world: World) -> None:
    make_note(world.profile, world.recruiter, "Rita's note")
    make_note(world.rival_sourced, world.rival, "Ravi's note")
    html = text_of(world.client(world.rival).get(NOTES))
    assert "Ravi&#39;s note" in html and "Rita&#39;s note" not in html


def test_my_notes_has_an_empty_state(world: World) -> None:
    html = text_of(world.client(world.recruiter).get(NOTES))
    assert "No notes yet." in html and 'class="note-list' not in html


def test_notes_stay_text(world: World) -> None:
    make_note(world.profile, world.recruiter, "<script>alert(1)</script>", selected_text="<b>x</b>")
    html = text_of(world.client(world.recruiter).get(NOTES))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_my_notes_is_for_recruiters(world: World) -> None:
    assert world.client(world.candidate).get(NOTES).status_code == 403
    response = world.client(None).get(NOTES)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_an_edited_note_says_when(world: World) -> None:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    note = make_note(world.profile, world.recruiter, "First thought", created_at=start)
    html = text_of(world.client(world.recruiter).get(NOTES))
    assert "01 Mar 2026, 09:00 UTC" in html and "edited" not in html
    note.updated_at = start + timedelta(days=2)
    db.session.commit()
    html = text_of(world.client(world.recruiter).get(NOTES))
    assert "edited <time" in html and "03 Mar 2026, 09:00 UTC" in html
