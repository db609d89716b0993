"""The career coach names only open jobs, and links each to its public page (which a candidate
can open, unlike a recruiter's job page); nothing else in an answer becomes a link."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import make_org
from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from tests.views.candidate_helpers import candidate
from tests.views.helpers import page_token
from tests.views.test_candidate_onboarding import PARSED
from webapp.extensions import db
from webapp.models import ChatMessage, ChatThread, Job

HTMX = {"HX-Request": "true"}


@pytest.fixture
def jobs(client: FlaskClient) -> dict[str, Job]:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed")
    acme = make_org("Acme", make_user("owner@acme.example"))
    made = {}
    for name, status in (("open", "open"), ("draft", "draft"), ("closed", "closed")):
        made[name] = make_job(acme, None, f"Python Developer ({name})", skills=("Python", "Django"),
                              job_desc="Python and Django services.", status=status,
                              workplace_type="remote", estimated_salary="€70k")
    return made


def ask(client: FlaskClient, question: str, **kwargs):  # noqa: ANN003, ANN201
    return client.post("/me/coach", data={"csrf_token": page_token(client, "/me/coach"),
                                          "question": question}, **kwargs)


def test_the_coach_links_open_jobs_to_their_public_page(client: FlaskClient, jobs: dict) -> None:
    assert ask(client, "Which jobs fit me?").status_code == 302
    body = client.get("/me/coach").get_data(as_text=True)

    link = f'<a href="/careers/jobs/{jobs["open"].id}/">Python Developer (open)</a>'
    assert link in body
    assert "(draft)" not in body and "(closed)" not in body  # only open jobs are suggested
    assert f'/jobs/{jobs["open"].id}"' not in body  # never the recruiter's page
    assert client.get(f"/careers/jobs/{jobs['open'].id}/").status_code == 200


def test_jobs_named_in_an_interview_or_salary_answer_are_linked_too(client: FlaskClient, jobs: dict) -> None:
    partial = ask(client, "How do I prepare for an interview, and what salary can I ask?", headers=HTMX)
    body = partial.get_data(as_text=True)
    link = f'<a href="/careers/jobs/{jobs["open"].id}/">Python Developer (open)</a>'
    assert f"To prepare for a {link} interview:" in body
    assert f"{link}: €70k" in body


def test_only_job_page_links_become_links(client: FlaskClient, jobs: dict) -> None:
    ask(client, "Hello")  # starts the thread
    thread = db.session.scalar(db.select(ChatThread))
    db.session.add(ChatMessage(thread_id=thread.id, role="assistant", content=(
        '<b>bold</b> [Elsewhere](https://evil.example/) [Job](/careers/jobs/5/) and /careers/jobs/6/ '
        'but not https://evil.example/careers/jobs/7/ or [x](javascript:alert(1))')))
    db.session.commit()

    body = client.get("/me/coach").get_data(as_text=True)

    assert "&lt;b&gt;bold&lt;/b&gt;" in body and "<b>bold</b>" not in body
    assert '<a href="/careers/jobs/5/">Job</a>' in body
    assert '<a href="/careers/jobs/6/">/careers/jobs/6/</a>' in body
    assert 'href="https://evil.example' not in body and 'href="javascript' not in body
    assert "[Elsewhere](https://evil.example/)" in body
