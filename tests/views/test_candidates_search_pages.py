"""Candidate search page (/candidates/search): plain-language query, results with the reasoning,
score, match reason, skills and a link to the profile; HTMX partial; validation; access."""

from __future__ import annotations

import pytest

from tests.helpers import make_user
from tests.views.candidates_helpers import World
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import HX

SEARCH = "/candidates/search"


def test_a_recruiter_searches_in_plain_language(world: World) -> None:
    client = world.client(world.recruiter)
    response = client.get(SEARCH, query_string={"q": "Python developer with Django"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Search candidates</h1>" in html
    assert "Read as:" in html  # the reasoning sentence
    assert f'href="/candidates/{world.profile.slug}"' in html
    assert 'class="score-meter"' in html and "% match" in html
    assert "Django" in html
    assert 'value="Python developer with Django"' in html  # the box keeps the query
    # Another organization's sourced candidate never shows up.
    assert world.rival_sourced.slug not in html


def test_the_search_page_without_a_query_invites_one(world: World) -> None:
    html = world.client(world.recruiter).get(SEARCH).get_data(as_text=True)
    assert "Describe the person you need" in html
    assert "Results" not in html


def test_no_match_says_so(world: World) -> None:
    html = world.client(world.recruiter).get(SEARCH, query_string={"q": "COBOL mainframe in Lima"}) \
        .get_data(as_text=True)
    assert "No candidate matches all of that" in html
    assert "Read as:" in html


def test_an_htmx_search_gets_the_results_partial(world: World) -> None:
    response = world.client(world.recruiter).get(SEARCH, query_string={"q": "Python"}, headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="search-results"' in html
    assert 'aria-live="polite"' in html
    assert 'id="q-error" hx-swap-oob="true"' in html  # clears an earlier error next to the box


def test_a_too_long_query_is_refused_next_to_the_box(world: World) -> None:
    query = "python " * 100
    response = world.client(world.recruiter).get(SEARCH, query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="q-error">At most 500 characters.</p>' in html
    assert 'aria-invalid="true"' in html
    assert query.strip() in html  # what was typed stays
    partial = world.client(world.recruiter).get(SEARCH, query_string={"q": query}, headers=HX)
    assert partial.status_code == 200  # HTMX swaps only successful answers
    assert "At most 500 characters." in partial.get_data(as_text=True)


def test_not_signed_in_goes_to_login(world: World) -> None:
    response = world.client(None).get(SEARCH)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("who", ["candidate", "member"])
def test_search_is_for_recruiters_only(world: World, who: str) -> None:
    user = world.candidate if who == "candidate" else make_user("nobody@example.com")
    assert world.client(user).get(SEARCH, query_string={"q": "python"}).status_code == 403


def test_the_navigation_links_the_recruiter_pages(world: World) -> None:
    html = world.client(world.recruiter).get(SEARCH).get_data(as_text=True)
    assert 'href="/candidates/search" aria-current="page">Search</a>' in html
    assert 'href="/candidates/sourced">Sourced</a>' in html
