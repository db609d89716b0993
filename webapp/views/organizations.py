"""Organization pages: create one, edit its details and logo, invite and manage members,
delete it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp import storage
from webapp.api.common import request_file
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.forms import form_status, show_errors
from webapp.forms.organizations import ConfirmForm, InviteForm, MemberForm, OrganizationForm
from webapp.models import Organization
from webapp.services import organizations, roles
from webapp.services.membership import ROLE_LABELS
from webapp.services.validation import UNSET, whole_number
from webapp.uploads import read_upload
from webapp.views.pages import home_for, role_required

bp = Blueprint("organizations", __name__, url_prefix="/organizations")


def form_problem(error: ServiceError) -> ServiceError:
    """A service error that belongs next to a form's fields; others (403, 404) go on up."""
    if error.status not in (400, 413):
        raise error
    db.session.rollback()
    return error


def _avatar(form: OrganizationForm) -> object:
    if upload := request_file("avatar"):
        return read_upload(upload, "image", "avatar")
    return None if form.remove_avatar.data else UNSET


@bp.get("/")
@login_required
def index() -> str | Response:
    mine = organizations.list_for(current_user)
    if len(mine) == 1:
        return redirect(url_for("organizations.show", organization_id=mine[0].id))
    return render_template("organizations/index.html", organizations=mine)


@bp.route("/new", methods=["GET", "POST"])
@role_required("member", "recruiter")
def new() -> str | Response:
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            organization = organizations.create(current_user, form.values(), avatar=_avatar(form))
        except ServiceError as error:
            show_errors(form, form_problem(error))
        else:
            db.session.commit()
            flash(f"{organization.name} is created. Post your first job or invite your team.",
                  "success")
            return redirect(url_for("organizations.show", organization_id=organization.id))
    return render_template("organizations/new.html", form=form), \
        form_status(form)


def _page(organization: Organization, form: OrganizationForm | None = None,
          invite: InviteForm | None = None, status: int = 200) -> tuple[str, int]:
    if form is None:
        form = OrganizationForm(obj=organization)
    is_owner = organization.root_user_id == current_user.id
    return render_template(
        "organizations/show.html", organization=organization, form=form,
        invite=invite or InviteForm(), member_form=MemberForm(), is_owner=is_owner,
        roles={member.user.id: member.role for member in roles.members(current_user, organization.id)},
        role_labels=ROLE_LABELS,
        invitations=organizations.pending_invitations(current_user, organization.id) if is_owner else [],
        logo=storage.url(organization.avatar)), status


@bp.get("/<int:organization_id>")
@login_required
def show(organization_id: int) -> tuple[str, int]:
    return _page(organizations.visible(current_user, organization_id))


@bp.post("/<int:organization_id>")
@login_required
def update(organization_id: int) -> tuple[str, int] | Response:
    organization = organizations.owned(current_user, organization_id)  # 403 before reading files
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            organizations.change(current_user, organization_id, form.values(), full=True,
                                 avatar=_avatar(form))
        except ServiceError as error:
            show_errors(form, form_problem(error))
        else:
            db.session.commit()
            flash("The organization's details are saved.", "success")
            return redirect(url_for("organizations.show", organization_id=organization_id))
    return _page(organizations.visible(current_user, organization.id), form=form, status=400)


@bp.post("/<int:organization_id>/invites")
@login_required
def invite(organization_id: int) -> tuple[str, int] | Response:
    organization = organizations.owned(current_user, organization_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, _ = organizations.invite(current_user, organization_id, form.email.data or "")
        except ServiceError as error:
            show_errors(form, form_problem(error))
        else:
            db.session.commit()
            flash(f"Invitation sent to {invitation.email}.", "success")
            return redirect(url_for("organizations.show", organization_id=organization_id))
    return _page(organizations.visible(current_user, organization.id), invite=form, status=400)


def _member_id(form: MemberForm) -> int:
    member_id = whole_number(form.user_id.data, low=1)
    if not form.validate_on_submit() or member_id is None:
        raise ServiceError("Choose a member.")
    return member_id


@bp.post("/<int:organization_id>/members/remove")
@login_required
def remove_member(organization_id: int) -> Response:
    member_id = _member_id(MemberForm())
    organizations.remove_member(current_user, organization_id, member_id)
    db.session.commit()
    if member_id == current_user.id:
        flash("You left the organization.", "info")
        return redirect(home_for(current_user))
    flash("The member is removed.", "success")
    return redirect(url_for("organizations.show", organization_id=organization_id))


@bp.post("/<int:organization_id>/members/role")
@login_required
def change_role(organization_id: int) -> Response:
    member_id = _member_id(MemberForm())
    try:
        member = roles.set_role(current_user, organization_id, member_id, request.form.get("role"))
    except ServiceError as error:
        if error.status in (403, 404):
            raise
        db.session.rollback()
        flash(error.in_words(), "error")
    else:
        db.session.commit()
        flash(f"{member.user.email} is now a {ROLE_LABELS[member.role].lower()}.", "success")
    return redirect(url_for("organizations.show", organization_id=organization_id) + "#members-heading")


@bp.post("/<int:organization_id>/transfer")
@login_required
def transfer(organization_id: int) -> Response:
    member_id = _member_id(MemberForm())
    organization = organizations.transfer_ownership(current_user, organization_id, member_id)
    db.session.commit()
    flash(f"{organization.root_user.email} now owns {organization.name}.", "success")
    return redirect(url_for("organizations.show", organization_id=organization_id))


@bp.post("/<int:organization_id>/leave")
@login_required
def leave(organization_id: int) -> Response:
    if not ConfirmForm().validate_on_submit():
        raise ServiceError("The form expired; try again.")
    organizations.remove_member(current_user, organization_id, current_user.id)
    db.session.commit()
    flash("You left the organization.", "info")
    return redirect(home_for(current_user))


@bp.post("/<int:organization_id>/delete")
@login_required
def delete(organization_id: int) -> Response:
    """The owner deletes the organization with its jobs, sourced candidates and their files;
    they may be left without any organization, so they go to their (new) home page."""
    name = organizations.owned(current_user, organization_id).name  # 404 outsiders, 403 members
    if not ConfirmForm().validate_on_submit():
        raise ServiceError("The form expired; reload the page and try again.")
    organizations.remove(current_user, organization_id)
    db.session.commit()
    flash(f"{name} is deleted, with its jobs and sourced candidates.", "info")
    return redirect(home_for(current_user))
