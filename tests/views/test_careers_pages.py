"""Public careers pages, no sign-in: an organization's open jobs, every open job, one job with
its schema.org JobPosting block, title, meta description and canonical link. Drafts and
closed jobs are neither listed nor shown."""

from __future__ import annotations

import re

import pytest

from tests.api.jobs_helpers import make_job
from tests.views.careers_helpers import (  # noqa: F401
    Careers,
    canonical,
    careers_fixture,
    head_of,
    job_posting,
    meta_description,
    text_of,
    titles,
)
from tests.views.helpers import HX
from webapp.extensions import db

BAD_FILTERS = [
    ("workplace_type=spaceship", "Work mode: Choose one of: remote, onsite, hybrid."),
    ("job_type=forever", "Job type: Choose one of: full-time, part-time, contract, internship, temporary."),
    ("q=" + "x" * 201, "Search jobs: At most 200 characters."),
    ("location=" + "y" * 201, "Location: At most 200 characters."),
]


# --- an organization's careers page ------------------------------------------------------------

def test_the_careers_page_shows_the_organization_and_its_open_jobs(careers: Careers) -> None:
    response = careers.client().get(f"/careers/{careers.acme.id}/")

    assert response.status_code == 200
    body = text_of(response)
    assert "<h1>Acme Robotics</h1>" in body and "We build friendly robots." in body
    assert 'class="org-logo" src="http://localhost/files/public/organization-avatars/acme.png"' in body
    assert titles(body) == ["Robot Nurse", "Backend Engineer"]  # newest first
    for hidden in ("Secret Draft Role", "Filled Closed Role", "Rival Welder"):
        assert hidden not in body
    assert "2 open jobs." in body
    assert f'<a href="/careers/jobs/{careers.backend.id}/">Backend Engineer</a>' in body
    assert "<title>Jobs at Acme Robotics · ETB</title>" in body
    assert canonical(body) == f"http://localhost/careers/{careers.acme.id}/"
    assert meta_description(body) == "We build friendly robots."


@pytest.mark.parametrize(("query", "expected"), [
    ("workplace_type=remote", ["Backend Engineer"]),
    ("job_type=part-time", ["Robot Nurse"]),
    ("location=berl", ["Robot Nurse"]),
    ("q=django", ["Backend Engineer"]),
    ("q=robot&workplace_type=onsite&job_type=part-time&location=germany", ["Robot Nurse"]),
    ("workplace_type=hybrid", []),
])
def test_filters_narrow_the_list_and_stay_in_the_form(careers: Careers, query: str,
                                                      expected: list[str]) -> None:
    response = careers.client().get(f"/careers/{careers.acme.id}/?{query}")

    assert response.status_code == 200
    body = text_of(response)
    assert titles(body) == expected
    if expected:
        assert f"{len(expected)} open job" in body and "match" in body
    else:
        assert "No open job matches these filters." in body
    assert f'<a href="/careers/{careers.acme.id}/">Clear the filters</a>' in body
    for pair in query.split("&"):
        name, value = pair.split("=")
        if name in ("workplace_type", "job_type"):
            assert f'<option selected value="{value}">' in body
        else:
            assert re.search(rf'name="{name}"[^>]*type="search" value="{value}"', body)


def test_the_filter_form_works_without_javascript_and_with_htmx(careers: Careers) -> None:
    client = careers.client()
    body = text_of(client.get(f"/careers/{careers.acme.id}/"))
    assert f'<form method="get" action="/careers/{careers.acme.id}/" role="search"' in body
    for label in ('for="q">Search jobs', 'for="workplace_type">Work mode', 'for="job_type">Job type',
                  'for="location">Location'):
        assert label in body
    assert 'hx-target="#careers-results"' in body

    partial = client.get(f"/careers/{careers.acme.id}/?q=nurse",
                         headers={**HX, "HX-Target": "careers-results"})
    assert partial.status_code == 200
    assert text_of(partial).lstrip().startswith('<section id="careers-results"')
    assert "<html" not in text_of(partial) and titles(text_of(partial)) == ["Robot Nurse"]


@pytest.mark.parametrize(("query", "message"), BAD_FILTERS)
def test_bad_filter_values_are_explained_not_obeyed(careers: Careers, query: str, message: str) -> None:
    client = careers.client()
    for path in (f"/careers/{careers.acme.id}/", "/careers/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        body = text_of(response)
        assert '<div class="alert alert-error" role="alert">' in body and message in body
        assert titles(body) == []

    partial = client.get(f"/careers/?{query}", headers={**HX, "HX-Target": "careers-results"})
    assert partial.status_code == 200 and message in text_of(partial)  # HTMX swaps only a 200


def test_the_list_comes_a_page_at_a_time_and_keeps_the_filters(careers: Careers) -> None:
    for number in range(23):
        make_job(careers.acme, None, f"Remote role {number:02d}", workplace_type="remote")
    client = careers.client()

    first = text_of(client.get(f"/careers/{careers.acme.id}/?workplace_type=remote"))
    assert len(titles(first)) == 20 and "24 open jobs match the filters · page 1 of 2." in first
    assert f'href="/careers/{careers.acme.id}/?page=2&amp;workplace_type=remote"' in first

    second_page = client.get(f"/careers/{careers.acme.id}/?page=2&workplace_type=remote")
    second = text_of(second_page)
    assert titles(second) == ["Remote role 02", "Remote role 01", "Remote role 00", "Backend Engineer"]
    assert canonical(second) == f"http://localhost/careers/{careers.acme.id}/?page=2"
    assert titles(text_of(client.get(f"/careers/{careers.acme.id}/?page=99&workplace_type=remote"))) \
        == titles(second)  # past the end: the last page
    assert len(titles(text_of(client.get(f"/careers/{careers.acme.id}/?page=abc")))) == 20


def test_an_organization_without_open_jobs_says_so(careers: Careers) -> None:
    careers.rival_job.status = "closed"
    db.session.commit()
    body = text_of(careers.client().get(f"/careers/{careers.rival.id}/"))
    assert "Rival Works has no open jobs right now." in body


def test_a_missing_organization_is_the_html_not_found_page(careers: Careers) -> None:
    for path in ("/careers/999999/", "/careers/99999999999/"):
        response = careers.client().get(path)
        assert response.status_code == 404 and response.mimetype == "text/html"
        assert '<section class="error-page" role="alert">' in text_of(response)


# --- every open job ---------------------------------------------------------------------------

def test_every_open_job_of_every_organization_is_listed_with_its_organization(careers: Careers) -> None:
    response = careers.client().get("/careers/")

    assert response.status_code == 200
    body = text_of(response)
    assert titles(body) == ["Rival Welder", "Robot Nurse", "Backend Engineer"]
    assert "Secret Draft Role" not in body and "Filled Closed Role" not in body
    assert f'<a href="/careers/{careers.rival.id}/">Rival Works</a>' in body
    assert "<title>Find jobs · ETB</title>" in body and canonical(body) == "http://localhost/careers/"
    assert titles(text_of(careers.client().get("/careers/?job_type=contract"))) == ["Rival Welder"]
    assert titles(text_of(careers.client().get("/careers/?q=ROBOT"))) == ["Robot Nurse"]


def test_find_jobs_is_linked_from_the_home_page_and_the_navigation(careers: Careers) -> None:
    body = text_of(careers.client().get("/"))
    assert '<li><a href="/careers/">Find jobs</a></li>' in body  # a visitor's navigation
    assert '<a class="button secondary" href="/careers/">Find jobs</a>' in body
    current = text_of(careers.client().get("/careers/"))
    assert '<li><a href="/careers/" aria-current="page">Find jobs</a></li>' in current


# --- one job ------------------------------------------------------------------------------------

def test_a_job_page_shows_the_whole_job(careers: Careers) -> None:
    response = careers.client().get(f"/careers/jobs/{careers.backend.id}/")

    assert response.status_code == 200
    body = text_of(response)
    assert "<h1>Backend Engineer</h1>" in body
    assert "Build our Python and Django services.\nWork with a friendly team." in body
    assert '<li class="chip">Python</li>' in body and '<li class="chip">Django</li>' in body
    for fact in ("<dt>Work mode</dt><dd>Remote</dd>", "<dt>Job type</dt><dd>Full time</dd>",
                 "<dt>Location</dt><dd>Lisbon</dd>", "<dt>Salary</dt><dd>$120,000 - $150,000</dd>",
                 "<dt>Work visa</dt><dd>Not required</dd>"):
        assert fact in body
    assert f'<a href="/careers/{careers.acme.id}/">All jobs at Acme Robotics</a>' in body


@pytest.mark.parametrize("which", ["draft", "closed", "rival_missing"])
def test_draft_closed_and_missing_jobs_are_not_found(careers: Careers, which: str) -> None:
    job_id = {"draft": careers.draft.id, "closed": careers.closed.id, "rival_missing": 999999}[which]
    response = careers.client().get(f"/careers/jobs/{job_id}/")
    assert response.status_code == 404 and response.mimetype == "text/html"
    body = text_of(response)
    assert '<section class="error-page" role="alert">' in body and "application/ld+json" not in body


def test_the_job_page_has_its_title_meta_description_and_canonical_link(careers: Careers) -> None:
    careers.backend.job_desc = ("We are hiring a backend engineer to build and run the Python "
                                "services behind our robots, from the first sketch to the pager, "
                                "with a small team that cares about <quality> & kindness alike.")
    db.session.commit()
    # Whatever host the page is asked through, the canonical address is on SITE_URL.
    response = careers.client().get(f"/careers/jobs/{careers.backend.id}/",
                                    headers={"Host": "mirror.example"})

    body = text_of(response)
    assert "<title>Backend Engineer at Acme Robotics · ETB</title>" in body
    description = meta_description(body)
    assert len(description) <= 155 and description.endswith("…")
    assert description.startswith("We are hiring a backend engineer to build")
    assert "\n" not in description
    assert canonical(body) == f"http://localhost/careers/jobs/{careers.backend.id}/"
    assert f'<meta property="og:url" content="http://localhost/careers/jobs/{careers.backend.id}/">' in body


def test_the_job_posting_block_has_what_job_search_engines_need(careers: Careers) -> None:
    posting = job_posting(careers.client().get(f"/careers/jobs/{careers.backend.id}/"))

    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert posting["title"] == "Backend Engineer"
    assert posting["description"] == careers.backend.job_desc
    assert posting["datePosted"] == careers.backend.created_at.date().isoformat()
    assert posting["url"] == f"http://localhost/careers/jobs/{careers.backend.id}/"
    assert posting["hiringOrganization"] == {
        "@type": "Organization", "name": "Acme Robotics", "sameAs": "https://acme.example",
        "logo": "http://localhost/files/public/organization-avatars/acme.png"}
    assert posting["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in posting
    assert posting["employmentType"] == "FULL_TIME"
    assert posting["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000}}
    assert posting["skills"] == "Django, Python"


def test_an_on_site_job_has_a_place_and_an_unreadable_salary_is_left_out(careers: Careers) -> None:
    posting = job_posting(careers.client().get(f"/careers/jobs/{careers.nurse.id}/"))

    assert posting["jobLocation"] == {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Berlin, Germany"}}
    assert "jobLocationType" not in posting
    assert posting["employmentType"] == "PART_TIME"
    assert "baseSalary" not in posting  # "Competitive" is no amount


def test_an_organization_without_a_website_or_logo_points_to_its_careers_page(careers: Careers) -> None:
    posting = job_posting(careers.client().get(f"/careers/jobs/{careers.rival_job.id}/"))
    assert posting["hiringOrganization"] == {
        "@type": "Organization", "name": "Rival Works",
        "sameAs": f"http://localhost/careers/{careers.rival.id}/"}
    assert posting["employmentType"] == "CONTRACTOR"


@pytest.mark.parametrize(("job_type", "expected"), [
    ("internship", "INTERN"), ("temporary", "TEMPORARY"), (None, None)])
def test_every_job_type_has_its_employment_type(careers: Careers, job_type: str | None,
                                                expected: str | None) -> None:
    job = make_job(careers.acme, None, "Helper", job_type=job_type)
    posting = job_posting(careers.client().get(f"/careers/jobs/{job.id}/"))
    assert posting.get("employmentType") == expected
    assert "jobLocation" not in posting and "jobLocationType" not in posting  # nothing stated


def test_text_of_the_job_cannot_break_out_of_the_block(careers: Careers) -> None:
    hostile = 'Great job</script><script>alert("x")</script><!-- & more'
    job = make_job(careers.acme, None, "Tester </script>", job_desc=hostile)
    response = careers.client().get(f"/careers/jobs/{job.id}/")

    head = head_of(text_of(response))
    data = head.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data  # written as \u escapes
    posting = job_posting(response)  # the whole record, up to the block's own end
    assert posting["description"] == hostile and posting["title"] == "Tester </script>"
    assert "<script>alert" not in text_of(response)


def test_the_pages_keep_the_strict_content_security_policy(careers: Careers) -> None:
    for path in (f"/careers/jobs/{careers.backend.id}/", f"/careers/{careers.acme.id}/", "/careers/"):
        policy = careers.client().get(path).headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy


def test_other_pages_do_not_change_their_head(careers: Careers) -> None:
    body = text_of(careers.client().get("/login"))
    assert """app.js" defer></script>\n</head>""" in body
    assert "canonical" not in body and "ld+json" not in body
