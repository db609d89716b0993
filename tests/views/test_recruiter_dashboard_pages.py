"""The recruiter dashboard (/dashboard) and where each kind of user lands after logging in."""

from __future__ import annotations

import re

from tests.api.jobs_helpers import make_job, make_org, ranked
from tests.helpers import count_queries, make_user
from tests.views.helpers import csrf_token, login_page
from tests.views.recruiter_helpers import Recruiting, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from webapp.extensions import db


def test_the_dashboard_lists_the_organizations_jobs_with_their_ranking(recruiting: Recruiting) -> None:
    done = make_job(recruiting.acme, recruiting.owner, "Data <Engineer>")
    done.candidate_ranking_data = {"ranked_at": "2026-11-20T09:15:00Z", "pool_size": 42,
                                   "ranked_candidates": []}
    done.ranking_status = "ranked"
    db.session.commit()

    response = recruiting.client(recruiting.colleague).get("/dashboard")

    assert response.status_code == 200
    html = text_of(response)
    assert "Senior Python Developer" in html and "Not ranked yet" in html
    assert "Data &lt;Engineer&gt;" in html and "<Engineer>" not in html  # escaped
    assert "42 candidates" in html and "20 Nov 2026, 09:15 UTC" in html
    assert f'href="/jobs/{recruiting.job.id}"' in html
    assert "Rival Secret Role" not in html  # another organization's job


def test_the_dashboard_shows_the_newest_jobs_and_counts_them_all_without_reading_rankings(
        recruiting: Recruiting) -> None:
    ranking = {"ranked_at": "2026-11-20T09:15:00Z", "pool_size": 7,
               "ranked_candidates": [{"candidate_id": n, "match_reason": "x" * 500} for n in range(50)]}
    for n in range(24):
        make_job(recruiting.acme, recruiting.owner, f"Ranked role {n:02d}", ranking_status="ranked",
                 candidate_ranking_data=ranking)
    client = recruiting.client(recruiting.colleague)

    with count_queries(recruiting.app) as statements:
        html = text_of(client.get("/dashboard"))

    assert re.search(r"· 25 jobs\s+· 24 ranked", html)
    assert html.count('<tr>') == 1 + 20  # the header row and the 20 newest jobs
    assert "Ranked role 23" in html and "Senior Python Developer" not in html
    assert '<a href="/jobs/">See all 25 jobs</a>' in html
    assert "7 candidates" in html
    job_reads = [sql for sql in statements if "FROM jobs" in sql]
    assert job_reads and not any("candidate_ranking_data" in sql for sql in job_reads), job_reads


def test_an_organization_without_jobs_is_invited_to_post_one(app) -> None:  # noqa: ANN001
    owner = make_user("solo@example.com")
    make_org("Solo", owner)
    client = login_page(app.test_client(), owner.email)

    html = text_of(client.get("/dashboard"))

    assert "No jobs yet — post your first job" in html
    assert 'href="/jobs/new"' in html


def test_the_dashboard_needs_a_signed_in_recruiter(recruiting: Recruiting) -> None:
    response = recruiting.client().get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert recruiting.client(recruiting.newcomer).get("/dashboard").status_code == 403
    assert recruiting.client(recruiting.candidate).get("/dashboard").status_code == 403


def test_recruiters_land_on_the_dashboard_and_members_on_organization_creation(
        recruiting: Recruiting) -> None:
    for user, home in ((recruiting.owner, "/dashboard"), (recruiting.newcomer, "/organizations/new")):
        client = recruiting.app.test_client()
        token = csrf_token(text_of(client.get("/login")))
        response = client.post("/login", data={"email": user.email, "password": "correct-horse-battery",
                                               "csrf_token": token})
        assert response.headers["Location"] == home


def test_the_navigation_shows_the_recruiter_pages(recruiting: Recruiting) -> None:
    html = text_of(recruiting.client(recruiting.owner).get("/dashboard"))
    assert 'href="/dashboard" aria-current="page">Dashboard' in html
    assert 'href="/jobs/">Jobs' in html
    member = text_of(recruiting.client(recruiting.newcomer).get("/organizations/new"))
    assert ">Create organization</a>" in member


def test_a_ranked_job_is_shown_as_ranked(recruiting: Recruiting) -> None:
    ranked(recruiting.job)
    html = text_of(recruiting.client(recruiting.owner).get("/dashboard"))
    assert '<span class="badge ok">Ranked</span>' in html
