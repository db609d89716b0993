"""Invitations (21): creating them, the mail and its link, accepting them by signing up or as an
existing user, and every way a code stops working (used, replaced, expired, wrong email)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

import webapp.services.organizations as organizations_service
from tests.api.accounts_helpers import (
    STRONG_PASSWORD,
    VERIFY_URL,
    assert_field_error,
    assert_json_error,
    signup,
    verification_code,
)
from tests.api.org_helpers import (
    ACCEPT_URL,
    ORGS_URL,
    accept_link,
    brief,
    invite,
    invite_url,
    login_client,
    make_org,
    member_ids,
    member_url,
    org_url,
)
from webapp.extensions import db
from webapp.models import Invitation, User
from webapp.models.base import utcnow

INVITEE = "newbie@example.com"


@pytest.fixture
def org(user):  # noqa: ANN001, ANN201
    return make_org(user, name="Acme Rockets")


@pytest.fixture
def owner(app, user):  # noqa: ANN001, ANN201
    return login_client(app, user)


def shift_invitation_clock(monkeypatch, delta: timedelta) -> None:  # noqa: ANN001
    """Make the invitation service believe `delta` has passed."""
    monkeypatch.setattr(organizations_service, "utcnow", lambda: utcnow() + delta)


def user_id_of(email: str) -> int:
    return db.session.scalar(select(User.id).where(User.email == email))


def sign_up_and_verify(client, outbox, email: str, code: str):  # noqa: ANN001, ANN201
    response = signup(client, email, invite_code=code)
    assert response.status_code in {200, 201}, response.get_json()
    emailed = verification_code(outbox, email.lower())
    return client.post(VERIFY_URL, json={"email": email, "code": emailed})


# --- creating invitations --------------------------------------------------------------------

def test_invite_answers_with_email_code_and_organization(owner, org, outbox, user):
    response = owner.post(invite_url(org.id), json={"email": INVITEE})

    assert response.status_code in {200, 201}, response.get_json()
    body = response.get_json()
    assert set(body) == {"email", "invite_code", "organization"}
    assert body["email"] == INVITEE
    assert body["organization"] == org.id
    assert isinstance(body["invite_code"], str)
    # The code is not kept in clear in the database.
    [stored] = db.session.scalars(select(Invitation)).all()
    assert stored.email == INVITEE and stored.organization_id == org.id
    row = db.session.execute(select(Invitation.__table__)).one()
    assert all(body["invite_code"].lower() not in str(value).lower() for value in row)


def test_invitation_mail_carries_the_code_and_a_working_link(app, owner, org, outbox):
    code = invite(owner, org.id, INVITEE)

    [message] = outbox.to(INVITEE)
    assert "Acme Rockets" in message["Subject"]
    body = outbox.last_body(INVITEE)
    assert code in body and "Acme Rockets" in body
    page = app.test_client().get(accept_link(outbox, INVITEE, code))
    assert page.status_code == 200
    assert "Acme Rockets" in page.get_data(as_text=True)


def test_codes_are_long_random_and_distinct(owner, org, outbox):
    codes = [invite(owner, org.id, f"person{n}@example.com") for n in range(12)]

    assert len(set(codes)) == len(codes)
    assert all(len(code) >= 12 for code in codes)
    # Not a counter or a timestamp: the codes differ in most of their characters.
    assert all(sum(a != b for a, b in zip(x, y, strict=False)) >= 8
               for x, y in zip(codes, codes[1:], strict=False))


def test_invite_email_is_case_insensitive(app, owner, org, outbox, user_factory):
    body = owner.post(invite_url(org.id), json={"email": "  NewBie@Example.COM "}).get_json()
    assert body["email"] == INVITEE
    assert outbox.to(INVITEE)
    user_factory(INVITEE)

    response = login_client(app, INVITEE).post(ACCEPT_URL, json={"invite_code": body["invite_code"]})

    assert response.status_code == 200, response.get_json()
    assert user_id_of(INVITEE) in member_ids(org.id)


def test_inviting_an_existing_member_is_400(owner, org, outbox, user, user_factory):
    colleague = user_factory("colleague@example.com")
    org.members.append(colleague)
    db.session.commit()

    for email in ("colleague@example.com", "Colleague@Example.com", user.email):
        assert_field_error(owner.post(invite_url(org.id), json={"email": email}), "email")
    assert outbox.to("colleague@example.com") == []
    assert db.session.scalars(select(Invitation)).all() == []


def test_only_the_root_user_invites(app, org, outbox, user_factory):
    colleague = user_factory("colleague@example.com")
    org.members.append(colleague)
    db.session.commit()

    assert_json_error(login_client(app, colleague).post(invite_url(org.id), json={"email": INVITEE}), 403)
    assert outbox.to(INVITEE) == []


def test_reinviting_replaces_the_pending_code(app, owner, org, outbox, user_factory):
    first = invite(owner, org.id, INVITEE)
    first_link = accept_link(outbox, INVITEE, first)
    second = invite(owner, org.id, INVITEE)

    assert first != second
    assert len(outbox.to(INVITEE)) == 2
    assert app.test_client().get(first_link).status_code == 404
    assert app.test_client().get(accept_link(outbox, INVITEE, second)).status_code == 200
    user_factory(INVITEE)
    client = login_client(app, INVITEE)
    assert_field_error(client.post(ACCEPT_URL, json={"invite_code": first}), "invite_code")
    assert user_id_of(INVITEE) not in member_ids(org.id)
    assert client.post(ACCEPT_URL, json={"invite_code": second}).status_code == 200
    assert user_id_of(INVITEE) in member_ids(org.id)


def test_reinviting_one_address_leaves_other_invitations_alone(app, owner, org, outbox, user_factory):
    other_code = invite(owner, org.id, "other@example.com")
    invite(owner, org.id, INVITEE)
    invite(owner, org.id, INVITEE)
    user_factory("other@example.com")

    response = login_client(app, "other@example.com").post(ACCEPT_URL, json={"invite_code": other_code})

    assert response.status_code == 200


# --- accepting as an existing user -----------------------------------------------------------

def test_existing_user_accepts_and_joins(app, owner, org, outbox, user, user_factory):
    invitee = user_factory(INVITEE, first_name="Nina", last_name="Newbie")
    code = invite(owner, org.id, INVITEE)
    link = accept_link(outbox, INVITEE, code)
    client = login_client(app, invitee)

    response = client.post(ACCEPT_URL, json={"invite_code": code})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["id"] == org.id and body["name"] == "Acme Rockets"
    assert body["root_user"] == brief(user)
    assert brief(invitee) in body["users"]
    assert member_ids(org.id) == {user.id, invitee.id}
    assert [o["id"] for o in client.get(ORGS_URL).get_json()] == [org.id]
    assert client.get(org_url(org.id)).status_code == 200
    # The code was used: the link and the code are dead.
    assert app.test_client().get(link).status_code == 404
    assert_field_error(client.post(ACCEPT_URL, json={"invite_code": code}), "invite_code")


def test_a_used_code_does_not_work_again_after_leaving(app, owner, org, outbox, user_factory):
    invitee = user_factory(INVITEE)
    code = invite(owner, org.id, INVITEE)
    client = login_client(app, invitee)
    assert client.post(ACCEPT_URL, json={"invite_code": code}).status_code == 200
    assert client.delete(member_url(org.id, invitee.id)).status_code == 204

    assert_field_error(client.post(ACCEPT_URL, json={"invite_code": code}), "invite_code")
    assert invitee.id not in member_ids(org.id)


def test_accepting_a_code_sent_to_another_email_is_400(app, owner, org, outbox, user_factory):
    code = invite(owner, org.id, INVITEE)
    intruder = user_factory("intruder@example.com")

    response = login_client(app, intruder).post(ACCEPT_URL, json={"invite_code": code})

    assert_field_error(response, "invite_code")
    assert "Acme Rockets" not in response.get_data(as_text=True)
    assert intruder.id not in member_ids(org.id)
    # The code still works for the person it was sent to.
    user_factory(INVITEE)
    assert login_client(app, INVITEE).post(ACCEPT_URL, json={"invite_code": code}).status_code == 200


def test_accept_with_a_missing_or_unknown_code_is_400(bearer_client):
    for code in ["", "   ", "NOSUCHCODE234567", "NOSUCH\x00CODE", 12345, None, ["x"]]:
        body = {} if code is None else {"invite_code": code}
        response = bearer_client.post(ACCEPT_URL, json=body)
        assert response.status_code == 400, (code, response.status_code)
        assert_field_error(response, "invite_code")


def test_expired_codes_are_refused_everywhere(app, owner, org, outbox, monkeypatch, user_factory):
    code = invite(owner, org.id, INVITEE)
    link = accept_link(outbox, INVITEE, code)
    user_factory(INVITEE)
    client = login_client(app, INVITEE)

    shift_invitation_clock(monkeypatch, timedelta(days=7, minutes=1))

    assert app.test_client().get(link).status_code == 404
    assert_field_error(client.post(ACCEPT_URL, json={"invite_code": code}), "invite_code")
    assert_field_error(signup(app.test_client(), "late@example.com", invite_code=code), "invite_code")
    assert user_id_of(INVITEE) not in member_ids(org.id)


def test_codes_still_work_just_before_seven_days(app, owner, org, outbox, monkeypatch, user_factory):
    code = invite(owner, org.id, INVITEE)
    link = accept_link(outbox, INVITEE, code)
    user_factory(INVITEE)
    client = login_client(app, INVITEE)

    shift_invitation_clock(monkeypatch, timedelta(days=6, hours=23))

    assert app.test_client().get(link).status_code == 200
    assert client.post(ACCEPT_URL, json={"invite_code": code}).status_code == 200


# --- accepting by signing up -----------------------------------------------------------------

def test_signup_with_code_joins_once_the_email_is_verified(app, owner, org, outbox, user):
    code = invite(owner, org.id, INVITEE)
    link = accept_link(outbox, INVITEE, code)
    client = app.test_client()

    response = signup(client, INVITEE, invite_code=code)

    assert response.status_code in {200, 201}, response.get_json()
    new_id = user_id_of(INVITEE)
    assert new_id is not None
    assert member_ids(org.id) == {user.id}  # not before verification
    assert [u["id"] for u in owner.get(org_url(org.id)).get_json()["users"]] == [user.id]

    verified = client.post(VERIFY_URL, json={"email": INVITEE, "code": verification_code(outbox, INVITEE)})

    assert verified.status_code == 200, verified.get_json()
    assert member_ids(org.id) == {user.id, new_id}
    assert INVITEE in [u["email"] for u in owner.get(org_url(org.id)).get_json()["users"]]
    newcomer = login_client(app, INVITEE, STRONG_PASSWORD)
    assert [o["id"] for o in newcomer.get(ORGS_URL).get_json()] == [org.id]
    # Used: the link is dead and the code cannot be accepted again.
    assert app.test_client().get(link).status_code == 404
    assert_field_error(newcomer.post(ACCEPT_URL, json={"invite_code": code}), "invite_code")


def test_signup_with_code_ignores_email_case(app, owner, org, outbox):
    code = invite(owner, org.id, INVITEE)

    verified = sign_up_and_verify(app.test_client(), outbox, "NewBie@Example.com", code)

    assert verified.status_code == 200, verified.get_json()
    assert user_id_of(INVITEE) in member_ids(org.id)


def test_signup_with_a_code_sent_to_another_email_is_400(app, owner, org, outbox):
    code = invite(owner, org.id, INVITEE)

    response = signup(app.test_client(), "intruder@example.com", invite_code=code)

    assert_field_error(response, "invite_code")
    assert "Acme Rockets" not in response.get_data(as_text=True)
    assert user_id_of("intruder@example.com") is None
    assert outbox.to("intruder@example.com") == []


def test_signup_with_a_replaced_code_is_400(app, owner, org, outbox):
    old = invite(owner, org.id, INVITEE)
    invite(owner, org.id, INVITEE)

    assert_field_error(signup(app.test_client(), INVITEE, invite_code=old), "invite_code")
    assert user_id_of(INVITEE) is None


def test_a_code_used_at_signup_cannot_be_used_by_an_existing_account(app, owner, org, outbox):
    code = invite(owner, org.id, INVITEE)
    assert sign_up_and_verify(app.test_client(), outbox, INVITEE, code).status_code == 200
    client = login_client(app, INVITEE, STRONG_PASSWORD)
    assert client.delete(member_url(org.id, user_id_of(INVITEE))).status_code == 204

    assert_field_error(client.post(ACCEPT_URL, json={"invite_code": code}), "invite_code")
    assert user_id_of(INVITEE) not in member_ids(org.id)


def test_unverified_signup_never_joins(app, owner, org, outbox, user):
    code = invite(owner, org.id, INVITEE)
    client = app.test_client()
    assert signup(client, INVITEE, invite_code=code).status_code in {200, 201}

    wrong = client.post(VERIFY_URL, json={"email": INVITEE, "code": "000000"})

    assert wrong.status_code == 400
    assert member_ids(org.id) == {user.id}
    assert app.test_client().post("/api/token/", json={"email": INVITEE,
                                                      "password": STRONG_PASSWORD}).status_code == 403


def test_deleting_the_organization_kills_its_codes(app, owner, org, outbox, user_factory):
    code = invite(owner, org.id, INVITEE)
    link = accept_link(outbox, INVITEE, code)
    assert owner.delete(org_url(org.id)).status_code == 204
    user_factory(INVITEE)

    assert app.test_client().get(link).status_code == 404
    assert_field_error(login_client(app, INVITEE).post(ACCEPT_URL, json={"invite_code": code}),
                       "invite_code")
    assert_field_error(signup(app.test_client(), "another@example.com", invite_code=code), "invite_code")


def test_invitations_of_different_organizations_do_not_replace_each_other(app, owner, org, outbox,
                                                                          user_factory):
    other_owner = user_factory("other-owner@example.com")
    other = make_org(other_owner, name="Other Org")
    first = invite(owner, org.id, INVITEE)
    second = invite(login_client(app, other_owner), other.id, INVITEE)
    invitee = user_factory(INVITEE)
    client = login_client(app, invitee)

    assert client.post(ACCEPT_URL, json={"invite_code": first}).status_code == 200
    assert client.post(ACCEPT_URL, json={"invite_code": second}).status_code == 200
    assert [o["id"] for o in client.get(ORGS_URL).get_json()] == [org.id, other.id]


def test_an_invitee_who_signed_up_survives_the_organizations_deletion(app, owner, org, outbox, user):
    code = invite(owner, org.id, INVITEE)
    client = app.test_client()
    assert signup(client, INVITEE, invite_code=code).status_code in {200, 201}

    assert owner.delete(org_url(org.id)).status_code == 204
    verified = client.post(VERIFY_URL, json={"email": INVITEE, "code": verification_code(outbox, INVITEE)})

    assert verified.status_code == 200, verified.get_json()
    assert login_client(app, INVITEE, STRONG_PASSWORD).get(ORGS_URL).get_json() == []


def test_organization_names_are_escaped_in_the_invitation_page_and_mail(app, owner, outbox):
    script = "<script>alert(1)</script>"
    org_id = owner.post(ORGS_URL, json={"name": f"Evil {script}"}).get_json()["id"]
    code = invite(owner, org_id, INVITEE)

    page = app.test_client().get(accept_link(outbox, INVITEE, code)).get_data(as_text=True)
    [message] = outbox.to(INVITEE)
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")

    assert "Evil" in page and script not in page
    assert script not in html.get_payload(decode=True).decode()


def test_line_breaks_in_the_inviters_name_never_break_invitations(app, owner, org, outbox, user):
    """Refusing such a name is correct; so is inviting with a one-line subject. Accepting the
    name and then failing every invitation the user sends is not."""
    renamed = owner.patch(f"/api/auth/users/{user.id}/", json={"first_name": "Al\r\nBcc: evil@example.com"})
    if renamed.status_code == 400:
        assert_field_error(renamed, "first_name")
        return
    assert renamed.status_code == 200, renamed.get_json()

    response = owner.post(invite_url(org.id), json={"email": INVITEE})

    assert response.status_code in {200, 201}, (response.status_code, response.get_json())
    [message] = outbox.to(INVITEE)
    unfolded = re.sub(r"\r?\n[ \t]", " ", message["Subject"])  # long headers fold legitimately
    assert message["Bcc"] is None and "\n" not in unfolded
