"""Where a visitor of a public job page stands with applying to it: what the page offers them
(sign in, upload a resume first, the apply form, their application) is decided here, with the
same rules `applications.apply` enforces."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Application, CandidateProfile, Job, User
from webapp.services.membership import is_employer, is_member

# What the page offers, by the visitor's standing.
GUEST = "guest"  # not signed in: sign in or sign up, then come back
RECRUITER = "recruiter"  # a member of an organization: recruiters do not apply
NOT_CANDIDATE = "not_candidate"  # signed in without a candidate account
NO_RESUME = "no_resume"  # a candidate who must upload a resume first
APPLIED = "applied"  # a candidate whose application to this job is under way
CAN_APPLY = "can_apply"


@dataclass(frozen=True)
class Standing:
    kind: str
    application: Application | None = None
    # A member of the organization that posted the job (they may open its recruiter page).
    posted_by_own_organization: bool = False


def standing(user: User, job: Job) -> Standing:
    """What `user` (possibly anonymous) may do about applying to the open `job`."""
    if not getattr(user, "is_authenticated", False):
        return Standing(GUEST)
    if is_employer(user):
        return Standing(RECRUITER, posted_by_own_organization=is_member(user, job.organization_id))
    if not user.is_candidate:
        return Standing(NOT_CANDIDATE)
    profile = db.session.scalar(select(CandidateProfile).where(CandidateProfile.user_id == user.id))
    if profile is None or not profile.resume_file:
        return Standing(NO_RESUME)
    application = db.session.scalar(select(Application).where(
        Application.job_id == job.id, Application.profile_id == profile.id))
    # A withdrawn application may apply again (pipeline API P3).
    if application is not None and application.status != "withdrawn":
        return Standing(APPLIED, application)
    return Standing(CAN_APPLY)
