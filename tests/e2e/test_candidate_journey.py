"""Candidates in the browser: sign up, upload a resume and watch it being read, review and
confirm it (skill chips, suggestions, repeatable groups), set preferences, ask the career coach.
Refused uploads explain themselves; every candidate page passes axe-core; resume text that
looks like markup stays text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.api.accounts_helpers import verification_code
from tests.api.profile_helpers import make_profile
from tests.e2e.conftest import assert_accessible, log_in, screenshot
from tests.e2e.test_accounts import sign_up
from tests.helpers import make_user, png_bytes
from tests.views.candidate_helpers import resume_pdf

pytestmark = pytest.mark.browser
PDF = "application/pdf"


def upload(page: Page, name: str, data: bytes, mime: str = PDF) -> None:
    page.get_by_label("Resume (PDF or DOCX)").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.get_by_role("button", name="Upload resume").click()


def test_a_candidate_goes_from_sign_up_to_the_career_coach(page: Page, outbox) -> None:  # noqa: ANN001
    sign_up(page, "jane@example.com", first="Jane")
    page.get_by_label("Verification code").fill(verification_code(outbox, "jane@example.com"))
    page.get_by_role("button", name="Verify").click()

    # A new candidate lands on the upload page.
    expect(page).to_have_url(re.compile(r"/me/resume$"))
    expect(page.get_by_text("No resume yet — upload one to get started")).to_be_visible()
    assert_accessible(page)
    refreshed: list[str] = []  # the progress partial, fetched again on each live event
    page.on("request", lambda request: refreshed.append(request.url)
            if request.url.endswith("/me/resume/status") else None)
    with page.expect_response(lambda response: response.url.endswith("/me/resume")
                              and response.request.method == "GET") as landing:
        upload(page, "jane-doe.pdf", resume_pdf())
    live = "sse-connect" in landing.value.text()  # still being read when the page was drawn

    # The progress region fills in by itself once the resume is read.
    status = page.locator("#parse-status")
    expect(status.get_by_role("status")).to_contain_text("We have read your resume")
    expect(status).to_contain_text("Jane Doe")
    expect(status).to_contain_text("Python, Django, PostgreSQL")
    assert refreshed or not live, "the page never listened to the live events"
    assert_accessible(page)
    screenshot(page, "candidate-upload")

    page.get_by_role("link", name="Review and confirm").click()
    expect(page.get_by_label("Full name")).to_have_value("Jane Doe")
    expect(page.get_by_label("Email", exact=True)).to_have_value("jane.doe@example.com")
    expect(page.get_by_label("Position")).to_have_value("Senior Developer")
    expect(page.get_by_label("School or university")).to_have_value("Technical University of Berlin")

    # Chips: remove one, add one through the catalogue's suggestions.
    page.get_by_role("button", name="Remove Django").click()
    expect(page.get_by_role("button", name="Remove Django")).to_have_count(0)
    page.get_by_label("Add a skill").fill("Kube")
    expect(page.locator("#skill-suggestions option[value='Kubernetes']")).to_have_count(1)
    page.get_by_label("Add a skill").fill("Kubernetes")
    page.get_by_label("Add a skill").press("Enter")
    expect(page.get_by_role("button", name="Remove Kubernetes")).to_be_visible()
    expect(page.get_by_label("Add a skill")).to_have_value("")

    # A second job, added and then removed again; a headline typed in.
    page.get_by_role("button", name="Add a job").click()
    expect(page.get_by_role("group", name="Job 2")).to_be_visible()
    page.get_by_role("group", name="Job 2").get_by_label("Position").fill("Intern")
    page.get_by_role("button", name="Remove job 2").click()
    expect(page.get_by_role("group", name="Job 2")).to_have_count(0)
    page.get_by_label("Headline").fill("Backend developer")
    assert_accessible(page)
    screenshot(page, "candidate-review")
    page.get_by_role("button", name="Confirm", exact=True).click()

    # The profile: confirmed data labelled, preferences saved.
    expect(page).to_have_url(re.compile(r"/me$"))
    expect(page.get_by_role("status")).to_contain_text("your profile is confirmed")
    about = page.locator("#about-heading").locator("..")
    expect(about).to_contain_text("Backend developer")
    expect(about).to_contain_text("Kubernetes")
    expect(about).not_to_contain_text("Django")
    expect(about.get_by_text("Confirmed by you").first).to_be_visible()
    page.get_by_label("Remote").check()
    page.get_by_label("Full time").check()
    page.get_by_label("Expected salary").fill("70,000 EUR")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status")).to_contain_text("Your preferences are saved.")
    expect(page.get_by_label("Remote")).to_be_checked()
    expect(page.get_by_label("Expected salary")).to_have_value("70,000 EUR")
    assert_accessible(page)
    screenshot(page, "candidate-my-profile")  # "candidate-profile" is the recruiter view

    # The coach answers below the question, and the thread is kept.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Career coach").click()
    expect(page.get_by_text("No messages yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your question").fill("Which skills should I learn next?")
    page.get_by_role("button", name="Ask").click()
    log = page.get_by_role("log")
    expect(log.locator("li.from-user")).to_have_text("You: Which skills should I learn next?")
    expect(log.locator("li.from-assistant")).to_have_count(1)
    expect(page.get_by_label("Your question")).to_have_value("")
    expect(page.get_by_text("No messages yet.")).to_be_hidden()
    page.get_by_label("Your question").fill("And which jobs fit me?")
    page.get_by_role("button", name="Ask").click()
    expect(log.locator("li.from-assistant")).to_have_count(2)
    assert_accessible(page)
    screenshot(page, "candidate-coach")
    page.reload()
    expect(page.get_by_role("log").locator("li")).to_have_count(4)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    expect(page.get_by_label("First name")).to_have_value("Jane")
    assert_accessible(page)
    screenshot(page, "candidate-account")

    # On a phone, no page scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("/me/resume", "/me/review", "/me", "/me/coach", "/account"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto("/me/review")
    screenshot(page, "candidate-review-mobile")


def test_a_refused_upload_says_why_and_the_page_stays_usable(page: Page, app) -> None:  # noqa: ANN001
    make_user("tom@example.com", is_candidate=True, first_name="Tom")
    log_in(page, "tom@example.com")
    page.goto("/me/resume")
    upload(page, "notes.txt", b"plain text, not a resume", "text/plain")
    expect(page.get_by_role("alert")).to_have_text("Upload a PDF or DOCX file.")
    expect(page.get_by_label("Resume (PDF or DOCX)")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    upload(page, "photo.pdf", png_bytes(), PDF)  # a picture renamed .pdf
    expect(page.get_by_role("alert")).to_have_text("Upload a PDF or DOCX file.")

    # A file dropped on the zone goes into the file input.
    transfer = page.evaluate_handle("""(bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], "dropped.pdf", {type: "application/pdf"}));
        return data;
    }""", list(resume_pdf()))
    page.locator("[data-dropzone]").dispatch_event("drop", {"dataTransfer": transfer})
    assert page.get_by_label("Resume (PDF or DOCX)").evaluate("input => input.files[0].name") == "dropped.pdf"
    page.get_by_role("button", name="Upload resume").click()
    expect(page.locator("#parse-status").get_by_role("status")).to_contain_text("We have read your resume")
    expect(page.locator("#progress-heading")).to_contain_text("dropped.pdf")


def test_resume_text_that_looks_like_markup_stays_text(page: Page, app) -> None:  # noqa: ANN001
    user = make_user("eve@example.com", is_candidate=True)
    make_profile(user, parsing_status="parsed", resume_file="candidate-resumes/none.pdf",
                 resume_data={"name": "<script>alert(1)</script>",
                              "summary": "<img src=x onerror=alert(1)>",
                              "skills": ["<b>bold</b>"]})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, "eve@example.com")
    for path in ("/me/resume", "/me/review", "/me"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    expect(page.get_by_text("<img src=x onerror=alert(1)>")).to_be_visible()
    expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible()
    assert page.locator("img[src=x]").count() == 0
    assert dialogs == []
