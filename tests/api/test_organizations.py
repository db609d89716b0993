"""Organizations (16-20): create, list, get, update, delete, avatars, query counts, CSRF and
what deleting an account does to the organizations it owns."""

from __future__ import annotations

import io
from datetime import datetime

from sqlalchemy import func, select

from tests.api.accounts_helpers import COOKIE_LOGIN_URL, SESSION_LOGIN_URL, assert_json_error, login
from tests.api.org_helpers import (
    ACCEPT_URL,
    DELETE_USER_URL,
    FULL_ORG,
    ORGS_URL,
    accept_link,
    brief,
    fresh_org,
    invite,
    login_client,
    make_org,
    member_ids,
    member_url,
    org_url,
    url_path,
)
from tests.conftest import csrf_for
from tests.helpers import count_queries, make_user, png_bytes, stored_files
from webapp.extensions import db
from webapp.models import Invitation, Job, Organization, User


def org_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Organization))


def add_job(org: Organization, author: User, title: str = "Backend Engineer") -> int:
    job = Job(title=title, job_desc="Build things.", organization_id=org.id, user_id=author.id)
    db.session.add(job)
    db.session.commit()
    return job.id


# --- create ----------------------------------------------------------------------------------

def test_create_returns_201_with_documented_shape(bearer_client, user):
    response = bearer_client.post(ORGS_URL, json=FULL_ORG)

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) == {"id", *FULL_ORG, "avatar_url", "root_user", "users", "created_at"}
    assert isinstance(body["id"], int)
    assert {key: body[key] for key in FULL_ORG} == FULL_ORG
    assert body["avatar_url"] is None
    assert body["root_user"] == brief(user)
    assert body["users"] == [brief(user)]
    assert datetime.fromisoformat(body["created_at"].replace("Z", "+00:00")).tzinfo is not None

    stored = fresh_org(body["id"])
    assert stored.name == "Tech Corp" and stored.root_user_id == user.id
    assert member_ids(body["id"]) == {user.id}


def test_create_with_only_a_name(bearer_client, user):
    response = bearer_client.post(ORGS_URL, json={"name": "Solo"})

    assert response.status_code == 201
    body = response.get_json()
    assert body["name"] == "Solo"
    assert all(body[field] is None for field in FULL_ORG if field != "name")


def test_create_with_a_multipart_form(bearer_client, user):
    response = bearer_client.post(ORGS_URL, data=dict(FULL_ORG), content_type="multipart/form-data")

    assert response.status_code == 201, response.get_json()
    assert {key: response.get_json()[key] for key in FULL_ORG} == FULL_ORG


def test_a_user_may_create_several_organizations(bearer_client, user):
    first = bearer_client.post(ORGS_URL, json={"name": "One"}).get_json()
    second = bearer_client.post(ORGS_URL, json={"name": "Two"}).get_json()

    assert first["id"] != second["id"]
    assert [o["name"] for o in bearer_client.get(ORGS_URL).get_json()] == ["One", "Two"]


def test_create_requires_authentication(client):
    assert_json_error(client.post(ORGS_URL, json={"name": "Nope"}), 401)
    assert org_count() == 0


# --- list and get ----------------------------------------------------------------------------

def test_list_shows_the_callers_organizations_only(app, user, user_factory):
    colleague = user_factory("colleague@example.com", first_name="Cole", last_name="Miner")
    stranger = user_factory("stranger@example.com")
    owned = make_org(user, colleague, name="Owned By Alice")
    joined = make_org(colleague, user, name="Alice Is A Member")
    make_org(stranger, name="Strangers Only")

    response = login_client(app, user).get(ORGS_URL)

    assert response.status_code == 200
    body = response.get_json()
    assert [o["id"] for o in body] == [owned.id, joined.id]
    assert body[0]["root_user"] == brief(user)
    assert body[0]["users"] == [brief(user), brief(colleague)]
    assert body[1]["root_user"] == brief(colleague)
    assert {u["id"] for u in body[1]["users"]} == {user.id, colleague.id}
    assert "Strangers Only" not in response.get_data(as_text=True)
    assert "stranger@example.com" not in response.get_data(as_text=True)


def test_list_is_empty_without_organizations(bearer_client):
    response = bearer_client.get(ORGS_URL)
    assert response.status_code == 200
    assert response.get_json() == []


def test_list_pages_with_limit_and_offset(app, user, user_factory):
    orgs = [make_org(user, name=f"Org {n}") for n in range(4)]
    make_org(user_factory(), name="Strangers Only")
    client = login_client(app, user)

    response = client.get(f"{ORGS_URL}?limit=2&offset=1")
    assert [o["id"] for o in response.get_json()] == [orgs[1].id, orgs[2].id]
    assert response.headers["X-Total-Count"] == "4"
    assert len(client.get(ORGS_URL).get_json()) == 4
    for bad in ("limit=0", "limit=101", "offset=-1"):
        assert_json_error(client.get(f"{ORGS_URL}?{bad}"), 400)


def test_get_returns_the_organization_to_members(app, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org = make_org(user, colleague, name="Acme", industry="Rockets")

    for caller in (user, colleague):
        response = login_client(app, caller).get(org_url(org.id))
        assert response.status_code == 200
        body = response.get_json()
        assert body["id"] == org.id and body["name"] == "Acme" and body["industry"] == "Rockets"
        assert body["root_user"]["id"] == user.id
        assert [u["id"] for u in body["users"]] == [user.id, colleague.id]


def test_get_unknown_and_foreign_organizations_are_404(app, bearer_client, user_factory):
    foreign = make_org(user_factory("owner@other.example"), name="Foreign Inc")

    for org_id in (foreign.id, foreign.id + 1000):
        response = bearer_client.get(org_url(org_id))
        assert_json_error(response, 404)
        assert "Foreign Inc" not in response.get_data(as_text=True)


# --- list: no N+1 ----------------------------------------------------------------------------

def _statements_to_list(app, owner: User, organizations: int) -> int:  # noqa: ANN001
    for number in range(organizations):
        make_org(owner, *[make_user() for _ in range(4)], name=f"{owner.email} org {number}")
    client = login_client(app, owner)
    with count_queries(app) as statements:
        response = client.get(ORGS_URL)
    assert response.status_code == 200
    body = response.get_json()
    assert len(body) == organizations
    assert all(len(o["users"]) == 5 and o["root_user"]["id"] == owner.id for o in body)
    return len(statements)


def test_listing_takes_a_constant_number_of_queries(app, user):
    few = _statements_to_list(app, user, 2)
    many = _statements_to_list(app, make_user("bigcorp@example.com"), 20)

    assert few == many, (few, many)
    assert many <= 8, many


# --- update ----------------------------------------------------------------------------------

def test_patch_changes_only_the_given_fields(app, user):
    org = make_org(user, **FULL_ORG)

    response = login_client(app, user).patch(org_url(org.id), json={"industry": "Aerospace"})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["industry"] == "Aerospace"
    assert {k: body[k] for k in FULL_ORG if k != "industry"} == {
        k: v for k, v in FULL_ORG.items() if k != "industry"}
    assert fresh_org(org.id).industry == "Aerospace"


def test_patch_with_blank_or_null_clears_optional_fields(app, user):
    org = make_org(user, **FULL_ORG)

    response = login_client(app, user).patch(org_url(org.id), json={"about": "", "url": None})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["about"] is None and response.get_json()["url"] is None
    stored = fresh_org(org.id)
    assert stored.about is None and stored.url is None and stored.industry == "Technology"


def test_put_replaces_every_field(app, user):
    org = make_org(user, **FULL_ORG)
    replacement = {
        "name": "New Corp", "industry": "Biotech", "linkedin_url": "https://linkedin.com/company/new",
        "headquarter_location": "Berlin", "about": "New about", "employee_size": "1-10",
        "url": "http://new.example",
    }

    response = login_client(app, user).put(org_url(org.id), json=replacement)

    assert response.status_code == 200, response.get_json()
    assert {k: response.get_json()[k] for k in replacement} == replacement
    stored = fresh_org(org.id)
    assert {k: getattr(stored, k) for k in replacement} == replacement


def test_update_by_multipart_form(app, user):
    org = make_org(user, name="Old")

    response = login_client(app, user).patch(
        org_url(org.id), data={"name": "Form Name", "employee_size": "10-50"},
        content_type="multipart/form-data")

    assert response.status_code == 200, response.get_json()
    assert fresh_org(org.id).name == "Form Name"
    assert fresh_org(org.id).employee_size == "10-50"


def test_members_can_read_but_not_update(app, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org = make_org(user, colleague, name="Acme")
    client = login_client(app, colleague)

    for method in ("put", "patch"):
        response = getattr(client, method)(org_url(org.id), json={"name": "Hijacked"})
        assert_json_error(response, 403)
    assert fresh_org(org.id).name == "Acme"


# --- avatar ----------------------------------------------------------------------------------

def test_avatar_upload_is_served_and_null_removes_it(app, user):
    client = login_client(app, user)
    image = png_bytes("blue")

    response = client.post(ORGS_URL, data={"name": "Pictured", "avatar": (io.BytesIO(image), "logo.png")},
                           content_type="multipart/form-data")

    assert response.status_code == 201, response.get_json()
    org_id = response.get_json()["id"]
    avatar_url = response.get_json()["avatar_url"]
    assert avatar_url and avatar_url.startswith("http")
    served = app.test_client().get(url_path(avatar_url))
    assert served.status_code == 200
    assert served.data == image
    assert served.mimetype == "image/png"
    [stored] = stored_files(app)
    assert stored.read_bytes() == image
    assert client.get(org_url(org_id)).get_json()["avatar_url"] == avatar_url

    removed = client.patch(org_url(org_id), json={"avatar": None})

    assert removed.status_code == 200, removed.get_json()
    assert removed.get_json()["avatar_url"] is None
    assert fresh_org(org_id).avatar is None
    assert stored_files(app) == []
    assert app.test_client().get(url_path(avatar_url)).status_code == 404


def test_avatar_replacement_removes_the_old_file(app, user):
    org = make_org(user, name="Pictured")
    client = login_client(app, user)
    first = client.patch(org_url(org.id), data={"avatar": (io.BytesIO(png_bytes("red")), "a.png")},
                         content_type="multipart/form-data")
    assert first.status_code == 200, first.get_json()
    assert len(stored_files(app)) == 1

    second_image = png_bytes("green", (12, 12))
    second = client.patch(org_url(org.id), data={"avatar": (io.BytesIO(second_image), "b.png")},
                          content_type="multipart/form-data")

    assert second.status_code == 200, second.get_json()
    assert second.get_json()["avatar_url"] != first.get_json()["avatar_url"]
    assert [p.read_bytes() for p in stored_files(app)] == [second_image]
    assert app.test_client().get(url_path(first.get_json()["avatar_url"])).status_code == 404


def test_an_update_without_avatar_keeps_it(app, user):
    client = login_client(app, user)
    created = client.post(ORGS_URL, data={"name": "Pictured", "avatar": (io.BytesIO(png_bytes()), "a.png")},
                          content_type="multipart/form-data").get_json()

    response = client.patch(org_url(created["id"]), json={"industry": "Art"})

    assert response.get_json()["avatar_url"] == created["avatar_url"]
    assert len(stored_files(app)) == 1


# --- delete ----------------------------------------------------------------------------------

def test_delete_removes_the_organization_and_everything_it_owns(app, outbox, user, user_factory):
    colleague = user_factory("colleague@example.com")
    client = login_client(app, user)
    org_id = client.post(ORGS_URL, data={"name": "Doomed", "avatar": (io.BytesIO(png_bytes()), "a.png")},
                         content_type="multipart/form-data").get_json()["id"]
    org = fresh_org(org_id)
    org.members.append(colleague)
    db.session.commit()
    job_id = add_job(org, user)
    code = invite(client, org_id, "invitee@example.com")
    link = accept_link(outbox, "invitee@example.com", code)
    survivor = make_org(colleague, name="Survivor")
    survivor_job = add_job(survivor, colleague)
    assert len(stored_files(app)) == 1

    response = client.delete(org_url(org_id))

    assert response.status_code == 204
    assert response.data == b""
    assert fresh_org(org_id) is None
    assert member_ids(org_id) == set()
    assert db.session.get(Job, job_id) is None
    assert db.session.scalars(select(Invitation).where(Invitation.organization_id == org_id)).all() == []
    assert stored_files(app) == []
    assert app.test_client().get(link).status_code == 404
    assert_json_error(client.get(org_url(org_id)), 404)
    # The members' accounts and the other organization stay.
    assert db.session.get(User, colleague.id) is not None
    assert db.session.get(User, user.id) is not None
    assert fresh_org(survivor.id) is not None and db.session.get(Job, survivor_job) is not None


def test_members_cannot_delete(app, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org = make_org(user, colleague)

    assert_json_error(login_client(app, colleague).delete(org_url(org.id)), 403)
    assert fresh_org(org.id) is not None
    assert member_ids(org.id) == {user.id, colleague.id}


# --- CSRF ------------------------------------------------------------------------------------

def test_cookie_writes_without_csrf_token_are_403(app, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org = make_org(user, colleague, name="Acme")
    client = app.test_client()
    login(client, COOKIE_LOGIN_URL, user.email)
    writes = [
        ("post", ORGS_URL, {"name": "Sneaky"}),
        ("patch", org_url(org.id), {"name": "Sneaky"}),
        ("put", org_url(org.id), {"name": "Sneaky"}),
        ("delete", org_url(org.id), None),
        ("post", f"{org_url(org.id)}create-invite/", {"email": "victim@example.com"}),
        ("post", f"{org_url(org.id)}transfer-ownership/", {"user_id": colleague.id}),
        ("delete", member_url(org.id, colleague.id), None),
        ("post", ACCEPT_URL, {"invite_code": "ABCDEFGHJKLMNPQR"}),
    ]

    for method, url, body in writes:
        response = getattr(client, method)(url, json=body)
        assert_json_error(response, 403)
        response = getattr(client, method)(url, json=body, headers={"X-CSRFToken": "forged"})
        assert_json_error(response, 403)

    assert org_count() == 1
    assert fresh_org(org.id).name == "Acme"
    assert fresh_org(org.id).root_user_id == user.id
    assert member_ids(org.id) == {user.id, colleague.id}
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    # The same client reads freely and writes once it sends the token.
    assert client.get(ORGS_URL).status_code == 200
    response = client.post(ORGS_URL, json={"name": "Legit"}, headers={"X-CSRFToken": csrf_for(client)})
    assert response.status_code == 201


def test_session_login_writes_without_csrf_token_are_403(app, user):
    client = app.test_client()
    login(client, SESSION_LOGIN_URL, user.email)

    assert_json_error(client.post(ORGS_URL, json={"name": "Sneaky"}), 403)
    assert org_count() == 0
    response = client.post(ORGS_URL, json={"name": "Legit"}, headers={"X-CSRFToken": csrf_for(client)})
    assert response.status_code == 201


def test_cookie_client_with_csrf_token_can_write(cookie_client, user):
    response = cookie_client.post(ORGS_URL, json={"name": "Cookie Corp"})
    assert response.status_code == 201
    assert cookie_client.delete(org_url(response.get_json()["id"])).status_code == 204


# --- deleting an account ---------------------------------------------------------------------

def test_account_owning_an_organization_with_members_cannot_be_deleted(app, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org = make_org(user, colleague, name="Shared")

    response = login_client(app, user).delete(DELETE_USER_URL.format(user.id))

    assert_json_error(response, 400)
    db.session.expire_all()
    assert db.session.get(User, user.id) is not None
    assert fresh_org(org.id).root_user_id == user.id
    assert member_ids(org.id) == {user.id, colleague.id}


def test_deleting_the_only_member_deletes_the_organization(app, outbox, user, user_factory):
    user_id = user.id
    client = login_client(app, user)
    org_id = client.post(ORGS_URL, data={"name": "Solo", "avatar": (io.BytesIO(png_bytes()), "a.png")},
                         content_type="multipart/form-data").get_json()["id"]
    job_id = add_job(fresh_org(org_id), user)
    invite(client, org_id, "invitee@example.com")
    other = make_org(user_factory("other@example.com"), name="Other")

    response = client.delete(DELETE_USER_URL.format(user_id))

    assert response.status_code == 200, response.get_json()
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert fresh_org(org_id) is None
    assert db.session.get(Job, job_id) is None
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    assert stored_files(app) == []
    assert fresh_org(other.id) is not None


def test_a_member_deleting_their_account_leaves_the_organization(app, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org = make_org(user, colleague, name="Stays")

    response = login_client(app, colleague).delete(DELETE_USER_URL.format(colleague.id))

    assert response.status_code == 200, response.get_json()
    assert fresh_org(org.id) is not None
    assert member_ids(org.id) == {user.id}
    body = login_client(app, user).get(org_url(org.id)).get_json()
    assert [u["id"] for u in body["users"]] == [user.id]


def test_a_refused_account_deletion_keeps_every_organization(app, user, user_factory):
    """Owning one organization alone and another with members: nothing at all is deleted."""
    client = login_client(app, user)
    solo_id = client.post(ORGS_URL, data={"name": "Solo", "avatar": (io.BytesIO(png_bytes()), "a.png")},
                          content_type="multipart/form-data").get_json()["id"]
    shared = make_org(user, user_factory("colleague@example.com"), name="Shared")

    assert_json_error(client.delete(DELETE_USER_URL.format(user.id)), 400)

    assert fresh_org(solo_id) is not None and fresh_org(shared.id) is not None
    assert member_ids(solo_id) == {user.id}
    assert len(stored_files(app)) == 1
    assert client.get(url_path(client.get(org_url(solo_id)).get_json()["avatar_url"])).status_code == 200
