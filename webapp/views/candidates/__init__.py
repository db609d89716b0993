"""Recruiter pages about candidates: plain-language search, the list of profiles with filters,
a candidate's profile with the resume, private notes and the resume chat, the recruiter's notes
across profiles, and the organization's sourced candidates (which its members may delete).

Every form works as a plain POST and redirect; HTMX requests get the partial that changed."""

from __future__ import annotations

from flask import Blueprint

from webapp.models import CandidateProfile
from webapp.services import channels
from webapp.services.profile_data import effective_data

bp = Blueprint("candidates", __name__, url_prefix="/candidates")


def display_name(profile: CandidateProfile) -> str:
    name = effective_data(profile).get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    if profile.user is not None:
        full = " ".join(filter(None, [profile.user.first_name, profile.user.last_name]))
        if full:
            return full
    return profile.resume_filename or "Unnamed candidate"


@bp.context_processor
def helpers() -> dict:
    return {"candidate_name": display_name, "parse_task": parse_task}


def parse_task(profile: CandidateProfile) -> dict | None:
    """The state of the profile's latest parsing task (stage, progress, message)."""
    return channels.latest_state(f"profile-{profile.id}")


# The routes, by page.
from webapp.views.candidates import notes as notes_pages  # noqa: E402,F401,I001
from webapp.views.candidates import profile as profile_pages  # noqa: E402,F401
from webapp.views.candidates import search as search_pages  # noqa: E402,F401
from webapp.views.candidates import sourced as sourced_pages  # noqa: E402,F401
