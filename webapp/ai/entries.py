"""Jobs and schools from the lines of a resume's experience and education sections.

A job is anchored on its date range. The lines around it name the title and the company in
one of the usual shapes: "Title | Company | dates", "Company — City, ST" over
"Title<tab>dates", "Title, Company" over the dates. Which part is the title is decided by
the words in it (engineer, nurse, manager… against Inc, Hospital, School…).
"""

from __future__ import annotations

import re

from webapp.ai.dates import RANGE, find_span
from webapp.ai.schema import Education, Experience

BULLET = re.compile(r"^\s*(?:[•●▪■◦‣∙·*–—-]|o\s)\s*")
REGIONS = ("Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
           "Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
           "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
           "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
           "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
           "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|State|Ontario|Quebec|"
           "British Columbia|Alberta|England|Scotland|Wales|Ireland|United Kingdom|UK|USA|"
           "United States|Canada|Germany|France|Spain|Italy|Netherlands|India|Australia|Mexico|"
           "Brazil|Japan|China|Singapore|Nigeria|Kenya|South Africa|Philippines|Remote")
# "Seattle, WA", "Salt Lake City, UT", "London, United Kingdom", "City , State"
# Words are bounded and separated by exactly one space, so no line makes the match backtrack
# for long; callers only look at the end of a line (location_in).
LOCATION = re.compile(rf"(?<![\w.'’-])([A-Z][\w.'’-]{{0,30}}(?: [A-Z][\w.'’-]{{0,30}}){{0,2}} ?, ?"
                      rf"(?:[A-Z]{{2}}|{REGIONS})(?: \d{{5}})?)\s*$")
_SPLIT = re.compile(r"\s*(?:\t|\s\|\s|\s[—–]\s|\s·\s|\s•\s|\s@\s)\s*")
_AT = re.compile(r"\s+at\s+")
# Schools also come as "Degree : Field , Institution City , State".
_EDUCATION_SPLIT = re.compile(r"\s*(?:\t|\s\|\s|\s[—–]\s|\s·\s|\s•\s|\s,\s|,\s(?=[A-Z]))\s*")
TITLE_WORDS = frozenset("""
engineer developer programmer architect manager director officer head lead chief president vice
analyst scientist consultant specialist coordinator administrator assistant associate intern
nurse rn lpn cna physician doctor therapist technician technologist pharmacist paramedic medic
aide caregiver dentist hygienist surgeon practitioner accountant bookkeeper controller auditor
clerk cashier teller treasurer cfo ceo cto coo vp representative rep executive salesperson
agent broker advisor adviser planner buyer teacher tutor instructor professor lecturer educator
principal counselor coach trainer chair chef cook baker server bartender barista host hostess
housekeeper concierge steward dishwasher foreman supervisor carpenter electrician plumber
welder laborer operator mechanic machinist installer driver pilot attendant dispatcher designer
artist illustrator photographer writer editor producer strategist marketer recruiter generalist
receptionist secretary paralegal attorney lawyer advocate partner founder owner fellow
researcher volunteer apprentice inspector estimator superintendent mover worker handler picker
packer stocker merchandiser crew member staff sergeant captain lieutenant contractor freelancer
journalist librarian sommelier manager/owner
""".split())  # noqa: SIM905
COMPANY_WORDS = frozenset("""
inc inc. llc ltd ltd. corp corp. corporation company co co. group partners labs lab
technologies technology software digital systems solutions services consulting agency studio
studios hospital medical health healthcare clinic center centre school schools university
college academy institute district bank financial insurance capital holdings industries
industrial international global restaurant restaurants hotel hotels resort cafe bakery kitchen
bistro grill construction builders builder electric mechanical plumbing logistics transport
foods retail store stores market markets county city department dept association foundation
church airlines airline aviation air force army navy marines firm law cpas llp plc gmbh ag
elementary diner lodge media creative press farm farms ranch
""".split())  # noqa: SIM905
DEGREE = re.compile(
    r"\b(bachelor|master|associate|diploma|doctor|doctorate|ph\.?\s?d|mba|m\.?b\.?a|b\.?s\.?c?|"
    r"b\.?a|m\.?s\.?c?|m\.?a|b\.?eng|m\.?eng|b\.?tech|m\.?tech|certificate|ged|high school|"
    r"a\.?a\.?s?|j\.?d|m\.?d|ed\.?d)\b", re.IGNORECASE)
INSTITUTION = re.compile(r"\b(university|college|institute|school|academy|polytechnic|"
                         r"universit[ée]|conservatory|seminary)\b", re.IGNORECASE)


def _title_score(text: str) -> int:
    """Above zero for a job title: its last word names a role ("Software Engineer")."""
    words = [word.strip(",.()") for word in text.lower().split()]
    if not words:
        return 0
    last = 3 if words[-1] in TITLE_WORDS else 0
    return last + len(set(words[:-1]) & TITLE_WORDS) - 2 * len(set(words) & COMPANY_WORDS)


def _is_description(line: str) -> bool:
    return bool(BULLET.match(line)) or line.rstrip().endswith(".") or len(line.split()) > 12


def location_in(text: str) -> re.Match | None:
    """A location ending `text` ("… — Seattle, WA"), looked for in its last 80 characters."""
    return LOCATION.search(text[-80:])


def _may_head(line: str) -> bool:
    """Whether a line above the dates may name the job: not a description, unless it is a
    short bulleted "• Company  City, ST"."""
    if not _is_description(line):
        return True
    return bool(BULLET.match(line)) and len(line.split()) <= 8 and bool(location_in(line))


def _parts(text: str) -> tuple[list[str], str | None]:
    """The non-empty pieces of a header line, and a location found among them. The piece
    that carried the location (usually the company's) comes last."""
    location = None
    parts: list[str] = []
    pieces = [piece for piece in _SPLIT.split(text) if piece.strip(" ,|–—-·")]
    if len(pieces) == 1 and "," not in pieces[0] and _AT.search(pieces[0]):
        pieces = _AT.split(pieces[0], maxsplit=1)  # "Nurse at Mercy Hospital"
    located = None
    for piece in pieces:
        piece = piece.strip(" ,|–—-·")
        if not piece:
            continue
        match = location_in(piece)
        if match and location is None:
            before = piece[:len(piece) - len(piece[-80:]) + match.start()].strip(" ,")
            if not before or len(match.group(1).split(",")[0].split()) <= 3:
                location = match.group(1).strip()
                piece, located = before, before
        if piece:
            parts.append(piece)
    if located and located in parts and len(parts) > 1:
        parts.remove(located)
        parts.append(located)
    return parts, location


def _assign(parts: list[str]) -> tuple[str | None, str | None]:
    """(title, company) from the header pieces."""
    if not parts:
        return None, None
    if len(parts) == 1:
        if "," in parts[0]:
            head, _, tail = parts[0].partition(",")
            return _assign([head, tail])
        return (parts[0], None) if _title_score(parts[0]) > 0 else (None, parts[0])
    first, second = parts[0], parts[-1]
    if _title_score(second) > _title_score(first):
        return second, first
    return first, second


def experience_entries(lines: list[str]) -> list[Experience]:
    anchors = [i for i, line in enumerate(lines) if RANGE.search(line)]
    entries: list[Experience] = []
    bounds: list[tuple[int, int]] = []  # (first header line, first description line)
    for number, anchor in enumerate(anchors):
        span = find_span(lines[anchor])
        parts, location = _parts(lines[anchor].replace(span.text, "\t"))
        first = anchor
        floor = bounds[-1][1] if bounds else 0
        while len(parts) < 2 and first - 1 >= floor and _may_head(lines[first - 1]) \
                and first - 1 not in anchors and anchor - first < 2:
            first -= 1
            more, where = _parts(BULLET.sub("", lines[first]))
            parts, location = more + parts, location or where
        after = anchor + 1
        next_anchor = anchors[number + 1] if number + 1 < len(anchors) else len(lines)
        if len(parts) < 2 and after < next_anchor and not _is_description(lines[after]):
            more, where = _parts(lines[after])
            parts, location, after = parts + more, location or where, after + 1
        if after < next_anchor and location is None and len(lines[after]) <= 80 \
                and (match := LOCATION.fullmatch(lines[after])):
            location, after = match.group(1), after + 1
        title, company = _assign(parts)
        entries.append(Experience(title=title, company=company, location=location,
                                  start=span.start, end=span.end, current=span.current))
        bounds.append((first, after))
    for number, entry in enumerate(entries):
        end = bounds[number + 1][0] if number + 1 < len(bounds) else len(lines)
        body = [BULLET.sub("", line) for line in lines[bounds[number][1]:end]]
        entry.description = "\n".join(body).strip() or None
    return entries


def _degree_and_field(text: str) -> tuple[str, str | None]:
    """("Master of Science", "Computer Science") from "Master of Science in Computer
    Science; GPA: 4.0" or "Associate of Science : Liberal Arts"."""
    degree, *rest = re.split(r"\s+in\s+|\s+:\s+", text, maxsplit=1, flags=re.IGNORECASE)
    field = re.split(r"\s*[;|]\s*|\s+GPA\b", rest[0])[0].strip(" ,") if rest else ""
    return degree.strip(), field or None


def education_entries(lines: list[str]) -> list[Education]:
    entries: list[Education] = []
    current: Education | None = None
    for line in lines:
        if BULLET.match(line) and current is not None:
            continue
        span = find_span(line)
        text = line.replace(span.text, " ").strip(" ,|–—-\t") if span else line
        degree = DEGREE.search(text) and not INSTITUTION.search(text.split(",")[0])
        institution = INSTITUTION.search(text) and not degree
        if current is None or (degree and current.degree) or (institution and current.institution):
            if not (degree or institution):
                continue
            current = Education()
            entries.append(current)
        for part in _EDUCATION_SPLIT.split(BULLET.sub("", text)):
            part = part.strip(" ,|–—-")
            if not part:
                continue
            if DEGREE.search(part) and not INSTITUTION.search(part) and not current.degree:
                current.degree, current.field = _degree_and_field(part)
            elif INSTITUTION.search(part) and not current.institution:
                match = location_in(part)
                current.institution = (part[:len(part) - len(part[-80:]) + match.start()] if match
                                       else part).strip(" ,") or part
        if span:
            current.start = current.start or span.start
            current.end = span.end or current.end
    return [entry for entry in entries if entry.degree or entry.institution]
