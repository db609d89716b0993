"""A candidate's own profile as the candidate pages see it: uploading a resume (which creates
the profile on first use), what the review form starts from, and where each fact came from."""

from __future__ import annotations

from webapp.models import CandidateProfile, User
from webapp.services import candidates
from webapp.uploads import Upload

REVIEW_TEXT_FIELDS = ("name", "email", "phone", "location", "headline", "summary", "linkedin")
REVIEW_LIST_FIELDS = ("languages", "certifications")  # one item per line on the form
SOURCE_FIELDS = (*REVIEW_TEXT_FIELDS, "skills", "work_experience", "education", *REVIEW_LIST_FIELDS)
CONFIRMED, PARSED = "confirmed", "parsed"


def upload_resume(user: User, resume: Upload) -> CandidateProfile:
    """Store the candidate's resume on their profile, creating the profile on first upload.
    Parsing is started by the caller after the commit (services.parsing.start_after_upload)."""
    profile = candidates.own_profile(user)
    if profile is None:
        return candidates.create(user, {}, resume=resume)
    return candidates.change(user, profile.slug, {}, resume=resume)


def with_scheme(url: str) -> str:
    """A link as resumes write it ("linkedin.com/in/x") with https://, as the form requires."""
    url = url.strip()
    return url if not url or "://" in url else f"https://{url}"


def _span(start: object, end: object, current: object = None) -> str:
    start = str(start or "").strip()
    end = "present" if current and not end else str(end or "").strip()
    if start and end:
        return f"{start} – {end}"
    return start or end


def _parsed_jobs(entries: list) -> list[dict]:
    return [{"company": entry.get("company") or "", "position": entry.get("title") or "",
             "duration": _span(entry.get("start"), entry.get("end"), entry.get("current")),
             "location": entry.get("location") or "", "description": entry.get("description") or ""}
            for entry in entries if isinstance(entry, dict)]


def _parsed_schools(entries: list) -> list[dict]:
    return [{"institution": entry.get("institution") or "", "degree": entry.get("degree") or "",
             "field": entry.get("field") or "",
             "duration": _span(entry.get("start"), entry.get("end")), "description": ""}
            for entry in entries if isinstance(entry, dict)]


def _from_resume(parsed: dict) -> dict:
    links = parsed.get("links") if isinstance(parsed.get("links"), dict) else {}
    data = {key: parsed.get(key) or "" for key in REVIEW_TEXT_FIELDS}
    data["linkedin"] = with_scheme(links.get("linkedin") or "")
    for key in REVIEW_LIST_FIELDS:
        data[key] = [item for item in parsed.get(key) or [] if isinstance(item, str)]
    data["skills"] = [s for s in parsed.get("skills") or [] if isinstance(s, str)]
    data["work_experience"] = _parsed_jobs(parsed.get("experience") or [])
    data["education"] = _parsed_schools(parsed.get("education") or [])
    return data


def review_data(profile: CandidateProfile, *, from_resume: bool = False) -> dict:
    """What the review form starts from, in the shape `candidates.verify` takes: what the
    candidate confirmed, if they did, else (or with `from_resume`, after a new resume was read)
    what was read from the resume."""
    if profile.verified_data and not (from_resume and profile.resume_data):
        blank = {key: "" for key in REVIEW_TEXT_FIELDS}
        return {**blank, "skills": [], "work_experience": [], "education": [], "languages": [],
                "certifications": [], **profile.verified_data}
    return _from_resume(profile.resume_data or {})


def sources(profile: CandidateProfile) -> dict[str, str]:
    """For each reviewable field shown: "confirmed" (by the candidate) or "parsed" (read from
    the resume)."""
    verified = profile.verified_data or {}
    parsed = _from_resume(profile.resume_data or {})
    found = {}
    for key in SOURCE_FIELDS:
        if verified.get(key):
            found[key] = CONFIRMED
        elif parsed.get(key):
            found[key] = PARSED
    return found
