"""The hiring team in the browser: a recruiter comments "@<colleague> please interview", the
colleague (a hiring manager on that job) gets the email and a notification, opens the
application from it and replies, and the recruiter's open page shows the reply without a
reload; the candidate's pages never show either comment. The owner edits the rejection email
with a live preview; a rejection emailed later is cancelled from the application page and no
email goes out. Every page passes axe-core."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org
from tests.e2e.conftest import assert_accessible, log_in, new_page, screenshot
from tests.e2e.test_pipeline_board import wait_for_mail
from tests.helpers import make_user
from webapp.extensions import db
from webapp.models import job_hiring_team, organization_members
from webapp.services import applications
from webapp.services.membership import HIRING_MANAGER

pytestmark = pytest.mark.browser


def test_comments_mentions_templates_and_a_cancelled_rejection(page: Page, browser: Browser, live_server: str,
                                                               outbox) -> None:  # noqa: ANN001
    owner = make_user("rita@acme.example", first_name="Rita", last_name="Root")
    recruiter = make_user("rex@acme.example", first_name="Rex", last_name="Hunter")
    manager = make_user("hana@acme.example", first_name="Hana", last_name="Manager")
    organization = make_org("Acme", owner, recruiter, manager)
    db.session.execute(db.update(organization_members).where(
        organization_members.c.user_id == manager.id).values(role=HIRING_MANAGER))
    job = make_job(organization, owner, "Senior Python Developer", skills=("Python",))
    db.session.execute(db.insert(job_hiring_team).values(job_id=job.id, user_id=manager.id))
    jane = make_user("jane@mail.example", first_name="Jane", last_name="Doe")
    candidate_with_resume(jane)
    application = applications.apply(jane, job.id, "I would like to join.")
    db.session.commit()
    wait_for_mail(outbox, "jane@mail.example", 1)

    log_in(page, recruiter.email)
    page.goto(f"/applications/{application.id}")
    expect(page.get_by_role("heading", name="Comments")).to_be_visible()
    box = page.get_by_label("Add a comment")
    box.press_sequentially("@ha")  # the team is suggested: Enter takes the first
    expect(page.get_by_role("option", name="@hana.manager")).to_be_visible()
    box.press("Enter")
    box.press_sequentially("please interview")
    expect(box).to_have_value("@hana.manager please interview")
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.locator("#comments-body")).to_contain_text("Comment added.")
    expect(page.locator(".comment-body")).to_contain_text("please interview")
    assert_accessible(page)
    time.sleep(0.5)  # the page's comment stream is open

    wait_for_mail(outbox, "hana@acme.example", 1)
    mention = outbox.to("hana@acme.example")[-1]
    assert "Rex Hunter mentioned you" in mention["Subject"]
    assert f"/applications/{application.id}" in outbox.last_body("hana@acme.example")

    with new_page(browser, live_server) as colleague:
        log_in(colleague, manager.email)
        colleague.goto("/jobs/")
        expect(colleague.get_by_role("link", name="Notifications 1 unread")).to_be_visible()
        colleague.get_by_role("link", name="Notifications 1 unread").click()
        expect(colleague.locator(".notification")).to_contain_text("Rex Hunter mentioned you")
        assert_accessible(colleague)
        colleague.get_by_role("button", name="Open the application").click()
        expect(colleague.locator(".comment-body")).to_contain_text("please interview")
        colleague.get_by_label("Add a comment").fill("Booked for Thursday, @rex.hunter")
        colleague.get_by_role("button", name="Comment", exact=True).click()
        expect(colleague.locator("#comments-body")).to_contain_text("Comment added.")
        expect(page.locator("#comment-list")).to_contain_text("Booked for Thursday")  # live, no reload
        screenshot(colleague, "application-comments")

    with new_page(browser, live_server) as candidate:
        log_in(candidate, jane.email)
        candidate.goto("/me/applications/")
        expect(candidate.get_by_role("row", name="Senior Python Developer")).to_be_visible()
        for address in ("/me/applications/", f"/careers/jobs/{job.id}/"):
            candidate.goto(address)
            assert "please interview" not in candidate.content() and "Booked for" not in candidate.content()

    with new_page(browser, live_server) as owner_page:
        log_in(owner_page, owner.email)
        owner_page.goto(f"/organizations/{organization.id}/emails/")
        section = owner_page.locator("#email-rejected")
        section.get_by_label("Text").fill("Dear {{ candidate_first_name }}, {{ job_title }} is filled.")
        expect(section.locator(".email-preview")).to_contain_text("Dear Jane, Backend Engineer is filled.")
        assert_accessible(owner_page)
        section.get_by_role("button", name="Save Rejection").click()
        expect(owner_page.locator(".flash-success")).to_contain_text("is saved")

        owner_page.goto(f"/applications/{application.id}")
        owner_page.get_by_text("Reject…").click()
        owner_page.get_by_label("Send the email").select_option(label="in 2 days")
        owner_page.get_by_role("button", name="Reject").click()
        expect(owner_page.locator("#emails")).to_contain_text("scheduled for")
        owner_page.locator("#emails").get_by_role("button", name="Cancel").click()
        expect(owner_page.locator("#emails")).to_contain_text("cancelled, not sent")
        assert_accessible(owner_page)
    time.sleep(1)
    assert [m["Subject"] for m in outbox.to("jane@mail.example")] == [
        "We received your application for Senior Python Developer"]
