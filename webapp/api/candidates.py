"""Candidate profiles, their parsing and confirmation (30-37)."""

from __future__ import annotations

from flask import jsonify, request

from webapp import storage
from webapp.api import bp
from webapp.api.common import (
    auth_required,
    boolean,
    file_change,
    integer,
    page_arguments,
    principal,
    request_data,
    string_list,
    text,
)
from webapp.api.notes import note_json
from webapp.api.users import user_brief
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import CandidateProfile, Note, User
from webapp.models.base import isoformat
from webapp.services import candidates, membership, notes, parsing, profile_data
from webapp.uploads import Upload

BASE = "/candidates/profiles/"


def profile_json(profile: CandidateProfile, viewer: User, own_notes: list[Note],
                 member_of: set[int] | None = None, *, full: bool = True) -> dict:
    """A profile as the reference shows it; in lists (`full` off) resume_data and
    verified_data are abridged (profile_data.abridged)."""
    private = candidates.shows_private_fields(viewer, profile, member_of)
    shown = (lambda data: data) if full else profile_data.abridged
    organization = profile.organization
    return {
        "id": profile.id,
        "slug": profile.slug,
        "user": user_brief(profile.user),
        "organization": {"id": organization.id, "name": organization.name} if organization else None,
        "resume_file": storage.url(profile.resume_file),
        "resume_data": shown(profile.resume_data),
        "verified_data": shown(profile.verified_data),
        "willing_to_relocate": profile.willing_to_relocate,
        "employment_type_preferences": profile.employment_type_preferences,
        "work_mode_preferences": profile.work_mode_preferences,
        "has_workvisa": profile.has_workvisa,
        "expected_salary_range": profile.expected_salary_range,
        "video_pitch": storage.url(profile.video_pitch),
        "is_available": profile.is_available,
        "disability_categories": profile.disability_categories if private else [],
        "accommodation_needs": profile.accommodation_needs if private else None,
        "workplace_accommodations": profile.workplace_accommodations if private else None,
        "share_accommodations": profile.share_accommodations,
        "parsing_status": profile.parsing_status,
        "get_all_notes": [note_json(note) for note in own_notes],
        "created_at": isoformat(profile.created_at),
        "updated_at": isoformat(profile.updated_at),
    }


def _single(profile: CandidateProfile) -> dict:
    viewer = principal().user
    return profile_json(profile, viewer, notes.by_profile(viewer, [profile.id])[profile.id])


def _fields(data: dict) -> dict:
    fields: dict = {}
    for name in candidates.TEXT_FIELDS:
        if name in data:
            value = text(data, name, default=None)
            fields[name] = None if value == "null" else value  # a form's spelling of null
    for name in candidates.LIST_FIELDS:
        if name in data:
            fields[name] = string_list(data, name) or []
    for name in candidates.BOOL_FIELDS:
        if name in data:
            fields[name] = boolean(data, name)
    return fields


@bp.get(BASE)
@auth_required
def list_profiles():  # noqa: ANN201
    limit, offset = page_arguments()
    args = request.args.to_dict()
    viewer = principal().user
    items, total = candidates.list_for(
        viewer,
        is_available=boolean(args, "is_available") if args.get("is_available") else None,
        work_mode=args.get("work_mode"), employment_type=args.get("employment_type"),
        skill=args.get("skill"), text=args.get("q"), limit=limit, offset=offset)
    own_notes = notes.by_profile(viewer, [profile.id for profile in items])
    member_of = membership.full_organization_id_set(viewer)
    response = jsonify([profile_json(p, viewer, own_notes[p.id], member_of, full=False)
                        for p in items])
    response.headers["X-Total-Count"] = str(total)
    return response


@bp.post(BASE)
@auth_required
def create_profile():  # noqa: ANN201
    data = request_data()
    resume = file_change(data, "resume_file", "resume")
    profile = candidates.create(principal().user, _fields(data),
                                organization_id=integer(data, "organization"), resume=resume,
                                video=file_change(data, "video_pitch", "video"))
    db.session.commit()
    if isinstance(resume, Upload):
        parsing.start_after_upload(profile)
    return jsonify(_single(profile)), 201


@bp.get(f"{BASE}<slug>/")
@auth_required
def get_profile(slug: str):  # noqa: ANN201
    return jsonify(_single(candidates.visible(principal().user, slug)))


@bp.route(f"{BASE}<slug>/", methods=["PUT", "PATCH"])
@auth_required
def update_profile(slug: str):  # noqa: ANN201
    data = request_data()
    candidates.editable(principal().user, slug)  # refuse strangers before reading any file
    resume = file_change(data, "resume_file", "resume")
    profile = candidates.change(principal().user, slug, _fields(data), resume=resume,
                                video=file_change(data, "video_pitch", "video"))
    db.session.commit()
    if isinstance(resume, Upload):
        parsing.start_after_upload(profile)
    return jsonify(_single(profile))


@bp.delete(f"{BASE}<slug>/")
@auth_required
def delete_profile(slug: str):  # noqa: ANN201
    candidates.remove(principal().user, slug)
    db.session.commit()
    return jsonify(detail="Profile deleted")


@bp.post(f"{BASE}<slug>/parse-resume/")
@auth_required
def parse_resume(slug: str):  # noqa: ANN201
    profile = candidates.editable(principal().user, slug)
    task = parsing.request_parse(profile, force=boolean(request.args.to_dict(), "force"))
    if task is None:
        return jsonify(message="Resume already parsed", parsing_status=profile.parsing_status,
                       resume_data=profile.resume_data)
    # The status the task set; reading it back could already show the end of a quick parse.
    return jsonify(message="Resume parsing started", parsing_status="parsing", task_id=task.id), 202


@bp.get(f"{BASE}<slug>/parsing-status/")
@auth_required
def parsing_status(slug: str):  # noqa: ANN201
    profile = candidates.visible(principal().user, slug)
    include = boolean(request.args.to_dict(), "include_resume")
    return jsonify({**candidates.parsing_state(profile, include_resume=include),
                    **parsing.parse_report(profile)})


@bp.post(f"{BASE}<slug>/verify-profile/")
@auth_required
def verify_profile(slug: str):  # noqa: ANN201
    if not request.is_json:
        raise ServiceError("Send the confirmed profile as a JSON object.", status=415)
    profile = candidates.verify(principal().user, slug, request_data())
    db.session.commit()
    return jsonify(message="Profile verified successfully", verified_data=profile.verified_data)
