"""Recruiters and candidates in the browser: open a candidate, note a selected passage of the
resume, ask the resume chat; search in plain language (also with the keyboard only); upload
sourced resumes and watch each being read. Every page passes axe-core; resume text and notes
that look like markup stay text."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlalchemy import select

from tests.api.jobs_helpers import make_org
from tests.api.notes_helpers import make_note, put_file
from tests.api.profile_helpers import make_profile
from tests.e2e.conftest import assert_accessible, log_in, screenshot
from tests.helpers import make_user
from tests.views.candidates_helpers import RESUME_DATA, RESUME_TEXT, SOURCED_DATA
from webapp.extensions import db
from webapp.models import Organization

pytestmark = pytest.mark.browser
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real text (reportlab)."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=letter)
    y = 740
    for line in lines:
        sheet.setFont("Helvetica", 11)
        sheet.drawString(72, y, line)
        y -= 16
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def seed(app: Flask, **fields):  # noqa: ANN201
    """A recruiter of Acme, a candidate with a parsed resume, a sourced profile of Acme."""
    recruiter = make_user("rita@example.com", first_name="Rita")
    org = make_org("Acme", recruiter)
    candidate = make_user("dana@example.com", first_name="Dana", last_name="Devlin")
    fields.setdefault("resume_text", RESUME_TEXT)
    profile = make_profile(candidate, resume_data=RESUME_DATA, parsing_status="parsed",
                           resume_file=put_file(app, "candidate-resumes", pdf(RESUME_TEXT.splitlines())),
                           resume_filename="dana.pdf", work_mode_preferences=["remote"], **fields)
    make_profile(organization=org, resume_data=SOURCED_DATA, parsing_status="parsed",
                 resume_text="Sam Sourced\nGo, Kubernetes")
    return recruiter, profile


def select_in_resume(page: Page, passage: str) -> None:
    """Select `passage` inside the resume text block, as a user dragging the mouse would."""
    page.evaluate("""(passage) => {
        const block = document.querySelector("[data-note-source]");
        const node = block.firstChild;
        const start = node.textContent.indexOf(passage);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + passage.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        block.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    }""", passage)


def test_a_recruiter_notes_a_passage_and_asks_the_resume_chat(page: Page, app: Flask) -> None:
    recruiter, profile = seed(app)
    log_in(page, recruiter.email)
    page.goto(f"/candidates/{profile.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dana Devlin")
    expect(page.locator("iframe.resume-frame")).to_be_visible()
    expect(page.locator("iframe.resume-frame")).to_have_attribute("src", re.compile(r"/files/private/"))
    # The frame really loads the signed file (the viewer itself stays blank in headless Chromium).
    for _ in range(50):
        if any("/files/private/" in frame.url for frame in page.frames):
            break
        page.wait_for_timeout(100)
    assert any("/files/private/" in frame.url for frame in page.frames)
    expect(page.get_by_role("region", name="Text read from the resume")).to_contain_text("Spree Tech")
    assert_accessible(page)

    select_in_resume(page, "Built Django REST APIs")
    notes = page.locator("#notes")
    expect(notes.locator("[data-note-quote]")).to_have_text("Built Django REST APIs")
    expect(notes.locator("input[name=section]")).to_have_value("Experience")
    notes.get_by_role("button", name="Add note").click()  # nothing written yet
    expect(notes.locator("#note-error")).to_have_text("This field is required.")
    expect(notes.get_by_label("Note")).to_have_attribute("aria-invalid", "true")
    expect(notes.locator("[data-note-quote]")).to_have_text("Built Django REST APIs")
    notes.get_by_label("Note").fill("Ask about the payments APIs")
    notes.get_by_role("button", name="Add note").click()
    expect(notes.get_by_role("status")).to_contain_text("Note added.")
    listed = notes.locator(".note-list .note")
    expect(listed).to_have_count(1)
    expect(listed.first.locator("blockquote")).to_have_text("Built Django REST APIs")
    expect(listed.first).to_contain_text("Ask about the payments APIs")
    expect(notes.get_by_label("Note")).to_have_value("")

    chat = page.locator("#chat")
    chat.get_by_label("Your question").fill("What are the candidate's skills?")
    chat.get_by_role("button", name="Ask").click()
    log = chat.get_by_role("list", name="Conversation")
    expect(log.locator(".from-user")).to_have_text(re.compile("What are the candidate's skills?"))
    expect(log.locator(".from-assistant")).to_contain_text("Python")
    expect(chat.get_by_label("Your question")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "candidate-profile")

    # Reopening shows the conversation and the note again.
    page.reload()
    expect(page.locator("#chat .from-user")).to_have_count(1)
    expect(page.locator("#notes .note-list .note")).to_have_count(1)


def test_a_note_is_edited_and_deleted_in_place(page: Page, app: Flask) -> None:
    recruiter, profile = seed(app)
    make_note(profile, recruiter, "First take")
    log_in(page, recruiter.email)
    page.goto(f"/candidates/{profile.slug}")
    page.goto(f"/candidates/notes/{make_note(profile, recruiter, 'Second note').id}/edit")  # without JS
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit note")
    assert_accessible(page)
    page.goto(f"/candidates/{profile.slug}")
    note = page.locator("#notes .note").last
    expect(note).to_contain_text("First take")
    note.get_by_role("link", name="Edit this note").click()
    editing = page.locator("#notes .note.editing")
    editing.get_by_label("Note").fill("Second take")
    assert_accessible(page)
    editing.get_by_role("button", name="Save note").click()
    expect(page.locator("#notes .note").last).to_contain_text("Second take")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#notes .note").last.get_by_role("button", name="Delete this note").click()
    expect(page.locator("#notes-status")).to_contain_text("Note deleted.")
    expect(page.locator("#notes .note")).to_have_count(1)


def test_plain_language_search_shows_results_with_the_reasoning(page: Page, app: Flask) -> None:
    recruiter, profile = seed(app)
    log_in(page, recruiter.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page.get_by_text("Describe the person you need")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Describe who you are looking for").fill("Python developer with Django, 5 years")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("region", name="Search results")
    expect(results.locator(".reasoning")).to_contain_text("Read as:")
    expect(results.locator(".result")).to_have_count(1)
    expect(results.locator(".match-reason")).to_contain_text("Python")
    expect(page).to_have_url(re.compile(r"/candidates/search\?q=Python"))
    assert_accessible(page)
    screenshot(page, "candidate-search")
    results.get_by_role("link", name="Open profile of match 1").click()
    expect(page).to_have_url(re.compile(f"/candidates/{profile.slug}$"))


def test_search_with_the_keyboard_only(page: Page, app: Flask) -> None:
    recruiter, profile = seed(app)
    log_in(page, recruiter.email)
    page.goto("/candidates/search")

    def tab_until(check: str, limit: int = 30) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(check):
                return
        raise AssertionError(f"Tab never reached {check}")

    tab_until("document.activeElement.id === 'q'")
    page.keyboard.type("Django developer")
    page.keyboard.press("Enter")
    expect(page.locator("#search-results .result")).to_have_count(1)
    expect(page.locator("#q")).to_be_focused()
    tab_until("document.activeElement.matches('#search-results a')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/candidates/{profile.slug}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dana Devlin")


def test_sourced_uploads_show_each_outcome_and_the_parsing_live(page: Page, app: Flask) -> None:
    recruiter, _profile = seed(app)
    log_in(page, recruiter.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sourced").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sourced candidates")
    expect(page.get_by_role("table")).to_contain_text("Sam Sourced")
    assert_accessible(page)

    resume = pdf(["Lena Lind", "lena@example.com", "Experience",
                  "Data Engineer, Nordic Data, 2018 - present", "Skills", "Python, Spark, SQL"])
    page.get_by_label("Resumes (PDF or DOCX, one candidate per file)").set_input_files(files=[
        {"name": "lena.pdf", "mimeType": "application/pdf", "buffer": resume},
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a resume"},
    ])
    page.get_by_role("button", name="Upload").click()
    outcomes = page.locator("#upload-results .outcome")
    expect(outcomes).to_have_count(2)
    rejected = page.locator("#upload-results .outcome.rejected")
    expect(rejected).to_contain_text("notes.txt")
    expect(rejected).to_contain_text("Upload a PDF or DOCX file.")
    accepted = page.locator("#upload-results .outcome.accepted")
    expect(accepted).to_contain_text("lena.pdf")
    expect(accepted.get_by_role("status")).to_contain_text("The resume has been read.", timeout=20_000)
    row = page.get_by_role("row", name=re.compile("lena.pdf"))
    expect(row).to_contain_text("Lena Lind")  # the list follows the parsing too
    expect(row).to_contain_text("Parsed")
    assert_accessible(page)
    screenshot(page, "sourced-upload")

    accepted.get_by_role("link", name="Open the profile from lena.pdf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lena Lind")


def test_markup_in_resume_text_and_notes_stays_inert(page: Page, app: Flask) -> None:
    recruiter, profile = seed(app, resume_text=f"Intro\n{XSS}\n{RESUME_TEXT}")
    make_note(profile, recruiter, XSS, selected_text=XSS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, recruiter.email)
    page.goto(f"/candidates/{profile.slug}")
    expect(page.get_by_role("region", name="Text read from the resume")).to_contain_text(XSS)
    expect(page.locator("#notes .note-text")).to_have_text(XSS)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("#resume-text script, #resume-text img, #notes img").count() == 0


def test_a_candidate_is_refused_the_recruiter_pages(page: Page, app: Flask) -> None:
    seed(app)
    log_in(page, "dana@example.com")
    response = page.goto("/candidates/search")
    assert response is not None and response.status == 403
    expect(page.get_by_role("alert")).to_contain_text("This page is not for your account.")


def test_the_pages_fit_a_phone(page: Page, app: Flask) -> None:
    recruiter, profile = seed(app)
    make_note(profile, recruiter, "A rather long note " * 20, selected_text="Built Django REST APIs")
    log_in(page, recruiter.email)
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/candidates/search?q=python+developer+with+django", f"/candidates/{profile.slug}",
                 "/candidates/sourced"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways ({width}px)"


def test_a_sourced_row_being_read_updates_itself(page: Page, app: Flask) -> None:
    recruiter, _profile = seed(app)
    waiting = make_profile(organization=db.session.scalar(select(Organization)), parsing_status="pending",
                           resume_file=put_file(app, "candidate-resumes", pdf(["Pat Pending"])),
                           resume_filename="pat.pdf")
    log_in(page, recruiter.email)
    page.goto("/candidates/sourced")
    row = page.get_by_role("row", name=re.compile("pat.pdf"))
    expect(row).to_contain_text("Waiting")
    waiting.parsing_status, waiting.resume_data = "parsed", {"name": "Pat Pending"}
    db.session.commit()
    expect(row).to_contain_text("Parsed", timeout=8_000)
    expect(row).to_contain_text("Pat Pending")
