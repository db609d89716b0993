"""What a profile says about a person: parsed from the resume, confirmed by the candidate.

Confirmed (verified) data wins over parsed data wherever either is used. The skills and the
search text derived from it are stored on the profile, so that filters and ranking do not
have to read JSON.
"""

from __future__ import annotations

from webapp.ai import ranking
from webapp.errors import ValidationFailed
from webapp.models import CandidateProfile
from webapp.services.skills import skill_key, skills_named
from webapp.services.validation import NUL_REFUSED, Checker, normalize_email

__all__ = ["abridged", "effective_data", "refresh_derived", "skill_key", "validated"]

MAX_SKILLS = 100
MAX_ITEMS = 50
ENTRY_FIELDS = {
    "work_experience": ("company", "position", "duration", "location", "description"),
    "education": ("institution", "degree", "field", "duration", "description"),
}
# The parser's own shape for jobs (resume_data["experience"]).
PARSED_ENTRY_FIELDS = {"experience": ("company", "title", "location", "description")}
LIST_FIELDS = ("languages", "certifications")
TEXT_LIMITS = {"name": 200, "phone": 50, "location": 200, "summary": 5000, "headline": 200}


def effective_data(profile: CandidateProfile) -> dict:
    """Verified fields over parsed ones."""
    return {**(profile.resume_data or {}), **(profile.verified_data or {})}


def abridged(data: dict | None) -> dict | None:
    """Parsed or confirmed data as lists send it: every field, but jobs and schools without
    their descriptions (most of a resume's words; the profile itself has them)."""
    if not isinstance(data, dict):
        return data
    entry_lists = (*ENTRY_FIELDS, *PARSED_ENTRY_FIELDS)
    return {key: [{name: value for name, value in entry.items() if name != "description"}
                  if isinstance(entry, dict) else entry for entry in value]
            if key in entry_lists and isinstance(value, list) else value
            for key, value in data.items()}


def refresh_derived(profile: CandidateProfile) -> None:
    """Recompute the profile's skills and search text from its effective data."""
    data = effective_data(profile)
    skills = [s for s in data.get("skills") or [] if isinstance(s, str)]
    profile.skills = skills_named(skills)
    # No name, email or phone: search, like ranking, is blind to who the candidate is.
    parts: list[str] = [str(data.get(key) or "") for key in ("headline", "summary", "location")]
    parts += skills
    for field, keys in {**ENTRY_FIELDS, **PARSED_ENTRY_FIELDS}.items():
        for entry in data.get(field) or []:
            if isinstance(entry, dict):
                parts += [str(entry.get(key) or "") for key in keys]
    for field in ("certifications", "languages"):
        parts += [item for item in data.get(field) or [] if isinstance(item, str)]
    profile.search_text = " ".join(" ".join(parts).split()).lower()
    profile.rank_features = ranking.profile_features(data, [skill.name for skill in profile.skills])


def jobs_held(data: dict) -> list[dict]:
    """Jobs as parsed ("experience") and as confirmed ("work_experience")."""
    entries = (data.get("experience") or []) + (data.get("work_experience") or [])
    return [entry for entry in entries if isinstance(entry, dict)]


def experience_text(data: dict) -> str:
    """Headline, summary and job descriptions: what quotes are taken from (relevance reads
    more of the profile: ranking.profile_text)."""
    parts = [str(data.get(key) or "") for key in ("headline", "summary")]
    parts += [str(entry.get("description") or "") for entry in jobs_held(data)]
    return "\n".join(part for part in parts if part)


def _text(check: Checker, field: str, value: object, limit: int, required: bool = False) -> str | None:
    if value is not None and not isinstance(value, str):
        check.add(field, "Not a valid string.")
        return None
    return check.text(field, value, max_length=limit, required=required)


def _entries(check: Checker, field: str, value: object) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        check.add(field, "Expected a list of objects.")
        return []
    if len(value) > MAX_ITEMS:
        check.add(field, f"At most {MAX_ITEMS} entries.")
    entries = []
    for item in value[:MAX_ITEMS]:
        entry = {key: _text(check, field, item.get(key), 1000 if key != "description" else 5000)
                 for key in ENTRY_FIELDS[field] if key in item}
        if any(entry.values()):
            entries.append({key: v for key, v in entry.items() if v is not None})
    return entries


def _strings(check: Checker, field: str, value: object) -> list[str] | None:
    """A list of short texts (languages, certifications), each once, in the order given."""
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        check.add(field, "Expected a list of strings.")
        return None
    unique: dict[str, str] = {}
    for item in value:
        if item.strip():
            unique.setdefault(item.strip().casefold(), " ".join(item.split()))
    items = list(unique.values())
    if len(items) > MAX_ITEMS or any(len(item) > 200 for item in items):
        check.add(field, f"At most {MAX_ITEMS} entries of at most 200 characters each.")
    if any("\x00" in item for item in items):
        check.add(field, NUL_REFUSED)
    return items


def validated(data: dict) -> dict:
    """The candidate-confirmed data, checked and normalised (unknown keys are dropped; a field
    sent empty is null)."""
    check = Checker()
    clean: dict = {}
    for field, limit in TEXT_LIMITS.items():
        if field in data:
            clean[field] = _text(check, field, data[field], limit, required=field == "name")
    if "name" not in data:
        check.add("name", "This field is required.")
    if "email" in data and data["email"] in (None, ""):
        clean["email"] = None
    elif "email" in data:
        if not isinstance(data["email"], str):
            check.add("email", "Not a valid string.")
        else:
            try:
                clean["email"] = normalize_email(data["email"])
            except ValidationFailed as error:
                check.errors.update(error.errors or {})
    if "linkedin" in data and data["linkedin"] in (None, ""):
        clean["linkedin"] = None
    elif "linkedin" in data:
        if isinstance(data["linkedin"], str):
            clean["linkedin"] = check.url("linkedin", data["linkedin"])
        else:
            check.add("linkedin", "Not a valid string.")
    if "skills" in data:
        skills = data["skills"]
        if not isinstance(skills, list) or not all(isinstance(s, str) for s in skills):
            check.add("skills", "Expected a list of strings.")
        else:
            unique: dict[str, str] = {}
            for skill in skills:
                if skill.strip():
                    unique.setdefault(skill_key(skill), " ".join(skill.split()))
            names = list(unique.values())
            if len(names) > MAX_SKILLS or any(len(name) > 64 for name in names):
                check.add("skills", f"At most {MAX_SKILLS} skills of at most 64 characters each.")
            if any("\x00" in name for name in names):
                check.add("skills", NUL_REFUSED)
            clean["skills"] = names
    for field in LIST_FIELDS:
        if field in data:
            clean[field] = _strings(check, field, data[field])
    for field in ENTRY_FIELDS:
        if field in data:
            clean[field] = _entries(check, field, data[field])
    check.done()
    # A field sent empty is kept as null: the candidate removed it, and it must not show
    # through from the parsed data.
    return {key: None if value == "" else value for key, value in clean.items()}
