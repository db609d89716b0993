"""Job pages: list with search, post, edit, delete. Members of the job's organization use them;
a job of another organization is not found."""

from __future__ import annotations

import re

from tests.api.jobs_helpers import make_job, make_org, stored_job
from tests.helpers import make_user
from tests.views.helpers import HX, login_page
from tests.views.recruiter_helpers import (  # noqa: F401
    Recruiting,
    field_error,
    post,
    recruiting_fixture,
    text_of,
    value_of,
)
from webapp.extensions import db
from webapp.models import Job

FULL_JOB = {"title": "Platform Engineer", "job_desc": "Run our Python services on Kubernetes.",
            "workplace_type": "hybrid", "job_type": "contract", "location": "Lisbon, Portugal",
            "estimated_salary": "€70k", "visa_required": "y", "skill": "Python, kubernetes"}


def newest_job() -> Job:
    db.session.expire_all()
    return db.session.query(Job).order_by(Job.id.desc()).first()


# --- list and search ---------------------------------------------------------------------------

def test_the_list_shows_the_organizations_jobs(recruiting: Recruiting) -> None:
    response = recruiting.client(recruiting.colleague).get("/jobs/")
    assert response.status_code == 200
    html = text_of(response)
    assert "Senior Python Developer" in html and "Rival Secret Role" not in html
    assert 'hx-trigger="input changed delay:300ms from:#q, submit"' in html
    assert '<button type="submit" class="secondary">Search</button>' in html


def test_search_filters_and_htmx_gets_only_the_list(recruiting: Recruiting) -> None:
    make_job(recruiting.acme, recruiting.owner, "Office Manager")
    client = recruiting.client(recruiting.owner)

    html = text_of(client.get("/jobs/?q=python"))
    assert "Senior Python Developer" in html and "Office Manager" not in html
    assert value_of(html, "q") == "python"

    partial = text_of(client.get("/jobs/?q=office", headers={**HX, "HX-Target": "job-list"}))
    assert partial.lstrip().startswith('<section id="job-list"')
    assert "Office Manager" in partial and "Senior Python Developer" not in partial
    assert "<html" not in partial

    assert "No job matches your search" in text_of(client.get("/jobs/?q=nothing-like-this"))


def test_the_list_comes_a_page_at_a_time(recruiting: Recruiting) -> None:
    for n in range(30):
        make_job(recruiting.acme, recruiting.owner, f"Role number {n:02d}")
    client = recruiting.client(recruiting.owner)

    first = text_of(client.get("/jobs/"))
    assert "31 jobs." in first and "Page 1 of 2" in first
    assert first.count('<li class="card">') == 25
    assert 'href="/jobs/?page=2"' in first and "Role number 29" in first

    second = text_of(client.get("/jobs/?page=2"))
    assert second.count('<li class="card">') == 6 and "Senior Python Developer" in second
    assert "Page 2 of 2" in second and 'href="/jobs/?page=1"' in second
    assert "Page 2 of 2" in text_of(client.get("/jobs/?page=9"))  # past the end: the last page
    searched = text_of(client.get("/jobs/?q=number"))
    assert "30 jobs match" in searched and 'href="/jobs/?page=2&amp;q=number"' in searched


def test_the_list_needs_a_recruiter(recruiting: Recruiting) -> None:
    response = recruiting.client().get("/jobs/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert recruiting.client(recruiting.candidate).get("/jobs/").status_code == 403


# --- post --------------------------------------------------------------------------------------

def test_a_recruiter_posts_a_job_with_skills(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.colleague)
    form = text_of(client.get("/jobs/new"))
    assert 'list="skill-suggestions"' in form and 'hx-get="/skills/suggest"' in form
    assert 'id="organization"' not in form  # only one to choose from

    response = post(client, "/jobs/new", FULL_JOB)

    assert response.status_code == 302
    job = newest_job()
    assert response.headers["Location"] == f"/jobs/{job.id}"
    assert (job.title, job.workplace_type, job.job_type, job.location, job.estimated_salary,
            job.visa_required, job.organization_id, job.user_id) == (
        "Platform Engineer", "hybrid", "contract", "Lisbon, Portugal", "€70k", True,
        recruiting.acme.id, recruiting.colleague.id)
    assert sorted(skill.name for skill in job.skills) == ["Kubernetes", "Python"]
    assert "Platform Engineer is posted" in text_of(client.get(response.headers["Location"]))


def test_a_job_without_a_title_keeps_everything_typed(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    before = db.session.query(Job).count()

    response = post(client, "/jobs/new", {**FULL_JOB, "title": ""})

    assert response.status_code == 400
    html = text_of(response)
    assert field_error(html, "title") == "This field is required."
    assert 'aria-invalid="true"' in html
    assert "Run our Python services on Kubernetes.</textarea>" in html
    assert value_of(html, "location") == "Lisbon, Portugal"
    assert value_of(html, "estimated_salary") == "€70k"
    assert re.search(r'<option selected value="hybrid">|<option value="hybrid" selected>', html)
    # The typed skills became ticked chips.
    for skill in ("Python", "kubernetes"):
        assert re.search(rf'<input checked[^>]*value="{skill}"', html), skill
    assert db.session.query(Job).count() == before


def test_service_limits_show_next_to_the_field(recruiting: Recruiting) -> None:
    response = post(recruiting.client(recruiting.owner), "/jobs/new",
                    {**FULL_JOB, "title": "x" * 201, "workplace_type": "moon", "skill": "y" * 70})
    assert response.status_code == 400
    html = text_of(response)
    assert "no more than 200 characters" in field_error(html, "title")
    assert "Choose one of: remote, onsite, hybrid." in field_error(html, "workplace_type")
    assert "at most 64 characters" in re.search(r'id="skills-error">([^<]*)<', html).group(1)


def test_a_recruiter_of_two_organizations_chooses_one(recruiting: Recruiting) -> None:
    second = make_org("Second", recruiting.owner)
    client = recruiting.client(recruiting.owner)
    form = text_of(client.get("/jobs/new"))
    assert '<select aria-describedby="organization-hint" id="organization"' in form
    response = post(client, "/jobs/new", {**FULL_JOB, "organization": str(second.id)})
    assert response.status_code == 302 and newest_job().organization_id == second.id
    response = post(client, "/jobs/new", {**FULL_JOB, "organization": str(recruiting.rival.id)})
    assert response.status_code == 400
    assert "not a member of this organization" in text_of(response)


def test_posting_needs_a_recruiter(recruiting: Recruiting) -> None:
    response = recruiting.client().get("/jobs/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert post(recruiting.client(recruiting.newcomer), "/jobs/new", FULL_JOB).status_code == 403
    assert post(recruiting.client(recruiting.candidate), "/jobs/new", FULL_JOB).status_code == 403


def test_a_post_without_the_csrf_token_is_refused(recruiting: Recruiting) -> None:
    response = recruiting.client(recruiting.owner).post("/jobs/new", data=FULL_JOB)
    assert response.status_code == 400
    assert newest_job().title != "Platform Engineer"


# --- edit --------------------------------------------------------------------------------------

def test_the_edit_form_shows_the_job_and_saves_changes(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.colleague)
    url = f"/jobs/{recruiting.job.id}/edit"
    html = text_of(client.get(url))
    assert value_of(html, "title") == "Senior Python Developer"
    assert re.search(r'<input checked[^>]*value="Django"', html)

    # Untick Django, keep Python, add Flask.
    response = post(client, url, {"title": "Staff Python Developer", "job_desc": "Lead the team.",
                                  "workplace_type": "remote", "skills": ["Python"], "skill": "Flask"})

    assert response.status_code == 302 and response.headers["Location"] == f"/jobs/{recruiting.job.id}"
    job = stored_job(recruiting.job.id)
    assert job.title == "Staff Python Developer" and job.location is None
    assert sorted(skill.name for skill in job.skills) == ["Flask", "Python"]


def test_an_invalid_edit_is_400_and_keeps_the_typed_values(recruiting: Recruiting) -> None:
    response = post(recruiting.client(recruiting.owner), f"/jobs/{recruiting.job.id}/edit",
                    {"title": "New title", "job_desc": "", "skills": ["Python"]})
    assert response.status_code == 400
    html = text_of(response)
    assert field_error(html, "job_desc") == "This field is required."
    assert value_of(html, "title") == "New title"
    assert re.search(r'<input checked[^>]*value="Python"', html)
    assert re.search(r'<input (?!checked)[^>]*value="Django"', html)  # unticked, still offered
    assert stored_job(recruiting.job.id).title == "Senior Python Developer"


def test_a_job_of_another_organization_is_not_found(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.outsider)
    job_id = recruiting.job.id
    assert client.get(f"/jobs/{job_id}").status_code == 404
    assert client.get(f"/jobs/{job_id}/edit").status_code == 404
    assert post(client, f"/jobs/{job_id}/edit", FULL_JOB).status_code == 404
    assert post(client, f"/jobs/{job_id}/delete").status_code == 404
    assert post(client, f"/jobs/{job_id}/rank").status_code == 404
    assert client.get(f"/jobs/{job_id}/ranking", headers=HX).status_code == 404
    assert stored_job(job_id).title == "Senior Python Developer"


def test_job_pages_need_a_login(recruiting: Recruiting) -> None:
    client = recruiting.client()
    for url in (f"/jobs/{recruiting.job.id}", f"/jobs/{recruiting.job.id}/edit"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- delete ------------------------------------------------------------------------------------

def test_a_member_deletes_a_job_after_confirming(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.colleague)
    html = text_of(client.get(f"/jobs/{recruiting.job.id}"))
    assert 'data-confirm="Delete the job “Senior Python Developer”?' in html

    response = post(client, f"/jobs/{recruiting.job.id}/delete")

    assert response.status_code == 302 and response.headers["Location"] == "/jobs/"
    assert stored_job(recruiting.job.id) is None
    assert "Senior Python Developer is deleted" in text_of(client.get("/jobs/"))


def test_user_text_is_escaped_everywhere(app) -> None:  # noqa: ANN001
    owner = make_user("x@example.com")
    organization = make_org("<b>Org</b>", owner)
    job = make_job(organization, owner, "<script>alert(1)</script>", skills=("<i>skill</i>",),
                   location="<img src=x>")
    client = login_page(app.test_client(), owner.email)
    for url in ("/dashboard", "/jobs/", f"/jobs/{job.id}", f"/jobs/{job.id}/edit",
                f"/organizations/{organization.id}"):
        html = text_of(client.get(url))
        for raw in ("<script>alert", "<b>Org</b>", "<i>skill</i>", "<img src=x>"):
            assert raw not in html, (url, raw)
