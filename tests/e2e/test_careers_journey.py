"""A visitor in the browser: finds a job on an organization's careers page, signs up from the job
page, verifies the email, uploads a resume, comes back to the job, applies with the keyboard,
and sees the application under My applications as Received. The careers page, the job page
(with its schema.org block, which the strict content policy lets through as data) and My
applications pass axe-core."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.api.accounts_helpers import verification_code
from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import make_org
from tests.e2e.conftest import assert_accessible, screenshot
from tests.e2e.test_accounts import NEW_PASSWORD
from tests.e2e.test_candidate_journey import upload
from tests.helpers import make_user
from tests.views.candidate_helpers import resume_pdf
from webapp.extensions import db

pytestmark = pytest.mark.browser


def test_a_visitor_finds_a_job_signs_up_uploads_a_resume_and_applies(page: Page, outbox) -> None:  # noqa: ANN001
    owner = make_user("owner@acme.example", first_name="Olive")
    acme = make_org("Acme Robotics", owner)
    acme.about = "We build friendly robots."
    db.session.commit()
    make_job(acme, owner, "Robot Nurse", job_desc="Care for our robots on site.",
             workplace_type="onsite", job_type="part-time", location="Berlin")
    job = make_job(acme, owner, "Backend Engineer", skills=("Python", "Django"),
                   job_desc="Build our Python and Django services.", workplace_type="remote",
                   job_type="full-time", estimated_salary="$120,000 - $150,000")
    make_job(acme, owner, "Secret Draft Role", status="draft")

    # The careers page: the organization and its open jobs, narrowed by the filters.
    page.goto(f"/careers/{acme.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Robotics")
    expect(page.get_by_text("We build friendly robots.")).to_be_visible()
    results = page.locator("#careers-results")
    expect(results.get_by_role("heading", level=3)).to_have_count(2)
    expect(results).not_to_contain_text("Secret Draft Role")
    assert_accessible(page)
    screenshot(page, "careers-page")
    page.get_by_label("Work mode").select_option("remote")
    expect(results.get_by_role("heading", level=3)).to_have_text(["Backend Engineer"])
    expect(page).to_have_url(re.compile(r"workplace_type=remote"))
    page.get_by_label("Search jobs").fill("django")
    page.get_by_label("Search jobs").press("Enter")
    expect(results.get_by_role("status")).to_contain_text("1 open job matches the filters")
    results.get_by_role("link", name="Backend Engineer").click()

    # The job page, with its schema.org block.
    expect(page).to_have_url(re.compile(rf"/careers/jobs/{job.id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Backend Engineer")
    posting = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert (posting["@type"], posting["title"], posting["jobLocationType"]) == (
        "JobPosting", "Backend Engineer", "TELECOMMUTE")
    assert_accessible(page)
    screenshot(page, "careers-job")

    # Sign up from the job, verify, and come back to it.
    page.get_by_role("link", name="Create an account to apply").click()
    expect(page).to_have_url(re.compile(r"/signup\?next="))
    page.get_by_label("I'm looking for work").check()
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Quist")
    page.get_by_label("Email").fill("nora@example.com")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_label("Verification code").fill(verification_code(outbox, "nora@example.com"))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(rf"/careers/jobs/{job.id}/$"))
    expect(page.get_by_role("status")).to_contain_text("Your email is verified")

    # No resume yet: upload one, and come back to the job.
    page.get_by_role("link", name="Upload your resume").click()
    expect(page.get_by_text("After the upload you go straight back")).to_be_visible()
    upload(page, "nora-quist.pdf", resume_pdf())
    expect(page).to_have_url(re.compile(rf"/careers/jobs/{job.id}/$"))
    expect(page.get_by_role("status")).to_contain_text("Your resume is uploaded")

    # Apply with the keyboard: the link at the top leads to the form. (The page's scripts first:
    # the test server parses the resume in its own process, which can hold back their loading.)
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Apply for Backend Engineer").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Apply for Backend Engineer")).to_be_focused()
    page.keyboard.press("Tab")
    letter = page.get_by_label("Cover letter (optional)")
    expect(letter).to_be_focused()
    page.keyboard.type("I build Python services that robots rely on.")
    expect(letter).to_have_value("I build Python services that robots rely on.")
    expect(page.get_by_text("4,956 of 5,000 characters left")).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Apply", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    # My applications: Received.
    expect(page).to_have_url(re.compile(r"/me/applications/$"))
    expect(page.get_by_role("status")).to_contain_text("You applied to Backend Engineer at Acme Robotics.")
    row = page.get_by_role("row", name=re.compile("Backend Engineer"))
    expect(row).to_contain_text("Acme Robotics")
    expect(row).to_contain_text("Received")
    assert_accessible(page)
    screenshot(page, "careers-my-applications")

    # Back on the job, the page says so instead of offering the form again.
    page.goto(f"/careers/jobs/{job.id}/")
    expect(page.get_by_text("You applied on")).to_be_visible()
    expect(page.get_by_label("Cover letter (optional)")).to_have_count(0)

    # On a phone, no careers page scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("/careers/", f"/careers/{acme.id}/", f"/careers/jobs/{job.id}/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
