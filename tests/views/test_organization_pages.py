"""Organization pages: create, edit details and logo, invite, remove, transfer, leave; and
accepting an invitation. Only the owner changes anything (403 for other members, 404 for
anyone outside)."""

from __future__ import annotations

import io
import re

from tests.api.jobs_helpers import make_org
from tests.helpers import make_user, png_bytes, stored_files
from tests.views.helpers import login_page
from tests.views.recruiter_helpers import (  # noqa: F401
    Recruiting,
    field_error,
    post,
    recruiting_fixture,
    text_of,
    value_of,
)
from webapp.extensions import db
from webapp.models import Organization


def org_url(recruiting: Recruiting, action: str = "") -> str:
    return f"/organizations/{recruiting.acme.id}" + (f"/{action}" if action else "")


def stored(organization_id: int) -> Organization:
    db.session.expire_all()
    return db.session.get(Organization, organization_id)


# --- create ------------------------------------------------------------------------------------

def test_a_member_creates_an_organization_and_becomes_its_recruiter(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.newcomer)
    assert "Create your organization" in text_of(client.get("/organizations/new"))

    response = post(client, "/organizations/new", {
        "name": "Nina's Nursery", "industry": "Plants", "url": "https://nursery.example",
        "avatar": (io.BytesIO(png_bytes()), "logo.png")}, content_type="multipart/form-data")

    assert response.status_code == 302
    organization = db.session.query(Organization).filter_by(name="Nina's Nursery").one()
    assert response.headers["Location"] == f"/organizations/{organization.id}"
    assert organization.root_user_id == recruiting.newcomer.id and organization.avatar
    page = client.get(response.headers["Location"])
    assert "Nina&#39;s Nursery is created" in text_of(page)
    assert 'alt="Nina&#39;s Nursery logo"' in text_of(page)
    assert client.get("/dashboard").status_code == 200  # now a recruiter


def test_creating_without_a_name_keeps_the_rest_and_explains(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.newcomer)

    response = post(client, "/organizations/new", {"name": " ", "industry": "Plants",
                                                    "url": "not a url"})

    assert response.status_code == 400
    html = text_of(response)
    assert field_error(html, "name") == "This field is required."
    assert "Enter a valid URL" in field_error(html, "url")
    assert value_of(html, "industry") == "Plants"
    assert value_of(html, "url") == "not a url"
    assert db.session.query(Organization).count() == 2


def test_a_logo_that_is_not_an_image_is_refused_next_to_the_field(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.newcomer)
    response = post(client, "/organizations/new", {
        "name": "Nursery", "avatar": (io.BytesIO(b"%PDF-1.4 not an image"), "logo.png")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert field_error(text_of(response), "avatar") == "Upload a PNG, JPEG, GIF or WebP image."
    assert value_of(text_of(response), "name") == "Nursery"


def test_creating_an_organization_needs_a_signed_in_non_candidate(recruiting: Recruiting) -> None:
    response = recruiting.client().get("/organizations/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert recruiting.client(recruiting.candidate).get("/organizations/new").status_code == 403


# --- view and edit -----------------------------------------------------------------------------

def test_the_owner_sees_an_editable_page_with_members(recruiting: Recruiting) -> None:
    html = text_of(recruiting.client(recruiting.owner).get(org_url(recruiting)))
    assert "Save details" in html and "Send invitation" in html
    assert "colleague@acme.example" in html and "Make owner" in html
    assert value_of(html, "name") == "Acme"


def test_a_member_sees_it_read_only(recruiting: Recruiting) -> None:
    response = recruiting.client(recruiting.colleague).get(org_url(recruiting))
    assert response.status_code == 200
    html = text_of(response)
    assert "owner@acme.example" in html and "Leave Acme" in html
    assert "Save details" not in html and "Send invitation" not in html and "Make owner" not in html


def test_the_owner_edits_details_and_replaces_then_removes_the_logo(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    response = post(client, org_url(recruiting), {
        "name": "Acme <Labs>", "industry": "Robots", "about": "We build robots.",
        "avatar": (io.BytesIO(png_bytes()), "logo.png")}, content_type="multipart/form-data")
    assert response.status_code == 302
    organization = stored(recruiting.acme.id)
    assert (organization.name, organization.industry, organization.about) == \
        ("Acme <Labs>", "Robots", "We build robots.")
    assert organization.avatar and len(stored_files(recruiting.app)) == 1
    html = text_of(client.get(org_url(recruiting)))
    assert "Acme &lt;Labs&gt;" in html and "<Labs>" not in html

    response = post(client, org_url(recruiting), {"name": "Acme", "remove_avatar": "y"})
    assert response.status_code == 302
    assert stored(recruiting.acme.id).avatar is None


def test_an_invalid_edit_is_400_with_the_typed_values(recruiting: Recruiting) -> None:
    response = post(recruiting.client(recruiting.owner), org_url(recruiting),
                    {"name": "", "industry": "Typed industry"})
    assert response.status_code == 400
    assert field_error(text_of(response), "name") == "This field is required."
    assert value_of(text_of(response), "industry") == "Typed industry"
    assert stored(recruiting.acme.id).name == "Acme"


def test_members_may_not_change_and_outsiders_do_not_see(recruiting: Recruiting) -> None:
    colleague = recruiting.client(recruiting.colleague)
    outsider = recruiting.client(recruiting.outsider)
    for action, data in (("", {"name": "Hacked"}), ("invites", {"email": "x@example.com"}),
                         ("members/remove", {"user_id": recruiting.owner.id}),
                         ("transfer", {"user_id": recruiting.colleague.id})):
        assert post(colleague, org_url(recruiting, action), data).status_code == 403, action
        assert post(outsider, org_url(recruiting, action), data).status_code == 404, action
    assert outsider.get(org_url(recruiting)).status_code == 404
    assert stored(recruiting.acme.id).name == "Acme"
    assert stored(recruiting.acme.id).root_user_id == recruiting.owner.id


def test_organization_pages_need_a_login(recruiting: Recruiting) -> None:
    anonymous = recruiting.client()
    for response in (anonymous.get(org_url(recruiting)), post(anonymous, org_url(recruiting, "leave"))):
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_organization_link_goes_to_the_only_organization(recruiting: Recruiting) -> None:
    response = recruiting.client(recruiting.owner).get("/organizations/")
    assert response.headers["Location"] == org_url(recruiting)


# --- invitations -------------------------------------------------------------------------------

def test_the_owner_invites_by_email_and_the_mail_links_to_the_invitation(recruiting: Recruiting,
                                                                        outbox) -> None:  # noqa: ANN001
    client = recruiting.client(recruiting.owner)
    response = post(client, org_url(recruiting, "invites"), {"email": "New.Person@Example.com"})
    assert response.status_code == 302
    html = text_of(client.get(org_url(recruiting)))
    assert "Invitation sent to new.person@example.com" in html
    assert re.search(r"Waiting for an answer</h3>\s*<ul[^>]*>\s*<li>new.person@example.com", html)
    body = outbox.last_body("new.person@example.com")
    code = re.search(r"/invites/([A-Z0-9]+)", body).group(1)

    page = recruiting.client().get(f"/invites/{code}")
    assert page.status_code == 200
    assert f'href="/signup?invite={code}"' in text_of(page) and "Sign up to accept" in text_of(page)


def test_inviting_a_bad_address_or_a_member_is_explained(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    response = post(client, org_url(recruiting, "invites"), {"email": "not-an-email"})
    assert response.status_code == 400 and field_error(text_of(response), "email")
    assert value_of(text_of(response), "email") == "not-an-email"
    response = post(client, org_url(recruiting, "invites"), {"email": "colleague@acme.example"})
    assert field_error(text_of(response), "email") == "This person is already a member."


def test_a_signed_in_user_accepts_an_invitation(recruiting: Recruiting, outbox) -> None:  # noqa: ANN001
    post(recruiting.client(recruiting.owner), org_url(recruiting, "invites"),
         {"email": recruiting.newcomer.email})
    code = re.search(r"/invites/([A-Z0-9]+)", outbox.last_body(recruiting.newcomer.email)).group(1)
    client = recruiting.client(recruiting.newcomer)
    assert "Accept and join Acme" in text_of(client.get(f"/invites/{code}"))

    response = post(client, f"/invites/{code}/accept")

    assert response.status_code == 302 and response.headers["Location"] == org_url(recruiting)
    assert recruiting.newcomer.id in {m.id for m in stored(recruiting.acme.id).members}
    assert "You joined Acme" in text_of(client.get(org_url(recruiting)))
    owner_page = text_of(recruiting.client(recruiting.owner).get(org_url(recruiting)))
    assert "Waiting for an answer" not in owner_page
    # Used once.
    assert post(client, f"/invites/{code}/accept").status_code == 400


def test_accepting_someone_elses_invitation_is_refused(recruiting: Recruiting, outbox) -> None:  # noqa: ANN001
    post(recruiting.client(recruiting.owner), org_url(recruiting, "invites"), {"email": "other@example.com"})
    code = re.search(r"/invites/([A-Z0-9]+)", outbox.last_body("other@example.com")).group(1)
    client = recruiting.client(recruiting.newcomer)
    assert "Log out and sign in" in text_of(client.get(f"/invites/{code}"))
    response = post(client, f"/invites/{code}/accept")
    assert response.status_code == 400
    assert "This invitation is invalid, used or expired." in text_of(response)
    anonymous = post(recruiting.client(), f"/invites/{code}/accept")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


# --- members -----------------------------------------------------------------------------------

def test_the_owner_removes_a_member(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    response = post(client, org_url(recruiting, "members/remove"), {"user_id": recruiting.colleague.id})
    assert response.status_code == 302
    assert [m.id for m in stored(recruiting.acme.id).members] == [recruiting.owner.id]
    assert recruiting.client(recruiting.colleague).get(org_url(recruiting)).status_code == 404


def test_the_owner_cannot_remove_themselves(recruiting: Recruiting) -> None:
    response = post(recruiting.client(recruiting.owner), org_url(recruiting, "members/remove"),
                    {"user_id": recruiting.owner.id})
    assert response.status_code == 400 and "transfer ownership first" in text_of(response)


def test_the_owner_hands_over_ownership(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    response = post(client, org_url(recruiting, "transfer"), {"user_id": recruiting.colleague.id})
    assert response.status_code == 302
    assert stored(recruiting.acme.id).root_user_id == recruiting.colleague.id
    html = text_of(client.get(org_url(recruiting)))
    assert "colleague@acme.example now owns Acme" in html and "Save details" not in html
    # Someone outside the organization cannot be made owner.
    response = post(recruiting.client(recruiting.colleague), org_url(recruiting, "transfer"),
                    {"user_id": recruiting.outsider.id})
    assert response.status_code == 400


def test_a_member_leaves(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.colleague)
    html = text_of(client.get(org_url(recruiting)))
    assert 'data-confirm="Leave Acme?' in html

    response = post(client, org_url(recruiting, "leave"))

    assert response.status_code == 302
    assert response.headers["Location"] == "/organizations/new"  # no organization left
    assert recruiting.colleague.id not in {m.id for m in stored(recruiting.acme.id).members}


def test_an_owner_with_several_organizations_sees_a_list(recruiting: Recruiting) -> None:
    make_org("Second", recruiting.owner)
    html = text_of(recruiting.client(recruiting.owner).get("/organizations/"))
    assert "Acme" in html and "Second" in html


def test_a_user_who_belongs_nowhere_is_offered_to_create_one(app) -> None:  # noqa: ANN001
    user = make_user("alone@example.com")
    client = login_page(app.test_client(), user.email)
    assert "You do not belong to an organization yet" in text_of(client.get("/organizations/"))
