"""Users: me, get, update, delete (reference endpoints 11-14)."""

from __future__ import annotations

import io

from tests.conftest import PASSWORD, bearer_token
from tests.helpers import count_queries, png_bytes, stored_files
from webapp.extensions import db
from webapp.models import AuthSession, Feedback, Organization, User


def test_me_returns_documented_shape(bearer_client, user):
    response = bearer_client.get("/api/auth/users/me/")
    assert response.status_code == 200
    assert response.json == {
        "id": user.id,
        "email": "alice@example.com",
        "first_name": "Alice",
        "last_name": "Archer",
        "is_active": True,
        "is_verified": True,
        "is_candidate": False,
        "profile": {
            "id": user.profile.id,
            "user": user.id,
            "avatar": None,
            "referral_code": user.profile.referral_code,
            "total_referrals": 0,
        },
    }


def test_referral_codes_are_unique_per_user(user_factory):
    codes = {user_factory().profile.referral_code for _ in range(5)}
    assert len(codes) == 5


def test_me_reads_the_sign_in_the_user_and_the_profile_in_one_query(app, bearer_client, user):
    db.session.expunge_all()  # nothing cached: what a fresh request reads
    with count_queries(app) as statements:
        response = bearer_client.get("/api/auth/users/me/")
    assert response.status_code == 200 and response.json["profile"]["user"] == response.json["id"]
    assert len(statements) == 1, statements


def test_me_refuses_a_revoked_sign_in(app, bearer_client):
    assert bearer_client.get("/api/auth/users/me/").status_code == 200
    db.session.execute(db.update(AuthSession).values(revoked_at=db.func.now()))
    db.session.commit()
    db.session.expunge_all()
    assert bearer_client.get("/api/auth/users/me/").status_code == 401


def test_me_requires_authentication(client):
    response = client.get("/api/auth/users/me/")
    assert response.status_code == 401
    assert response.is_json and "detail" in response.json


def test_me_works_with_cookie_login(cookie_client, user):
    assert cookie_client.get("/api/auth/users/me/").json["id"] == user.id


def test_get_self_by_id(bearer_client, user):
    response = bearer_client.get(f"/api/auth/users/{user.id}/")
    assert response.status_code == 200
    assert response.json["email"] == user.email


def test_other_users_are_invisible(bearer_client, user_factory):
    stranger = user_factory("stranger@example.com")
    for method in ("get", "patch", "put", "delete"):
        response = getattr(bearer_client, method)(f"/api/auth/users/{stranger.id}/", json={})
        assert response.status_code == 404, method
        assert response.json == {"detail": "Not found."}
    assert db.session.get(User, stranger.id) is not None


def test_fellow_members_are_visible_but_not_editable(bearer_client, user, user_factory):
    colleague = user_factory("colleague@example.com", first_name="Cole")
    outsider = user_factory("outsider@example.com")
    db.session.add(Organization(name="Acme", root_user=user, members=[user, colleague]))
    db.session.add(Organization(name="Other", root_user=outsider, members=[outsider]))
    db.session.commit()

    seen = bearer_client.get(f"/api/auth/users/{colleague.id}/")
    assert seen.status_code == 200
    assert seen.json["email"] == "colleague@example.com"
    assert bearer_client.patch(f"/api/auth/users/{colleague.id}/",
                               json={"first_name": "Hacked"}).status_code == 403
    assert bearer_client.delete(f"/api/auth/users/{colleague.id}/").status_code == 403
    db.session.expire_all()
    assert db.session.get(User, colleague.id).first_name == "Cole"
    # Another organization's member stays invisible.
    assert bearer_client.get(f"/api/auth/users/{outsider.id}/").status_code == 404


def test_unknown_user_id_is_404(bearer_client):
    assert bearer_client.get("/api/auth/users/999999/").status_code == 404


def test_update_names_with_json(bearer_client, user):
    response = bearer_client.patch(f"/api/auth/users/{user.id}/",
                                   json={"first_name": " Alicia ", "last_name": "Doe Updated"})
    assert response.status_code == 200
    assert response.json["first_name"] == "Alicia"
    assert response.json["last_name"] == "Doe Updated"
    db.session.expire_all()
    assert db.session.get(User, user.id).first_name == "Alicia"


def test_put_is_accepted_like_patch(bearer_client, user):
    response = bearer_client.put(f"/api/auth/users/{user.id}/", json={"first_name": "Al"})
    assert response.status_code == 200
    assert response.json["first_name"] == "Al"
    assert response.json["last_name"] == "Archer"


def test_email_cannot_be_changed_through_update(bearer_client, user):
    bearer_client.patch(f"/api/auth/users/{user.id}/", json={"email": "evil@example.com"})
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "alice@example.com"


def test_update_validates_input(bearer_client, user):
    too_long = bearer_client.patch(f"/api/auth/users/{user.id}/", json={"first_name": "x" * 151})
    assert too_long.status_code == 400
    assert "first_name" in too_long.json["errors"]
    wrong_type = bearer_client.patch(f"/api/auth/users/{user.id}/", json={"last_name": 42})
    assert wrong_type.status_code == 400
    assert "last_name" in wrong_type.json["errors"]
    not_a_file = bearer_client.patch(f"/api/auth/users/{user.id}/", json={"avatar": "http://x"})
    assert not_a_file.status_code == 400
    assert "avatar" in not_a_file.json["errors"]


def test_avatar_upload_replace_and_remove(app, bearer_client, user):
    response = bearer_client.patch(
        f"/api/auth/users/{user.id}/",
        data={"first_name": "Alice", "avatar": (io.BytesIO(png_bytes()), "me.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.json
    avatar_url = response.json["profile"]["avatar"]
    assert avatar_url and "/files/public/avatars/" in avatar_url
    served = bearer_client.get(avatar_url)
    assert served.status_code == 200
    assert served.data == png_bytes()
    assert len(stored_files(app)) == 1

    replaced = bearer_client.patch(
        f"/api/auth/users/{user.id}/",
        data={"avatar": (io.BytesIO(png_bytes("blue")), "new.png")},
        content_type="multipart/form-data",
    )
    assert replaced.json["profile"]["avatar"] != avatar_url
    assert len(stored_files(app)) == 1  # the old file is gone

    removed = bearer_client.patch(f"/api/auth/users/{user.id}/", json={"avatar": None})
    assert removed.status_code == 200
    assert removed.json["profile"]["avatar"] is None
    assert stored_files(app) == []


def test_avatar_must_be_a_real_image(app, bearer_client, user):
    response = bearer_client.patch(
        f"/api/auth/users/{user.id}/",
        data={"avatar": (io.BytesIO(b"<?php echo 'hi'; ?>"), "me.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "avatar" in response.json["errors"]
    assert stored_files(app) == []


def test_oversized_avatar_is_413(make_app, user):
    app = make_app(IMAGE_MAX_MB=1)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {bearer_token(client, user.email)}"
    big = png_bytes(size=(1, 1)) + b"\0" * (1024 * 1024 + 10)
    response = client.patch(f"/api/auth/users/{user.id}/",
                            data={"avatar": (io.BytesIO(big), "big.png")},
                            content_type="multipart/form-data")
    assert response.status_code == 413
    assert response.is_json and "detail" in response.json


def test_request_body_over_the_global_cap_is_413_json(make_app, user):
    app = make_app(MAX_CONTENT_LENGTH=1024)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {bearer_token(client, user.email)}"
    response = client.patch(f"/api/auth/users/{user.id}/",
                            data={"avatar": (io.BytesIO(b"x" * 4096), "big.png")},
                            content_type="multipart/form-data")
    assert response.status_code == 413
    assert response.json == {"detail": "Request body too large."}


def test_cookie_update_needs_csrf(app, user):
    client = app.test_client()
    client.post("/api/auth/token/", json={"email": user.email, "password": PASSWORD})
    refused = client.patch(f"/api/auth/users/{user.id}/", json={"first_name": "X"})
    assert refused.status_code == 403
    token = client.get("/api/auth/csrf/").json["csrftoken"]
    accepted = client.patch(f"/api/auth/users/{user.id}/", json={"first_name": "X"},
                            headers={"X-CSRFToken": token})
    assert accepted.status_code == 200


def test_update_and_delete_require_authentication(client, user):
    assert client.patch(f"/api/auth/users/{user.id}/", json={"first_name": "X"}).status_code == 401
    assert client.delete(f"/api/auth/users/{user.id}/").status_code == 401


def test_delete_removes_account_data_and_files(app, bearer_client, user):
    bearer_client.patch(f"/api/auth/users/{user.id}/",
                        data={"avatar": (io.BytesIO(png_bytes()), "me.png")},
                        content_type="multipart/form-data")
    bearer_client.post("/api/auth/add-feedback/",
                       data={"subject": "Hi", "message": "Hello", "urgency": "low",
                             "attachment": (io.BytesIO(png_bytes("green")), "shot.png")},
                       content_type="multipart/form-data")
    assert len(stored_files(app)) == 2
    user_id, email = user.id, user.email

    response = bearer_client.delete(f"/api/auth/users/{user_id}/")
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert db.session.query(Feedback).count() == 0
    assert db.session.query(AuthSession).count() == 0
    assert stored_files(app) == []
    # The token of the deleted account no longer works.
    assert bearer_client.get("/api/auth/users/me/").status_code == 401
    login = app.test_client().post("/api/token/", json={"email": email, "password": PASSWORD})
    assert login.status_code == 401


def test_clients_do_not_share_sign_ins_or_csrf_tokens(app, user):
    first, second = app.test_client(), app.test_client()
    login = first.post("/api/auth/session/login/", json={"email": user.email, "password": PASSWORD})
    assert login.status_code == 200
    assert first.get("/api/auth/users/me/").status_code == 200
    assert second.get("/api/auth/users/me/").status_code == 401
    assert (first.get("/api/auth/csrf/").json["csrftoken"]
            != second.get("/api/auth/csrf/").json["csrftoken"])
