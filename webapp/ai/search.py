"""Plain-language candidate search: "5+ years of Python and Django, remote, in Austin" read as
a structured filter (skills from the catalogue, minimum years, work mode, job type, location,
visa, availability) plus free text, which the ranking scorer then orders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from webapp.ai.catalogue import catalogue
from webapp.ai.ranking import STOPWORDS, terms

WORK_MODES = {"remote": "remote", "remotely": "remote", "onsite": "onsite", "on-site": "onsite",
              "in-office": "onsite", "hybrid": "hybrid"}
JOB_TYPES = {"full-time": "full-time", "full time": "full-time", "fulltime": "full-time",
             "part-time": "part-time", "part time": "part-time", "contract": "contract",
             "contractor": "contract", "freelance": "contract", "internship": "internship",
             "intern": "internship", "temporary": "temporary", "temp": "temporary"}
_YEARS = re.compile(r"(?:at least |minimum (?:of )?|over |more than )?(\d{1,2})\s*\+?\s*(?:plus )?years?",
                    re.IGNORECASE)
_YEAR_RANGE = re.compile(r"(\d{1,2})\s*(?:-|–|to)\s*\d{1,2}\s*years?", re.IGNORECASE)
_LOCATION = re.compile(r"\b(?:in|near|based in|located in|from)\s+([A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,3})")
_VISA = re.compile(r"\b(work visa|visa|work permit|authori[sz]ed to work)\b", re.IGNORECASE)
_AVAILABLE = re.compile(r"\bavailable\b", re.IGNORECASE)
FILLER = frozenset("""
find search show me get list candidates candidate people person someone who with has have having
expertise experienced experience knowledge good great strong solid background skills skilled
years year plus least minimum now near temp
""".split())  # noqa: SIM905


@dataclass
class SearchFilter:
    skills: list[str] = field(default_factory=list)
    min_years: float | None = None
    work_mode: str | None = None
    job_type: str | None = None
    location: str | None = None
    needs_visa: bool = False
    available_only: bool = False
    words: list[str] = field(default_factory=list)  # free text left once the rest is read

    def describe(self) -> str:
        """How the query was read: "Python with 5+ years, Django; remote"."""
        parts = []
        if self.skills:
            first = self.skills[0] + (f" with {self.min_years:g}+ years" if self.min_years else "")
            parts.append(", ".join([first, *self.skills[1:]]))
        elif self.min_years:
            parts.append(f"{self.min_years:g}+ years of experience")
        extras = [value for value in (self.work_mode, self.job_type) if value]
        if self.location:
            extras.append(f"in {self.location}")
        if self.needs_visa:
            extras.append("with a work visa")
        if self.available_only:
            extras.append("available now")
        if self.words:
            extras.append("about " + " ".join(self.words))
        text = "; ".join(part for part in [", ".join(parts), ", ".join(extras)] if part)
        return text or "anything (no criteria found)"


def read_query(query: str) -> SearchFilter:
    found = SearchFilter(skills=catalogue().find(query))
    if match := _YEAR_RANGE.search(query) or _YEARS.search(query):
        found.min_years = float(match.group(1))  # "5-7 years": at least 5
    lower = query.lower()
    found.work_mode = next((mode for word, mode in WORK_MODES.items()
                            if re.search(rf"\b{re.escape(word)}\b", lower)), None)
    found.job_type = next((kind for word, kind in JOB_TYPES.items()
                           if re.search(rf"\b{re.escape(word)}\b", lower)), None)
    for match in _LOCATION.finditer(query):  # "in Python" is a skill, "in Austin, TX" a place
        place = match.group(1).strip(" ,")
        if not catalogue().find(place):
            found.location = place
            break
    found.needs_visa = bool(_VISA.search(query))
    found.available_only = bool(_AVAILABLE.search(query))
    taken = {word for skill in found.skills for word in terms(skill)}
    taken |= set(terms(" ".join(filter(None, [found.work_mode, found.job_type, found.location]))))
    found.words = [word for word in dict.fromkeys(terms(query))
                   if word not in taken and word not in FILLER and word not in STOPWORDS
                   and word not in WORK_MODES and word not in ("visa", "work", "available")][:12]
    return found
