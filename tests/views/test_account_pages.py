"""The account page, for every signed-in user: names, picture, password, feedback, deletion."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient

from tests.api.notes_helpers import make_org
from tests.api.profile_helpers import make_profile
from tests.helpers import PASSWORD, make_user, png_bytes, stored_files
from tests.views.candidate_helpers import candidate
from tests.views.helpers import login_page
from tests.views.helpers import page_token as token
from webapp.extensions import db
from webapp.models import CandidateProfile, Feedback, User
from webapp.security import check_password

NEW_PASSWORD = "Quiet-Harbor-Meadow-77"


def post(client: FlaskClient, path: str, **data):  # noqa: ANN003, ANN201
    return client.post(path, data={"csrf_token": token(client, "/account"), **data},
                       content_type="multipart/form-data")


def fresh(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_signed_out_visitors_are_sent_to_log_in(client: FlaskClient) -> None:
    for path in ("/account", "/account/delete"):
        response = client.get(path)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_recruiters_and_candidates_both_have_an_account_page(client: FlaskClient, app) -> None:  # noqa: ANN001
    recruiter = make_user("rita@example.com", first_name="Rita")
    make_org("Acme", recruiter)
    login_page(client, "rita@example.com")
    body = client.get("/account").get_data(as_text=True)
    assert 'value="Rita"' in body and 'aria-current="page">Account</a>' in body

    other = app.test_client()
    candidate(other)
    nav = other.get("/account").get_data(as_text=True)
    assert ">My profile</a>" in nav and ">Career coach</a>" in nav


def test_names_are_saved_and_errors_keep_what_was_typed(client: FlaskClient) -> None:
    user = candidate(client)
    assert post(client, "/account/names", first_name=" Carla ", last_name="Diaz").status_code == 302
    assert fresh(user).first_name == "Carla"
    response = post(client, "/account/names", first_name="x" * 151, last_name="Typed")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'id="first_name-error"' in body and 'value="Typed"' in body
    assert fresh(user).last_name == "Diaz"


def test_a_picture_is_uploaded_shown_and_removed(client: FlaskClient, app) -> None:  # noqa: ANN001
    user = candidate(client)
    response = post(client, "/account/avatar", avatar=(io.BytesIO(png_bytes()), "me.png"))
    assert response.status_code == 302
    assert fresh(user).profile.avatar.startswith("avatars/")
    assert 'alt="Your current picture"' in client.get("/account").get_data(as_text=True)
    assert post(client, "/account/avatar", remove="1").status_code == 302
    assert fresh(user).profile.avatar is None


def test_a_picture_that_is_not_an_image_is_refused(client: FlaskClient) -> None:
    user = candidate(client)
    response = post(client, "/account/avatar", avatar=(io.BytesIO(b"%PDF-1.4 nope"), "me.png"))
    assert response.status_code == 400
    assert "Upload a PNG, JPEG, GIF or WebP image." in response.get_data(as_text=True)
    assert fresh(user).profile.avatar is None


def test_the_password_is_changed_and_this_browser_stays_signed_in(client: FlaskClient, app) -> None:  # noqa: ANN001
    user = candidate(client)
    elsewhere = app.test_client()
    login_page(elsewhere, user.email)
    response = post(client, "/account/password", current_password=PASSWORD,
                    new_password=NEW_PASSWORD, confirm_new_password=NEW_PASSWORD)
    assert response.status_code == 302
    assert check_password(fresh(user).password_hash, NEW_PASSWORD)
    page = client.get("/account")
    assert page.status_code == 200 and "Your password is changed" in page.get_data(as_text=True)
    assert elsewhere.get("/account").status_code == 302  # the other sign-in has ended


def test_password_errors_are_shown_next_to_the_fields(client: FlaskClient) -> None:
    user = candidate(client)
    response = post(client, "/account/password", current_password="wrong",
                    new_password=NEW_PASSWORD, confirm_new_password=NEW_PASSWORD)
    assert response.status_code == 400
    assert '<p class="error" id="current_password-error">Current password is incorrect.</p>' in \
        response.get_data(as_text=True)
    response = post(client, "/account/password", current_password=PASSWORD,
                    new_password="short", confirm_new_password="short")
    assert response.status_code == 400 and "This password is too short" in response.get_data(as_text=True)
    response = post(client, "/account/password", current_password=PASSWORD,
                    new_password=NEW_PASSWORD, confirm_new_password="other")
    assert "Passwords do not match." in response.get_data(as_text=True)
    assert check_password(fresh(user).password_hash, PASSWORD)


def test_feedback_is_sent_with_a_screenshot(client: FlaskClient) -> None:
    user = candidate(client)
    response = post(client, "/account/feedback", urgency="high", subject="Upload broke",
                    message="It said the file was empty.", emoji="😀",
                    attachment=(io.BytesIO(png_bytes()), "shot.png"))
    assert response.status_code == 302
    item = Feedback.query.one()
    assert (item.user_id, item.urgency, item.subject, item.emoji) == (user.id, "high", "Upload broke", "😀")
    assert item.attachment.startswith("feedbacks/")
    assert "Thank you for your feedback!" in client.get("/account").get_data(as_text=True)


def test_feedback_errors_are_shown_and_nothing_typed_is_lost(client: FlaskClient) -> None:
    candidate(client)
    response = post(client, "/account/feedback", urgency="medium", subject="", message="Kept message")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert '<p class="error" id="subject-error">This field is required.</p>' in body
    assert "Kept message</textarea>" in body
    response = post(client, "/account/feedback", urgency="medium", subject="S", message="M",
                    attachment=(io.BytesIO(b"not an image"), "shot.png"))
    assert response.status_code == 400
    assert "Upload a PNG, JPEG, GIF or WebP image." in response.get_data(as_text=True)
    assert Feedback.query.count() == 0


def test_deleting_the_account_asks_first_then_deletes_and_logs_out(client: FlaskClient, app) -> None:  # noqa: ANN001
    user = candidate(client)
    make_profile(user, resume_data={"name": "Cara"}, parsing_status="parsed")
    post(client, "/account/avatar", avatar=(io.BytesIO(png_bytes()), "me.png"))
    user_id = user.id
    page = client.get("/account/delete")
    assert page.status_code == 200 and "for good" in page.get_data(as_text=True)
    response = post(client, "/account/delete")
    assert response.status_code == 400
    assert "Tick this box to confirm." in response.get_data(as_text=True)
    assert fresh(user) is not None

    response = post(client, "/account/delete", confirm="y")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    db.session.expire_all()
    assert db.session.get(User, user_id) is None and CandidateProfile.query.count() == 0
    assert stored_files(app) == []
    assert client.get("/account").status_code == 302
    assert "Your account is deleted" in client.get("/").get_data(as_text=True)


def test_an_owner_of_a_shared_organization_is_told_what_to_do_first(client: FlaskClient) -> None:
    owner = make_user("owner@example.com")
    make_org("Acme", owner, make_user("member@example.com"))
    login_page(client, "owner@example.com")
    response = post(client, "/account/delete", confirm="y")
    assert response.status_code == 400
    assert "transfer ownership before deleting your account" in response.get_data(as_text=True)
    assert fresh(owner) is not None


@pytest.mark.parametrize("path", ["/account/names", "/account/password", "/account/feedback"])
def test_posts_without_the_csrf_token_are_refused(client: FlaskClient, path: str) -> None:
    candidate(client)
    assert client.post(path, data={"first_name": "X", "subject": "S", "message": "M"}).status_code == 400
