"""Accounts in the browser: sign up, verify with the mailed code, log out and in; mistakes
explained without losing what was typed; the public pages pass axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.api.accounts_helpers import verification_code
from tests.e2e.conftest import assert_accessible, screenshot
from tests.helpers import PASSWORD, make_user

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Tr1cky-horse-42"


def sign_up(page: Page, email: str, *, role: str = "I'm looking for work", first: str = "Nora") -> None:
    page.goto("/signup")
    page.get_by_label(role).check()
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill("Quist")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign up").click()


def test_a_candidate_signs_up_verifies_and_logs_out_and_in(page: Page, outbox) -> None:  # noqa: ANN001
    sign_up(page, "nora@example.com")
    expect(page.get_by_role("status")).to_contain_text("We sent a 6-digit code to nora@example.com")
    expect(page.get_by_label("Email")).to_have_value("nora@example.com")
    screenshot(page, "verify-email")

    page.get_by_label("Verification code").fill(verification_code(outbox, "nora@example.com"))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("status")).to_contain_text("Your email is verified")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Nora")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_contain_text("You are logged out")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("nora@example.com")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Nora")


def test_sign_up_mistakes_are_explained_and_nothing_typed_is_lost(page: Page) -> None:
    page.goto("/signup")
    page.get_by_label("I'm hiring").check()
    page.get_by_label("First name").fill("Rita")
    page.get_by_label("Email").fill("rita@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Confirm password").fill("different")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_text("This password is too short.")).to_be_visible()
    expect(page.get_by_text("Passwords do not match.")).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("First name")).to_have_value("Rita")
    expect(page.get_by_label("Email")).to_have_value("rita@example.com")
    expect(page.get_by_label("I'm hiring")).to_be_checked()
    assert_accessible(page)


def test_a_wrong_password_is_explained_and_the_email_kept(page: Page, app) -> None:  # noqa: ANN001
    make_user("sam@example.com")
    page.goto("/login")
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Invalid email or password.")
    expect(page.get_by_label("Email")).to_have_value("sam@example.com")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/organizations/new$"))  # not a candidate, no organization yet


def test_an_invite_link_prefills_the_code(page: Page) -> None:
    page.goto("/signup?invite=ABCD1234")
    expect(page.get_by_label("Invite code (optional)")).to_have_value("ABCD1234")


@pytest.mark.parametrize("path", ["/", "/signup", "/login", "/verify", "/forgot-password",
                                  "/reset-password/some-token", "/no-such-page"])
def test_public_pages_have_no_serious_accessibility_violations(page: Page, path: str) -> None:
    page.goto(path)
    assert_accessible(page)
    if path in ("/", "/signup", "/login"):
        screenshot(page, "home" if path == "/" else path.strip("/"))
