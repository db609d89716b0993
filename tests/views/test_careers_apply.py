"""Applying from a public job page: a signed-in candidate with a resume applies with an optional
cover letter; a visitor signs in or up and comes back to the job; a candidate without a resume
uploads one and comes back; applying twice says so; recruiters do not apply; nothing typed is
lost on an error."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.api.accounts_helpers import STRONG_PASSWORD, verification_code
from tests.api.pipeline_helpers import candidate_with_resume
from tests.helpers import make_user
from tests.views.candidate_helpers import candidate, resume_pdf
from tests.views.careers_helpers import Careers, careers_fixture, text_of  # noqa: F401
from tests.views.helpers import csrf_token, login_page, page_token
from tests.views.recruiter_helpers import token_of
from webapp import queue
from webapp.extensions import db
from webapp.models import Application, Job, User


def job_path(job: Job) -> str:
    return f"/careers/jobs/{job.id}/"


def apply(client: FlaskClient, job: Job, cover_letter: str = "", **data):  # noqa: ANN003, ANN201
    token = page_token(client, job_path(job))
    return client.post(f"{job_path(job)}apply", data={"csrf_token": token, "cover_letter": cover_letter,
                                                       **data})


def applications_of(user: User) -> list[Application]:
    db.session.expire_all()
    return list(db.session.scalars(select(Application).join(Application.profile)
                                   .where(Application.profile.has(user_id=user.id))))


def ready_candidate(client: FlaskClient, email: str = "cara@example.com") -> User:
    user = candidate(client, email)
    candidate_with_resume(user)
    return user


# --- a candidate with a resume ------------------------------------------------------------------

def test_a_candidate_applies_with_a_cover_letter(careers: Careers, client: FlaskClient, outbox) -> None:  # noqa: ANN001
    user = ready_candidate(client)
    page = text_of(client.get(job_path(careers.backend)))
    assert f'<form method="post" action="{job_path(careers.backend)}apply" novalidate>' in page
    assert '<label for="cover_letter">Cover letter (optional)</label>' in page
    assert 'data-max-chars="5000"' in page and "Up to 5,000 characters" in page
    assert 'aria-describedby="cover_letter-hint"' in page

    response = apply(client, careers.backend, "I build robots that care.")

    assert response.status_code == 302 and response.headers["Location"] == "/me/applications/"
    [application] = applications_of(user)
    assert (application.job_id, application.status, application.source, application.cover_letter,
            application.stage.kind) == (careers.backend.id, "active", "applied",
                                        "I build robots that care.", "new")
    mine = text_of(client.get("/me/applications/"))
    assert "You applied to Backend Engineer at Acme Robotics." in mine
    assert "Backend Engineer" in mine and '<span class="badge">Received</span>' in mine
    queue.wait_idle(careers.app)  # the confirmation is sent after the commit, in the background
    assert outbox.to("cara@example.com"), "no application_received email"


def test_a_cover_letter_is_optional_and_line_breaks_count_once(careers: Careers,
                                                               client: FlaskClient) -> None:
    user = ready_candidate(client)
    assert apply(client, careers.nurse).status_code == 302
    letter = "ab\r\n" * 1666 + "ab"  # 5,000 characters once a line break is one, as on the page
    assert apply(client, careers.backend, letter).status_code == 302
    letters = {application.job_id: application.cover_letter for application in applications_of(user)}
    assert letters[careers.nurse.id] is None
    assert letters[careers.backend.id] == letter.replace("\r\n", "\n")


def test_a_too_long_cover_letter_is_refused_and_kept(careers: Careers, client: FlaskClient) -> None:
    user = ready_candidate(client)
    letter = "x" * 5001

    response = apply(client, careers.backend, letter)

    assert response.status_code == 400
    body = text_of(response)
    assert re.search(r'<p class="error" id="cover_letter-error">At most 5,000 characters', body)
    assert 'aria-invalid="true"' in body and f">\r\n{letter}</textarea>" in body
    assert applications_of(user) == []


def test_applying_twice_says_so_and_keeps_the_letter(careers: Careers, client: FlaskClient) -> None:
    user = ready_candidate(client)
    apply(client, careers.backend, "First letter")
    page = text_of(client.get(job_path(careers.backend)))
    assert "You applied on" in page and '<span class="badge">Received</span>' in page
    assert "<textarea" not in page and 'href="/me/applications/"' in page

    response = apply(client, careers.backend, "Second letter")

    assert response.status_code == 409
    body = text_of(response)
    assert ('<div class="alert alert-error" role="alert"><p>You have already applied to this job.</p></div>'
            in body)
    assert ">\r\nSecond letter</textarea>" in body
    [application] = applications_of(user)
    assert application.cover_letter == "First letter"


def test_a_withdrawn_application_may_apply_again(careers: Careers, client: FlaskClient) -> None:
    user = ready_candidate(client)
    apply(client, careers.backend, "First")
    [application] = applications_of(user)
    application.status = "withdrawn"
    db.session.commit()

    assert "<textarea" in text_of(client.get(job_path(careers.backend)))
    assert apply(client, careers.backend, "Again").status_code == 302
    [application] = applications_of(user)
    assert (application.status, application.cover_letter) == ("active", "Again")


def test_the_form_needs_its_csrf_token_and_a_refusal_keeps_the_letter(careers: Careers,
                                                                      client: FlaskClient) -> None:
    user = ready_candidate(client)

    response = client.post(f"{job_path(careers.backend)}apply", data={"cover_letter": "My letter"})

    assert response.status_code == 400
    body = text_of(response)
    assert "This page had expired. Check your cover letter and press Apply again." in body
    assert ">\r\nMy letter</textarea>" in body
    assert applications_of(user) == []
    wrong = client.post(f"{job_path(careers.backend)}apply",
                        data={"csrf_token": "not-a-token", "cover_letter": "My letter"})
    assert wrong.status_code == 400 and applications_of(user) == []
    # The page came back with a fresh token: sending it again works.
    again = client.post(f"{job_path(careers.backend)}apply",
                        data={"csrf_token": csrf_token(body), "cover_letter": "My letter"})
    assert again.status_code == 302 and len(applications_of(user)) == 1


@pytest.mark.parametrize("which", ["draft", "closed", "missing"])
def test_jobs_that_are_not_open_take_no_application(careers: Careers, client: FlaskClient,
                                                    which: str) -> None:
    user = ready_candidate(client)
    job_id = {"draft": careers.draft.id, "closed": careers.closed.id, "missing": 999999}[which]
    token = page_token(client, job_path(careers.backend))
    response = client.post(f"/careers/jobs/{job_id}/apply", data={"csrf_token": token})
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert applications_of(user) == []


# --- a candidate without a resume ---------------------------------------------------------------

def test_a_candidate_without_a_resume_uploads_one_and_comes_back(careers: Careers,
                                                                 client: FlaskClient) -> None:
    user = candidate(client)
    page = text_of(client.get(job_path(careers.backend)))
    assert "Upload your resume first" in page and "<textarea" not in page
    upload_link = f'/me/resume?next={job_path(careers.backend)}'
    assert f'<a class="button" href="{upload_link}">Upload your resume</a>' in page

    # Posting anyway (an old page) sends them to the upload too.
    refused = apply(client, careers.backend, "")
    assert refused.status_code == 302 and refused.headers["Location"] == upload_link
    upload_page = text_of(client.get(upload_link))
    assert "Upload your resume before you apply." in upload_page
    assert f'action="{upload_link}"' in upload_page

    uploaded = client.post(upload_link, data={"csrf_token": csrf_token(upload_page),
                                              "resume": (io.BytesIO(resume_pdf()), "cv.pdf")},
                           content_type="multipart/form-data")

    assert uploaded.status_code == 302 and uploaded.headers["Location"] == job_path(careers.backend)
    back = text_of(client.get(job_path(careers.backend)))
    assert "Your resume is uploaded" in back and "<textarea" in back
    assert apply(client, careers.backend, "Now with a resume").status_code == 302
    assert len(applications_of(user)) == 1


def test_the_upload_ignores_a_next_address_off_the_site(client: FlaskClient) -> None:
    candidate(client)
    page = text_of(client.get("/me/resume?next=https://evil.example/"))
    assert "evil.example" not in page
    response = client.post("/me/resume?next=//evil.example/", data={
        "csrf_token": csrf_token(page), "resume": (io.BytesIO(resume_pdf()), "cv.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302 and response.headers["Location"] == "/me/resume"


# --- visitors -----------------------------------------------------------------------------------

def test_a_visitor_is_offered_to_sign_in_or_up_and_come_back(careers: Careers, client: FlaskClient) -> None:
    page = text_of(client.get(job_path(careers.backend)))
    nxt = job_path(careers.backend)
    assert f'<a class="button" href="/login?next={nxt}">Sign in to apply</a>' in page
    assert f'<a class="button secondary" href="/signup?next={nxt}">Create an account to apply</a>' in page
    assert "<textarea" not in page

    response = client.post(f"{nxt}apply", data={"csrf_token": token_of(client), "cover_letter": "Hello"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next={nxt}"


def test_signing_in_from_the_job_comes_back_to_it(careers: Careers, client: FlaskClient) -> None:
    user = make_user("cara@example.com", is_candidate=True)
    candidate_with_resume(user)
    nxt = job_path(careers.backend)
    login = text_of(client.get(f"/login?next={nxt}"))
    assert f'action="/login?next={nxt}"' in login and f'href="/signup?next={nxt}"' in login

    response = client.post(f"/login?next={nxt}", data={
        "csrf_token": csrf_token(login), "email": user.email, "password": "correct-horse-battery"})

    assert response.headers["Location"] == nxt
    assert "<textarea" in text_of(client.get(nxt))


def test_signing_up_from_the_job_comes_back_to_it_after_verification(careers: Careers, client: FlaskClient,
                                                                      outbox) -> None:  # noqa: ANN001
    nxt = job_path(careers.backend)
    signup = text_of(client.get(f"/signup?next={nxt}"))
    assert f'action="/signup?next={nxt}"' in signup and f'href="/login?next={nxt}"' in signup

    created = client.post(f"/signup?next={nxt}", data={
        "csrf_token": csrf_token(signup), "role": "candidate", "first_name": "Nora",
        "email": "nora@example.com", "password": STRONG_PASSWORD, "confirm_password": STRONG_PASSWORD})

    assert created.status_code == 302
    location = urlsplit(created.headers["Location"])
    assert location.path == "/verify"
    assert parse_qs(location.query) == {"email": ["nora@example.com"], "next": [nxt]}
    verify_page = text_of(client.get(created.headers["Location"]))
    assert f'action="/verify?next={nxt}"' in verify_page
    assert f'action="/verify/resend?next={nxt}"' in verify_page
    resent = client.post(f"/verify/resend?next={nxt}", data={"csrf_token": csrf_token(verify_page),
                                                             "email": "nora@example.com"})
    assert parse_qs(urlsplit(resent.headers["Location"]).query)["next"] == [nxt]

    verified = client.post(f"/verify?next={nxt}", data={
        "csrf_token": csrf_token(verify_page), "email": "nora@example.com",
        "code": verification_code(outbox, "nora@example.com")})

    assert verified.status_code == 302 and verified.headers["Location"] == nxt
    page = text_of(client.get(nxt))
    assert "Your email is verified" in page and "Upload your resume first" in page


def test_a_next_address_off_the_site_is_ignored_after_verification(client: FlaskClient, outbox) -> None:  # noqa: ANN001
    signup = text_of(client.get("/signup?next=https://evil.example/"))
    assert "evil.example" not in signup
    created = client.post("/signup?next=https://evil.example/", data={
        "csrf_token": csrf_token(signup), "role": "candidate", "email": "nora@example.com",
        "password": STRONG_PASSWORD, "confirm_password": STRONG_PASSWORD})
    assert "evil" not in created.headers["Location"]
    verified = client.post("/verify?next=https://evil.example/", data={
        "csrf_token": csrf_token(signup), "email": "nora@example.com",
        "code": verification_code(outbox, "nora@example.com")})
    assert verified.headers["Location"] == "/me/resume"  # a new candidate's usual first step


# --- accounts that do not apply -----------------------------------------------------------------

def test_a_recruiter_sees_the_public_page_without_the_form(careers: Careers, client: FlaskClient) -> None:
    login_page(client, careers.owner.email)
    page = text_of(client.get(job_path(careers.backend)))
    assert "Recruiters cannot apply to jobs" in page and "<textarea" not in page
    assert f'href="/jobs/{careers.backend.id}">Open this job\'s recruiter page</a>' in page
    assert "application/ld+json" in page

    response = apply(client, careers.backend, "Let me in")
    assert response.status_code == 403
    assert Application.query.count() == 0


def test_a_recruiter_of_another_organization_gets_no_recruiter_link(careers: Careers,
                                                                    client: FlaskClient) -> None:
    login_page(client, "boss@rival.example")
    page = text_of(client.get(job_path(careers.backend)))
    assert "Recruiters cannot apply to jobs" in page and "recruiter page" not in page


def test_an_account_made_for_hiring_is_told_it_cannot_apply(careers: Careers, client: FlaskClient) -> None:
    make_user("hirer@example.com", is_candidate=False)
    login_page(client, "hirer@example.com")
    page = text_of(client.get(job_path(careers.backend)))
    assert "Only candidate accounts can apply" in page and "<textarea" not in page
