"""The board in the browser: a recruiter moves a candidate to Interview with the keyboard
only, a colleague's open board shows the move without reloading, the candidate is emailed and
their page says Interviewing; a card dragged to another column moves too; a rejection with a
reason reaches the candidate as "Not selected", without the reason. The board and the
application page pass axe-core."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org
from tests.e2e.conftest import assert_accessible, log_in, new_page, screenshot
from tests.helpers import make_user
from webapp.extensions import db
from webapp.services import applications

pytestmark = pytest.mark.browser


def wait_for_mail(outbox, address: str, count: int, seconds: float = 10) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while len(outbox.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(outbox.to(address)) >= count, f"{address} got {len(outbox.to(address))} emails"


def card(page: Page, column: str, name: str):  # noqa: ANN201
    return page.locator(".board-column").filter(
        has=page.get_by_role("heading", name=column)).locator(".board-card", has_text=name)


def test_a_team_moves_and_rejects_on_the_board(page: Page, browser: Browser, live_server: str,
                                               outbox) -> None:  # noqa: ANN001
    owner = make_user("rita@acme.example", first_name="Rita", last_name="Root")
    colleague = make_user("carl@acme.example", first_name="Carl", last_name="Colleague")
    organization = make_org("Acme", owner, colleague)
    job = make_job(organization, owner, "Senior Python Developer", skills=("Python",))
    jane = make_user("jane@mail.example", first_name="Jane", last_name="Doe")
    omar = make_user("omar@mail.example", first_name="Omar", last_name="Said")
    for candidate in (jane, omar):
        candidate_with_resume(candidate)
        applications.apply(candidate, job.id, "I would like to join.")
    db.session.commit()
    wait_for_mail(outbox, "jane@mail.example", 1)

    log_in(page, owner.email)
    page.goto(f"/jobs/{job.id}/pipeline/")
    expect(card(page, "Applied", "Jane Doe")).to_be_visible()
    assert_accessible(page)

    with new_page(browser, live_server) as other:
        log_in(other, colleague.email)
        other.goto(f"/jobs/{job.id}/pipeline/")
        expect(card(other, "Applied", "Jane Doe")).to_be_visible()
        time.sleep(0.5)  # the colleague's board has opened its stream

        # The keyboard only: focus the card's "Move to" menu, pick Interview by typing, Tab to
        # the Move button and press Enter.
        card(page, "Applied", "Jane Doe").get_by_label("Move to").focus()
        page.keyboard.press("I")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(card(page, "Interview", "Jane Doe")).to_be_visible()
        expect(page.locator("#board-status")).to_contain_text("The candidate is moved.")
        expect(card(other, "Interview", "Jane Doe")).to_be_visible()  # no reload
        screenshot(page, "pipeline-board")

        # Dragging Omar's card to Phone screen does what the menu does.
        card(page, "Applied", "Omar Said").drag_to(
            page.locator(".board-column").filter(has=page.get_by_role("heading", name="Phone screen")))
        expect(card(page, "Phone screen", "Omar Said")).to_be_visible()
        expect(card(other, "Phone screen", "Omar Said")).to_be_visible()

    wait_for_mail(outbox, "jane@mail.example", 2)
    assert "Interviewing" in outbox.last_body("jane@mail.example")
    assert len(outbox.to("omar@mail.example")) == 1  # Phone screen does not email

    with new_page(browser, live_server) as candidate_page:
        log_in(candidate_page, jane.email)
        candidate_page.goto("/me/applications/")
        row = candidate_page.get_by_role("row", name="Senior Python Developer")
        expect(row).to_contain_text("Interviewing")

        jane_card = card(page, "Interview", "Jane Doe")
        jane_card.get_by_text("Reject…").click()
        jane_card.get_by_label("Reason", exact=True).select_option("Another candidate was a better fit")
        jane_card.get_by_role("button", name="Reject Jane Doe").click()
        expect(page.locator("#board-status")).to_contain_text("The application is rejected.")
        expect(card(page, "Interview", "Jane Doe")).to_have_count(0)

        candidate_page.reload()
        row = candidate_page.get_by_role("row", name="Senior Python Developer")
        expect(row).to_contain_text("Not selected")
        assert "better fit" not in candidate_page.content()
        assert_accessible(candidate_page)

    wait_for_mail(outbox, "jane@mail.example", 3)
    assert "better fit" not in outbox.last_body("jane@mail.example")
    page.get_by_role("link", name="Omar Said").click()
    expect(page.get_by_role("heading", name="Activity")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Moved from Applied to Phone screen by Rita")
    assert_accessible(page)
