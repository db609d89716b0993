"""A recruiter in the browser: browses candidates with filters, reads their notes across
profiles, and deletes a sourced candidate after confirming. Every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.api.jobs_helpers import make_org
from tests.api.notes_helpers import key_path, make_note, put_file
from tests.api.profile_helpers import docx_bytes, make_profile, stored_profile
from tests.e2e.conftest import assert_accessible, log_in, screenshot
from tests.helpers import make_user
from tests.views.candidates_helpers import RESUME_DATA, RESUME_TEXT, SOURCED_DATA

pytestmark = pytest.mark.browser


def test_browse_my_notes_and_delete_a_sourced_candidate(page: Page, app: Flask) -> None:
    recruiter = make_user("rita@example.com", first_name="Rita")
    org = make_org("Acme", recruiter)
    candidate = make_user("dana@example.com", first_name="Dana", last_name="Devlin")
    profile = make_profile(candidate, resume_data=RESUME_DATA, resume_text=RESUME_TEXT,
                           parsing_status="parsed", work_mode_preferences=["remote"])
    resume = put_file(app, "candidate-resumes", docx_bytes("Sam Sourced, Go"), "docx")
    sourced = make_profile(organization=org, resume_data=SOURCED_DATA, parsing_status="parsed",
                           resume_text="Sam Sourced\nGo, Kubernetes", resume_file=resume,
                           resume_filename="sam.docx")
    make_note(profile, recruiter, "Strong Django depth", selected_text="Built Django REST APIs",
              section="Experience")
    log_in(page, recruiter.email)

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Browse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Browse candidates")
    results = page.locator("#browse-results")
    expect(results.get_by_role("link", name="Dana Devlin")).to_be_visible()
    expect(results.get_by_role("link", name="Sam Sourced")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Skill", exact=True).fill("Kubernetes")  # HTMX updates the list as one types
    expect(results.get_by_role("link", name="Dana Devlin")).to_have_count(0)
    expect(results.get_by_role("link", name="Sam Sourced")).to_be_visible()
    expect(page).to_have_url(re.compile(r"skill=Kubernetes"))
    assert_accessible(page)
    screenshot(page, "candidates-browse")

    nav.get_by_role("link", name="My notes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My notes")
    expect(page.locator(".my-notes blockquote")).to_have_text("Built Django REST APIs")
    expect(page.locator(".my-notes")).to_contain_text("Strong Django depth")
    assert_accessible(page)
    screenshot(page, "candidates-my-notes")

    page.goto(f"/candidates/{sourced.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Sourced")
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Delete this candidate").click()
    expect(page).to_have_url(re.compile(r"/candidates/sourced$"))
    expect(page.locator("#flashes")).to_contain_text("Sam Sourced is deleted")
    assert messages and messages[0].startswith("Delete Sam Sourced for good?")
    assert stored_profile(sourced.slug) is None
    assert not key_path(app, resume).exists()
    assert stored_profile(profile.slug) is not None
