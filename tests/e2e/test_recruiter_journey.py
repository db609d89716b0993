"""Journey 2 in the browser: a recruiter signs up as hiring, verifies, creates an organization
and invites a colleague, who signs up through the mailed link and joins; the recruiter posts a
job (after a mistake that keeps what was typed), ranks candidates, follows the progress live,
reads the ranked list with reasons, opens the best candidate, notes a selected passage of the
resume and asks the resume chat a question. Every recruiter page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.accounts_helpers import verification_code
from tests.api.profile_helpers import make_profile
from tests.api.test_rank_candidates import SENIOR_EXPERIENCE, SENIOR_SKILLS, SENIOR_SUMMARY, resume
from tests.e2e.conftest import assert_accessible, log_in, screenshot
from tests.e2e.test_candidates_pages import select_in_resume
from tests.helpers import make_user

pytestmark = pytest.mark.browser
PASSWORD = "Tr1cky-horse-42"


def seed_candidates() -> None:
    """Three candidates who look for work, in the live server's database."""
    senior = {"skills": SENIOR_SKILLS, "years": 6, "summary": SENIOR_SUMMARY,
              "experience": SENIOR_EXPERIENCE}
    jobs = [f"{title}, {company}\n{what}" for title, company, _, _, what in SENIOR_EXPERIENCE]
    resume_text = "\n".join(["Ada Lovelace", SENIOR_SUMMARY, "Experience", *jobs])
    make_profile(make_user("ada@mail.example"), parsing_status="parsed", resume_text=resume_text,
                 resume_data=resume("Ada Lovelace", **senior), work_mode_preferences=["remote"])
    make_profile(make_user("cara@mail.example"), parsing_status="parsed", resume_data=resume(
        "Cara Nguyen", skills=["Python", "Flask", "SQL"], years=3,
        summary="Python developer who likes small, well-tested web apps.",
        experience=[("Python Developer", "Toolsmith", "2022-01", "2025-01",
                     "Built internal tools in Python and Flask on top of a SQL database.")]))
    make_profile(make_user("dan@mail.example"), parsing_status="parsed", resume_data=resume(
        "Dan Moreau", skills=["Figma", "UI Design"], years=4,
        summary="Product designer focused on accessible interfaces.",
        experience=[("Product Designer", "Pixelhaus", "2021-01", "2025-01",
                     "Designed onboarding flows in Figma.")]))


def sign_up_hiring(page: Page, outbox, email: str, first: str) -> None:  # noqa: ANN001
    page.get_by_label("I'm hiring").check()
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill("Hirer")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status").first).to_contain_text(f"We sent a 6-digit code to {email}")
    page.get_by_label("Verification code").fill(verification_code(outbox, email))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("status").first).to_contain_text("Your email is verified")


def test_a_recruiter_builds_a_team_posts_a_job_and_ranks_candidates(
        page: Page, browser: Browser, live_server: str, outbox) -> None:  # noqa: ANN001
    seed_candidates()

    # The recruiter signs up as hiring and lands on creating an organization.
    page.goto("/signup")
    sign_up_hiring(page, outbox, "rita@acme.example", "Rita")
    expect(page).to_have_url(re.compile(r"/organizations/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your organization")
    assert_accessible(page)

    page.get_by_label("Name").fill("Acme Robotics")
    page.get_by_label("Industry").fill("Robotics")
    page.get_by_label("Headquarters").fill("Berlin, Germany")
    page.get_by_role("button", name="Create organization").click()
    expect(page.get_by_role("status").first).to_contain_text("Acme Robotics is created")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Robotics")

    # She invites a colleague by email.
    page.get_by_label("Email address").fill("carl@acme.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status").first).to_contain_text("Invitation sent to carl@acme.example")
    assert_accessible(page)

    # The colleague opens the link in the mail, signs up through it and verifies.
    link = re.search(r"https?://\S+/invites/[A-Z0-9]+", outbox.last_body("carl@acme.example")).group(0)
    colleague = browser.new_context(base_url=live_server).new_page()
    try:
        colleague.goto(link)
        expect(colleague.get_by_role("heading", level=1)).to_have_text("Join Acme Robotics on ETB")
        assert_accessible(colleague)
        colleague.get_by_role("link", name="Sign up to accept").click()
        expect(colleague.get_by_label("Invite code (optional)")).to_have_value(link.rsplit("/", 1)[1])
        sign_up_hiring(colleague, outbox, "carl@acme.example", "Carl")
        # A member of the organization now: the recruiter dashboard, still without jobs.
        expect(colleague).to_have_url(re.compile(r"/dashboard$"))
        expect(colleague.get_by_text("No jobs yet — post your first job.")).to_be_visible()
        assert_accessible(colleague)
        colleague.get_by_role("link", name="Organization").click()
        expect(colleague.get_by_role("button", name="Leave Acme Robotics")).to_be_visible()
        assert_accessible(colleague)
    finally:
        colleague.context.close()

    page.reload()
    members = page.get_by_role("table")
    expect(members).to_contain_text("carl@acme.example")
    screenshot(page, "organization")

    # She posts a job, forgetting the title first: the error is next to the field and
    # nothing else she typed is lost.
    page.get_by_role("link", name="Jobs", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Post a job").click()
    page.get_by_label("Description").fill(
        "Build our robot fleet's backend: web services in Python and Django on PostgreSQL.")
    page.get_by_label("Work mode").select_option("remote")
    page.get_by_label("Job type").select_option("full-time")
    page.get_by_label("Location").fill("Berlin, Germany")
    page.get_by_label("Add skills").fill("Python, Django, PostgreSQL")
    page.get_by_role("button", name="Post job").click()

    title = page.get_by_label("Job title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#title-error")).to_have_text("This field is required.")
    expect(page.get_by_label("Location")).to_have_value("Berlin, Germany")
    expect(page.get_by_label("Work mode")).to_have_value("remote")
    expect(page.get_by_label("Description")).to_have_value(re.compile("robot fleet"))
    for skill in ("Python", "Django", "PostgreSQL"):
        expect(page.get_by_role("checkbox", name=skill)).to_be_checked()
    assert_accessible(page)
    screenshot(page, "job-form")

    title.fill("Senior Python Developer")
    page.get_by_role("button", name="Post job").click()
    expect(page.get_by_role("status").first).to_contain_text("Senior Python Developer is posted")
    job_url = page.url
    expect(page.get_by_text("Candidates are not ranked for this job yet.")).to_be_visible()
    assert_accessible(page)

    # Ranking, from the keyboard: progress in a live region that takes the focus, then the
    # ranked list with reasons.
    page.get_by_role("button", name="Rank candidates").focus()
    page.keyboard.press("Enter")
    ranking = page.locator("#ranking")
    expect(ranking.get_by_role("status")).to_contain_text(
        re.compile(r"Ranking candidates|Ranked 3 candidates"))
    expect(ranking.get_by_role("status")).to_contain_text("Ranked 3 candidates", timeout=20_000)
    cards = ranking.locator("li.ranked")
    expect(cards).to_have_count(3, timeout=15_000)
    expect(cards.first).to_contain_text("Has 3 of 3 required skills")
    expect(cards.first.locator("meter")).to_have_count(1)
    expect(cards.first.locator("blockquote.quote").first).to_be_visible()
    expect(ranking.get_by_role("button", name="Re-rank")).to_be_visible()
    expect(page.locator("#ranking-status")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "job-ranking")

    # Filters narrow the list without leaving the page.
    page.get_by_label("Work mode").select_option("onsite")
    expect(cards).to_have_count(2)  # Ada only wants remote work
    page.get_by_label("Work mode").select_option("")
    expect(cards).to_have_count(3)

    page.get_by_role("link", name="Dashboard").click()
    row = page.get_by_role("row", name=re.compile("Senior Python Developer"))
    expect(row).to_contain_text("Ranked")
    expect(row).to_contain_text("3 candidates")
    assert_accessible(page)
    screenshot(page, "recruiter-dashboard")

    # The best candidate: a note on a selected passage of the resume, then the resume chat.
    page.goto(job_url)
    cards.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    select_in_resume(page, "Built payment APIs in Python and Django")
    notes = page.locator("#notes")
    expect(notes.locator("[data-note-quote]")).to_have_text("Built payment APIs in Python and Django")
    notes.get_by_label("Note").fill("Ask how the payment APIs were tested")
    notes.get_by_role("button", name="Add note").click()
    expect(notes.get_by_role("status")).to_contain_text("Note added.")
    expect(notes.locator(".note-list .note").first).to_contain_text("Ask how the payment APIs were tested")
    chat = page.locator("#chat")
    chat.get_by_label("Your question").fill("Has she worked with Django?")
    chat.get_by_role("button", name="Ask").click()
    expect(chat.locator(".from-assistant")).to_contain_text("Yes, Django")


def test_the_job_list_filters_as_you_type(page: Page, live_server: str, app) -> None:  # noqa: ANN001
    from tests.api.jobs_helpers import make_job, make_org

    owner = make_user("owner@example.com", first_name="Olga")
    organization = make_org("Filters Inc", owner)
    make_job(organization, owner, "Backend Engineer")
    make_job(organization, owner, "Office Manager")
    log_in(page, owner.email)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/jobs/")

    page.get_by_label("Search jobs").fill("office")

    expect(page.locator("#job-list h3")).to_have_count(1)
    expect(page.locator("#job-list")).to_contain_text("Office Manager")
    expect(page).to_have_url(re.compile(r"/jobs/\?q=office$"))
    assert_accessible(page)


def test_a_recruiter_edits_then_deletes_a_job_after_confirming(page: Page, app) -> None:  # noqa: ANN001
    from tests.api.jobs_helpers import make_job, make_org

    owner = make_user("owner@example.com", first_name="Olga")
    make_org("First Org", owner)
    second = make_org("Second Org", owner)
    make_job(second, owner, "Data Engineer", skills=("Python", "SQL"), job_desc="Pipelines.")
    log_in(page, owner.email)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.get_by_role("link", name="Organization").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organizations")
    assert_accessible(page)

    page.goto("/jobs/")
    page.get_by_role("link", name="Data Engineer").click()
    page.get_by_role("link", name="Edit Data Engineer").click()
    expect(page.get_by_role("checkbox", name="SQL")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("checkbox", name="SQL").uncheck()
    page.get_by_label("Add skills").press_sequentially("Kuber")
    expect(page.locator("#skill-suggestions option[value='Kubernetes']")).to_have_count(1)
    page.get_by_label("Add skills").fill("Kubernetes")
    page.get_by_label("Job title").fill("Senior Data Engineer")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Senior Data Engineer")
    page.get_by_text("Job details").click()
    expect(page.locator("dl.facts")).not_to_contain_text("SQL")
    expect(page.locator("dl.facts")).to_contain_text("Kubernetes")

    # The first time she changes her mind; the second time she confirms.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete Senior Data Engineer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Senior Data Engineer")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete Senior Data Engineer").click()
    expect(page.get_by_role("status").first).to_contain_text("Senior Data Engineer is deleted")
    expect(page.get_by_text("No jobs yet — post your first job.")).to_be_visible()


def test_the_job_page_works_on_a_phone(browser: Browser, live_server: str, app) -> None:  # noqa: ANN001
    from tests.api.jobs_helpers import make_job, make_org

    owner = make_user("phone@example.com")
    job = make_job(make_org("Pocket", owner), owner, "Mobile Developer", skills=("Kotlin",))
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740})
    try:
        phone = context.new_page()
        log_in(phone, owner.email)
        phone.goto(f"/jobs/{job.id}")
        expect(phone.get_by_role("button", name="Rank candidates")).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways ({width}px)"
        assert_accessible(phone)
    finally:
        context.close()
