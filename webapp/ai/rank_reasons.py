"""What a ranking says of each candidate: a sentence naming only what the recruiter asked
for, and short quotes from the resume where the matched skills appear."""

from __future__ import annotations

from typing import Protocol


class JobNeeds(Protocol):  # what a reason reads of ranking.JobNeeds
    skills: list[str]
    min_years: float | None


class Candidate(Protocol):  # what a reason reads of ranking.Candidate
    years: float | None
    years_how: str


def evidence(text: str, skills: list[str], limit: int = 3) -> list[str]:
    """Short quotes from the resume where the matched skills appear."""
    quotes: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 20 and any(skill.lower() in line.lower() for skill in skills):
            quotes.append(line if len(line) <= 160 else line[:157] + "…")
            if len(quotes) == limit:
                break
    return quotes


def reason_for(needs: JobNeeds, candidate: Candidate, matched: list[str], related: list[str],
               missing: list[str], also: list[str], fits: list[str], mismatches: list[str]) -> str:
    """The one sentence a recruiter reads: the chosen skills had and missing, years and how
    they were counted, and each fit or mismatch."""
    parts = []
    if needs.skills:
        detail = ", ".join(matched)
        if missing:
            detail += ("; " if detail else "") + "missing " + ", ".join(missing)
        parts.append(f"Has {len(matched)} of {len(needs.skills)} required skills"
                     + (f" ({detail})" if detail else ""))
        if related:
            parts.append("related experience for " + ", ".join(related))
    if also:
        parts.append("also has " + ", ".join(also) + " (named in the description)")
    if candidate.years is not None:
        years = f"{candidate.years:g}"
        asks = f"the job asks {needs.min_years:g}+" if needs.min_years else ""
        notes = [note for note in (candidate.years_how, asks) if note]
        parts.append(f"{years} year{'s' if candidate.years != 1 else ''} of experience"
                     + (f" ({'; '.join(notes)})" if notes else ""))
    parts += fits + mismatches
    sentence = ", ".join(parts) if parts else "Little in the profile to compare with the job"
    return sentence[0].upper() + sentence[1:] + "."
