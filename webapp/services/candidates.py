"""Candidate profiles: who sees and changes them, their files, and how they are listed.

A candidate owns one profile. An organization may also keep *sourced* profiles (candidates
who applied elsewhere); those are seen and changed only by its members. Employers (members of
any organization) see every candidate-owned profile. Nobody else sees anything.
"""

from __future__ import annotations

import secrets
import string

from slugify import slugify
from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from webapp import storage
from webapp.ai.catalogue import catalogue
from webapp.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from webapp.extensions import db
from webapp.models import (
    DISABILITY_CATEGORIES,
    JOB_TYPES,
    WORKPLACE_TYPES,
    CandidateProfile,
    Note,
    Skill,
    User,
    profile_skills,
)
from webapp.models.base import without_large
from webapp.services import profile_data
from webapp.services.membership import (
    candidates_of_jobs,
    full_organization_ids,
    is_employer,
    is_full_member,
    limited_to_jobs,
)
from webapp.services.validation import UNSET, Checker
from webapp.uploads import Upload

SLUG_SUFFIX = 6
ALREADY_HAS_PROFILE = "You already have a candidate profile."
LIST_FIELDS = {"employment_type_preferences": JOB_TYPES, "work_mode_preferences": WORKPLACE_TYPES,
               "disability_categories": DISABILITY_CATEGORIES}
TEXT_FIELDS = {"expected_salary_range": 100, "accommodation_needs": 5000,
               "workplace_accommodations": 5000}
BOOL_FIELDS = ("willing_to_relocate", "has_workvisa", "is_available", "share_accommodations")
PRIVATE_FIELDS = {"disability_categories": list, "accommodation_needs": lambda: None,
                  "workplace_accommodations": lambda: None}


def new_slug(name: str) -> str:
    """Readable and unguessable: "john-doe-k3v9qa"."""
    base = slugify(name, max_length=40, word_boundary=True) or "candidate"
    alphabet = string.ascii_lowercase + string.digits
    while True:
        slug = f"{base}-{''.join(secrets.choice(alphabet) for _ in range(SLUG_SUFFIX))}"
        if db.session.scalar(select(CandidateProfile.id).where(CandidateProfile.slug == slug)) is None:
            return slug


# --- access ------------------------------------------------------------------------------

def visible_condition(user: User):  # noqa: ANN201  (a SQL condition)
    """Profiles `user` may see, as a condition for queries."""
    own = CandidateProfile.user_id == user.id
    if not is_employer(user):
        return own
    in_my_jobs = CandidateProfile.id.in_(candidates_of_jobs(user))
    if limited_to_jobs(user):  # a hiring manager: the candidates of their jobs, no pool
        return or_(own, in_my_jobs)
    return or_(own, CandidateProfile.user_id.is_not(None), in_my_jobs,
               CandidateProfile.organization_id.in_(full_organization_ids(user)))


def can_edit(user: User, profile: CandidateProfile, member_of: set[int] | None = None) -> bool:
    """The candidate owns their profile; an organization's owner and recruiters own its
    sourced ones. `member_of` (the user's full organization ids) saves a query per profile in
    listings."""
    if profile.user_id is not None:
        return profile.user_id == user.id
    if member_of is not None:
        return profile.organization_id in member_of
    return is_full_member(user, profile.organization_id)


def shows_private_fields(user: User, profile: CandidateProfile,
                         member_of: set[int] | None = None) -> bool:
    """Disability and accommodation answers: for the owner, or whoever the candidate shares them with."""
    return profile.share_accommodations or can_edit(user, profile, member_of)


def _loaded() -> tuple:
    return joinedload(CandidateProfile.user), joinedload(CandidateProfile.organization)


def visible(user: User, slug: str) -> CandidateProfile:
    profile = db.session.scalar(select(CandidateProfile).options(*_loaded())
                                .where(CandidateProfile.slug == slug, visible_condition(user)))
    if profile is None:
        raise NotFound()
    return profile


def visible_by_id(user: User, profile_id: int) -> bool:
    return db.session.scalar(select(CandidateProfile.id).where(
        CandidateProfile.id == profile_id, visible_condition(user))) is not None


def editable(user: User, slug: str) -> CandidateProfile:
    profile = visible(user, slug)
    if not can_edit(user, profile):
        raise PermissionDenied("Only the profile's owner can change it.")
    return profile


def own_profile(user: User) -> CandidateProfile | None:
    return db.session.scalar(select(CandidateProfile).where(CandidateProfile.user_id == user.id))


# --- changes -----------------------------------------------------------------------------

def _checked(fields: dict) -> dict:
    check = Checker()
    clean: dict = {}
    for name, limit in TEXT_FIELDS.items():
        if name in fields:
            clean[name] = check.text(name, fields[name], max_length=limit)
    for name, allowed in LIST_FIELDS.items():
        if name in fields:
            values = [value.strip().lower() for value in fields[name] or []]
            unknown = sorted(set(values) - set(allowed))
            if unknown:
                check.add(name, f"Unknown value(s) {', '.join(unknown)}; choose from: "
                                f"{', '.join(allowed)}.")
            clean[name] = sorted(set(values), key=allowed.index) if not unknown else []
    for name in BOOL_FIELDS:
        if name in fields:
            clean[name] = bool(fields[name])
    check.done()
    return clean


def _set_resume(profile: CandidateProfile, resume: Upload | None) -> None:
    """A new (or no) resume: the old file goes, parsing starts over."""
    profile.resume_file = storage.replace(profile.resume_file, "candidate-resumes", resume)
    profile.resume_filename = (resume.filename or f"resume.{resume.extension}") if resume else None
    profile.parsing_status = "pending"
    profile.resume_data = None
    profile_data.refresh_derived(profile)


def _set_video(profile: CandidateProfile, video: Upload | None) -> None:
    profile.video_pitch = storage.replace(profile.video_pitch, "candidate-video-pitches", video)


def create(user: User, fields: dict, *, organization_id: int | None = None,
           resume: Upload | None | object = UNSET,
           video: Upload | None | object = UNSET) -> CandidateProfile:
    """A candidate's own profile (they become a candidate), or, with `organization_id`, a
    profile sourced by that organization."""
    clean = _checked(fields)
    if organization_id is not None:
        if not is_full_member(user, organization_id):
            raise ValidationFailed({"organization": [
                "Only the organization's owner and recruiters can add candidates to it."]})
        profile = CandidateProfile(organization_id=organization_id, created_by_id=user.id,
                                   slug=new_slug("candidate"), **clean)
    else:
        if own_profile(user) is not None:
            raise ServiceError(ALREADY_HAS_PROFILE)
        name = " ".join(filter(None, [user.first_name, user.last_name])) or "candidate"
        profile = CandidateProfile(user=user, created_by_id=user.id, slug=new_slug(name), **clean)
        user.is_candidate = True
    if isinstance(resume, Upload):
        _set_resume(profile, resume)
    if isinstance(video, Upload):
        _set_video(profile, video)
    db.session.add(profile)
    try:
        db.session.flush()
    except IntegrityError as error:  # a simultaneous request created this user's profile
        raise ServiceError(ALREADY_HAS_PROFILE) from error
    return profile


def change(user: User, slug: str, fields: dict, *, resume: Upload | None | object = UNSET,
           video: Upload | None | object = UNSET) -> CandidateProfile:
    profile = editable(user, slug)
    for name, value in _checked(fields).items():
        setattr(profile, name, value)
    if resume is not UNSET:
        _set_resume(profile, resume)
    if video is not UNSET:
        _set_video(profile, video)
    db.session.flush()
    return profile


def discard_files(profiles: list[CandidateProfile]) -> None:
    """Schedule the removal of the profiles' files and their notes' files."""
    for profile in profiles:
        storage.delete(profile.resume_file)
        storage.delete(profile.video_pitch)
    ids = [profile.id for profile in profiles]
    if ids:
        for key in db.session.scalars(select(Note.note_file).where(
                Note.profile_id.in_(ids), Note.note_file.is_not(None))):
            storage.delete(key)


def remove(user: User, slug: str) -> None:
    profile = editable(user, slug)
    discard_files([profile])
    db.session.delete(profile)  # its notes go with it (ON DELETE CASCADE)
    db.session.flush()


# --- listing -----------------------------------------------------------------------------

def list_for(user: User, *, is_available: bool | None = None, work_mode: str | None = None,
             employment_type: str | None = None, skill: str | None = None, text: str | None = None,
             limit: int | None = None, offset: int = 0,
             with_skills: bool = False) -> tuple[list[CandidateProfile], int]:
    """The profiles the caller may see, newest first, filtered, with the total count (the
    resume's text and what is derived from it are not read; their skills only if asked)."""
    check = Checker()
    work_mode = check.choice("work_mode", work_mode, WORKPLACE_TYPES)
    employment_type = check.choice("employment_type", employment_type, JOB_TYPES)
    check.done()
    query = select(CandidateProfile).where(visible_condition(user))
    if is_available is not None:
        query = query.where(CandidateProfile.is_available == is_available)
    # Preferences are JSON lists of fixed words, so their text holds '"remote"' exactly when
    # the list does (on SQLite and PostgreSQL alike).
    if work_mode:
        query = query.where(cast(CandidateProfile.work_mode_preferences, Text)
                            .contains(f'"{work_mode}"'))
    if employment_type:
        query = query.where(cast(CandidateProfile.employment_type_preferences, Text)
                            .contains(f'"{employment_type}"'))
    if skill and skill.strip():
        with_skill = (select(profile_skills.c.profile_id).join(Skill)
                      .where(Skill.key == profile_data.skill_key(catalogue().canonical(skill) or skill)))
        query = query.where(CandidateProfile.id.in_(with_skill))
    if text and text.strip():
        query = query.where(CandidateProfile.search_text.icontains(text.strip().lower(),
                                                                    autoescape=True))
    total = db.session.scalar(query.with_only_columns(func.count(), maintain_column_froms=True))
    options = [*_loaded(), *without_large(CandidateProfile)]
    if with_skills:
        options.append(selectinload(CandidateProfile.skills))
    page = (query.options(*options)
            .order_by(CandidateProfile.created_at.desc(), CandidateProfile.id.desc())
            .offset(offset))
    if limit is not None:
        page = page.limit(limit)
    return list(db.session.scalars(page)), total


def sourced_for(user: User, *, limit: int = 200) -> list[CandidateProfile]:
    """The profiles the caller's organizations sourced, newest first."""
    query = (select(CandidateProfile).options(*_loaded(), *without_large(CandidateProfile))
             .where(CandidateProfile.organization_id.in_(full_organization_ids(user)))
             .order_by(CandidateProfile.created_at.desc(), CandidateProfile.id.desc()).limit(limit))
    return list(db.session.scalars(query))


# --- parse state and confirmation --------------------------------------------------------

def parsing_state(profile: CandidateProfile, *, include_resume: bool = False) -> dict:
    state = {
        "parsing_status": profile.parsing_status,
        "has_resume_data": bool(profile.resume_data),
        "resume_file_exists": profile.resume_file is not None,
        "has_verified_data": bool(profile.verified_data),
    }
    if include_resume:
        state["resume_data"] = profile.resume_data
    return state


def verify(user: User, slug: str, data: dict) -> CandidateProfile:
    """Store what the candidate confirmed; it takes precedence over the parsed data."""
    profile = editable(user, slug)
    profile.verified_data = profile_data.validated(data)
    profile_data.refresh_derived(profile)
    db.session.flush()
    return profile
