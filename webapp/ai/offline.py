"""The offline resume parser: deterministic, no network. Sections are found by their
headings; within them, each field takes the line that scores best for it (in the spirit
of OpenResume's feature scoring); skills are matched against the catalogue."""

from __future__ import annotations

import re

import phonenumbers

from webapp.ai.catalogue import catalogue
from webapp.ai.cleanup import repair
from webapp.ai.dates import SINGLE, range_in, total_years
from webapp.ai.entries import (
    BULLET,
    COMPANY_WORDS,
    INSTITUTION,
    LABEL,
    LOCATION,
    TITLE_WORDS,
    education_entries,
    experience_entries,
    location_in,
)
from webapp.ai.schema import Links, ResumeData
from webapp.ai.sections import INLINE_SKILL_LABELS, Section, heading_of, split_sections

# Each pattern can only start at a word boundary and its parts are bounded, so a long run of
# letters is scanned once, not once per position.
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,24}\b",
                   re.IGNORECASE)
PHONE = re.compile(r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])"
                   r"\d{2,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?(?![\w/])")
URL = re.compile(r"(?<![\w.@/-])(?:https?://)?(?:www\.)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}"
                 r"\.[a-z]{2,24}\b(?:/[^\s,;|·]{0,300})?", re.IGNORECASE)
NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
NOT_A_NAME = re.compile(r"\b(bachelor|master|associate|diploma|doctorate|degree|meng|beng|mba|"
                        r"science|engineering|arts|studies|resume|curriculum|vitae)\b", re.IGNORECASE)
# Street words in the languages the parser reads: a line holding one is an address, not a name.
ADDRESS = re.compile(r"\b(street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|"
                     r"ct|place|pl|square|sq|highway|hwy|apartment|apt|suite|flat|floor|house|"
                     r"building|bldg|block|sector|nagar|colony|marg|layout|cross|main|p\.?o\.?|"
                     r"box|stra(?:ss|ß)e|str|weg|gasse|platz|allee|rue|avenida|av|calle|rua|via|"
                     r"viale|piazza|corso|no|number|nr)\b\.?", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*[:\-]\s*", re.IGNORECASE)
NAME_LINES = 14
_ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·●▪\t]|\s-\s|\s{2,})\s*")
MAX_SKILLS = 60


def parse_text(text: str) -> ResumeData:
    text = repair(text)
    sections = split_sections(text)
    lines_of = _collect(sections)
    top = lines_of["top"] + lines_of["contact"]
    experience = experience_entries(lines_of["experience"])
    name = _name(top or [line for section in sections for line in section.lines][:5])
    places = {match.group(1).split(",")[0].strip().casefold() for line in text.splitlines()
              if "," in line[-80:] and (match := location_in(line))}
    data = ResumeData(
        name=name,
        email=_first(EMAIL, text),
        phone=_phone(top, text),
        location=_location(top),
        headline=_headline(top, name),
        links=_links(text),
        summary=" ".join(lines_of["summary"]).strip()[:2000] or None,
        skills=[skill for skill in _skills(lines_of, text)
                if is_skill(skill, name) and skill.casefold() not in places],
        experience=experience,
        education=education_entries(lines_of["education"]),
        certifications=_items(lines_of["certifications"], limit=30),
        languages=_items(lines_of["languages"], limit=15),
    )
    data.total_years_experience = total_years([(entry.start, entry.end) for entry in experience])
    return data


def _collect(sections: list[Section]) -> dict[str, list[str]]:
    collected: dict[str, list[str]] = {kind: [] for kind in
                                       ("top", "contact", "summary", "experience", "education",
                                        "skills", "certifications", "languages", "other")}
    for section in sections:
        collected[section.kind] += section.lines
        if section.kind == "experience":  # a job's "Technologies: Python, SQL"
            collected["skills"] += [line.split(":", 1)[1] for line in section.lines
                                    if ":" in line and heading_of(line.split(":", 1)[0])
                                    in INLINE_SKILL_LABELS]
    return collected


def _first(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


# --- who and where -------------------------------------------------------------------------

def _name(lines: list[str]) -> str | None:
    """The best-scoring short line of letters near the top."""
    best, best_score = None, 0
    for position, line in enumerate(lines[:NAME_LINES]):
        for cell in re.split(r"\t|\s[|·•–—]\s", line):
            cell = _NAME_LABEL.sub("", cell.strip())
            if not location_in(cell):
                cell = cell.split(", ")[0]  # "Jane Doe, Python developer"
            score = _name_score(cell) - position
            if score > best_score:
                best, best_score = cell, score
    if best and best.isupper():  # "ANNE-MARIE O'NEIL" → "Anne-Marie O'Neil"
        best = re.sub(r"[^\W\d_]+", lambda part: part.group(0).capitalize(), best)
    return best


def _name_score(text: str) -> int:
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(NAME_WORD.match(word) for word in words):
        return 0
    if heading_of(text) or {w.lower().strip(".,") for w in words} & (TITLE_WORDS | COMPANY_WORDS):
        return 0
    if location_in(text) or EMAIL.search(text) or NOT_A_NAME.search(text) or INSTITUTION.search(text) \
            or ADDRESS.search(text) or LABEL.match(text):
        return 0
    score = 10
    if all(word[0].isupper() for word in words):
        score += 5
    return score


HEADLINE_LINES = 8
_SMALL_WORDS = frozenset("of and the for to in at on with".split())  # noqa: SIM905
_ABBREVIATIONS = frozenset("ceo cfo cto coo cio cna lpn it ux ui qa hr".split())  # noqa: SIM905


def _headline(top: list[str], name: str | None) -> str | None:
    """The role the resume presents at its top ("Senior Data Analyst", "SALES ASSOCIATE"): the
    first short cell near the name that holds a role word and is no name, contact, place or
    label."""
    for line in top[:HEADLINE_LINES]:
        for cell in re.split(r"\t|\s[|·•–—]\s", line):
            cell = cell.strip(" ,;")
            if name and cell.casefold().startswith(name.casefold()):  # "Jane Doe, Python developer"
                cell = cell[len(name):].strip(" ,;-–")
            words = cell.split()
            if not 1 <= len(words) <= 10 or len(cell) > 80:
                continue
            if EMAIL.search(cell) or PHONE.search(cell) or URL.search(cell) or LABEL.match(cell) \
                    or ADDRESS.search(cell) or location_in(cell) or heading_of(cell):
                continue
            roles = {part for word in words for part in re.split(r"[/,;.&()-]+", word.lower()) if part}
            if roles & TITLE_WORDS:
                return _role_case(cell) if cell.isupper() else cell
    return None


def _role_case(text: str) -> str:
    """"SENIOR HR GENERALIST" → "Senior HR Generalist": abbreviations (two letters, no vowel,
    or a known one) stay in capitals."""
    def case(match: re.Match) -> str:
        word = match.group(0)
        if word.lower() in _SMALL_WORDS:
            return word.lower()
        lower = word.lower()
        if len(word) <= 2 or lower in _ABBREVIATIONS or not set(lower) & set("aeiouy"):
            return word
        return word.capitalize()
    return re.sub(r"[^\W\d_]+", case, text)


def _phone(top: list[str], text: str) -> str | None:
    """The first number phonenumbers recognises near the top (any country's format when it
    has a country code; North American otherwise), else one shaped like a phone anywhere."""
    head = "\n".join(top)[:3000]
    for match in phonenumbers.PhoneNumberMatcher(head, "US", leniency=phonenumbers.Leniency.POSSIBLE):
        if not _is_years(match.raw_string):
            return _with_code(match.raw_string, head, match.start)
    for source in [head, text]:
        for match in PHONE.finditer(source):
            digits = re.sub(r"\D", "", match.group(0))
            if 7 <= len(digits) <= 15 and not _is_years(match.group(0)):
                return _with_code(match.group(0).strip(), source, match.start())
    return None


def _is_years(text: str) -> bool:
    return bool(re.fullmatch(r"\(?(19|20)\d\d\D+(19|20)\d\d\)?", text.strip()))


def _with_code(number: str, text: str, at: int) -> str:
    """The number with a country code written just before it in brackets: "(+91) 98765…"."""
    before = re.search(r"\(\+\d{1,3}\)\s*$", text[max(0, at - 8):at])
    return f"{before.group(0)}{number}" if before and not number.startswith("+") else number


def _location(top: list[str]) -> str | None:
    """A place in the header: a cell that is a place ("Pune, Maharashtra"), or an address or
    a labelled cell ending with one ("Address: 12 MG Road, Pune, Maharashtra 411001")."""
    for line in top:
        for cell in re.split(r"\t|\s[|·•]\s", line):
            cell = cell.strip()
            if EMAIL.search(cell) or URL.fullmatch(cell) or len(cell) > 120:
                continue
            labelled = LABEL.match(cell)
            cell = LABEL.sub("", cell, count=1).strip() if labelled else cell
            if PHONE.fullmatch(cell):
                continue
            if match := LOCATION.fullmatch(cell):
                return _place(match.group(1))
            if (labelled or ADDRESS.search(cell) or re.match(r"\d", cell)) and (match := location_in(cell)):
                return _place(match.group(1))
    return None


def _place(found: str) -> str:
    """The last "City, Region" of an address's end ("MG Road, Pune, Maharashtra" → "Pune,
    Maharashtra")."""
    found = re.sub(r"\s?[-–]?\s?\d{3} ?\d{2,3}$", "", found)  # a postal code
    head, _, region = found.rpartition(",")
    city = head.split(",")[-1].strip()
    words = city.split()
    if len(words) > 1 and ADDRESS.search(" ".join(words[:-1])):
        city = words[-1]
    return f"{city}, {region.strip()}"


def _links(text: str) -> Links:
    links = Links()
    emails = {match.group(0).split("@")[1].lower() for match in EMAIL.finditer(text)}
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".)")
        lower = url.lower()
        if not lower.startswith(("http://", "https://")) and \
                (at := match.start()) and text[at - 1] == "@":
            continue
        url = url if lower.startswith(("http://", "https://")) else f"https://{url}"
        if "linkedin.com/" in lower:
            links.linkedin = links.linkedin or url
        elif "github.com/" in lower:
            links.github = links.github or url
        elif links.website is None and _looks_like_website(lower, emails, text, match.start()):
            links.website = url
    return links


def _looks_like_website(url: str, email_domains: set[str], text: str, at: int) -> bool:
    host = re.sub(r"^(https?://)?(www\.)?", "", url).split("/")[0]
    if at > 0 and text[at - 1] == "@" or host in email_domains:
        return False
    return url.startswith(("http", "www.")) or host.endswith((".com", ".io", ".dev", ".me", ".net",
                                                                ".org", ".co", ".app", ".design"))


# --- lists ---------------------------------------------------------------------------------

def _items(lines: list[str], limit: int) -> list[str]:
    items: dict[str, None] = {}
    for line in lines:
        for item in _ITEM_SPLIT.split(BULLET.sub("", line)):
            item = item.strip(" .:")
            if item and len(item) <= 120:
                items.setdefault(item)
    return list(items)[:limit]


def _skills(lines_of: dict[str, list[str]], text: str) -> list[str]:
    """Skills listed in the skills sections (catalogue names where known), then skills the
    rest of the resume mentions."""
    skills: dict[str, None] = {}
    known = catalogue()
    for line in _unwrapped(lines_of["skills"]):
        line = BULLET.sub("", line)
        if ":" in line:  # "Languages: Python, Go"
            line = line.split(":", 1)[1]
        for item in _ITEM_SPLIT.split(line):
            item = item.strip(" .")
            if not item:
                continue
            name = known.canonical(item)
            if name:
                skills.setdefault(name)
            elif len(item.split()) <= 4 and not item.endswith(":"):
                found = known.find(item)
                for name in found or [item]:
                    skills.setdefault(name)
            else:
                for name in known.find(item):
                    skills.setdefault(name)
    if len(skills) < 3:  # no list of skills: those the resume mentions
        for name in known.find(text):
            skills.setdefault(name)
    return list(skills)[:MAX_SKILLS]


_NOT_SKILL = re.compile(r"^[\d\W_]+$|^[A-Z]{2}$")


def is_skill(item: str, name: str | None = None) -> bool:
    """False for what a skills list picks up that is no skill: an email, a phone, a link, a
    date or a number, a place ("Fort Worth, TX", "CA"), the person's name. The catalogue's
    skills always pass ("C", "R", "Go")."""
    item = item.strip()
    if not item or catalogue().canonical(item):
        return bool(item)
    if name and item.casefold() in name.casefold():
        return False
    return not (_NOT_SKILL.match(item) or EMAIL.search(item) or PHONE.search(item)
                or URL.fullmatch(item) or "://" in item or range_in(item)
                or SINGLE.fullmatch(item) or LOCATION.fullmatch(item)
                or re.fullmatch(r"(?:19|20)\d\d(?:\W+(?:19|20)\d\d)*", item)
                or heading_of(item) or LABEL.fullmatch(item + ":"))


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines of a comma-separated list rejoined where they wrapped ("…, Public" "Speaking")."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].count(",") >= 2 and not joined[-1].endswith(",") \
                and not BULLET.match(line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined
