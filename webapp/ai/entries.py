"""Jobs and schools from the lines of a resume's experience and education sections.

A job is anchored on its date range. The lines around it name the title and the company in
one of the usual shapes: "Title | Company | dates", "Company — City, ST" over
"Title<tab>dates", "Title, Company" over the dates. Which part is the title is decided by
the words in it (engineer, nurse, manager… against Inc, Hospital, School…).
"""

from __future__ import annotations

import re

from webapp.ai.dates import find_span, range_in
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
           "Brazil|Japan|China|Singapore|Nigeria|Kenya|South Africa|Philippines|Remote|"
           # India's states and territories, Australia's states, other provinces and countries
           "Andhra Pradesh|Arunachal Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana|"
           "Himachal Pradesh|Jharkhand|Karnataka|Kerala|Madhya Pradesh|Maharashtra|Manipur|"
           "Meghalaya|Mizoram|Nagaland|Odisha|Orissa|Punjab|Rajasthan|Sikkim|Tamil Nadu|"
           "Telangana|Tripura|Uttar Pradesh|Uttarakhand|West Bengal|Delhi|NCR|Chandigarh|"
           "Puducherry|Jammu and Kashmir|New South Wales|Victoria|Queensland|Tasmania|"
           "Western Australia|South Australia|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|"
           "Bavaria|Bayern|Berlin|Hesse|Hessen|Saxony|Sachsen|Catalonia|Lombardy|Lombardia|"
           "Île-de-France|Austria|Switzerland|Belgium|Portugal|Poland|Sweden|Norway|Denmark|"
           "Finland|Greece|Turkey|Israel|Egypt|Morocco|Ghana|Pakistan|Bangladesh|Sri Lanka|"
           "Nepal|Malaysia|Indonesia|Vietnam|Thailand|South Korea|Korea|New Zealand|Argentina|"
           "Chile|Colombia|Peru|Venezuela|Ecuador|United Arab Emirates|UAE|Saudi Arabia|Qatar|"
           "Kuwait|Oman|Bahrain|Russia|Ukraine|Romania|Czech Republic|Hungary|Deutschland|"
           "España|Italia|Brasil|Schweiz|Suisse|Österreich")
# "Seattle, WA", "Salt Lake City, UT", "London, United Kingdom", "City , State"
# Words are bounded and separated by exactly one space, so no line makes the match backtrack
# for long; callers only look at the end of a line (location_in).
LOCATION = re.compile(rf"(?<![\w.'’-])([A-Z][\w.'’-]{{0,30}}(?: [A-Z][\w.'’-]{{0,30}}){{0,2}} ?, ?"
                      rf"(?:[A-Z]{{2}}|{REGIONS})(?:\s?[-–]?\s?\d{{3}} ?\d{{3}}|\s\d{{5}})?)\s*$")
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
entwickler softwareentwickler ingenieur ingenieurin leiter leiterin berater beraterin werkstudent
projektleiter projektleiterin bauingenieur bauingenieurin ingénieur développeur développeuse
comptable analyste directeur directrice chef responsable ingeniero ingeniera desarrollador
desarrolladora contador contadora gerente jefe jefa enfermero enfermera auxiliar engenheiro
engenheira desenvolvedor analista enfermeiro enfermeira ingegnere sviluppatore architetto
disegnatore infermiere infermiera assistente
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
    r"b\.?a|m\.?s\.?c?|m\.?a|b\.?eng|m\.?eng|b\.?\s?tech|m\.?\s?tech|certificate|ged|high school|"
    r"a\.?a\.?s?|j\.?d|m\.?d|ed\.?d|b\.\s?e|m\.\s?e|b\.?\s?com|m\.?\s?com|bca|mca|bba|"
    r"b\.?\s?pharm|m\.?\s?pharm|mbbs|llb|llm|pgdm|pgdca|ssc|hsc|sslc|puc|10th|12th|"
    r"matriculation|intermediate|senior secondary|higher secondary|secondary school|"
    r"masters|bachelors|master['’]s|bachelor['’]s|diplom|licence|licenciatura|laurea|"
    r"bacharelado|abitur|baccalaur[ée]at|bachillerato|maestr[ií]a|mestrado|dottorato|doktor|"
    r"ingeniero|ingénieur|ingegneria|ingenier[ií]a)\b", re.IGNORECASE)
# Two-letter forms in capitals only ("BE", "ME"): in lower case they are ordinary words.
DEGREE_CAPITALS = re.compile(r"(?<![\w.])(?:BE|ME|BS|MS|BA|MA)(?![\w])")
INSTITUTION = re.compile(r"\b(university|college|institute|school|academy|polytechnic|"
                         r"universit[ée]|conservatory|seminary|universit[äà]t|universit[àa]|"
                         r"universidad|universidade|hochschule|fachhochschule|gymnasium|"
                         r"realschule|lyc[ée]e|[ée]cole|escuela|escola|liceo|istituto|instituto|"
                         r"politecnico|faculdade|facultad|vidyalaya|vidyapeeth|vidyapith|"
                         r"mahavidyalaya|iit|nit|iiit|iim|bits)\b", re.IGNORECASE)


def is_degree(text: str) -> bool:
    return bool(DEGREE.search(text) or DEGREE_CAPITALS.search(text))


# "Location:", "Dates:", "PERIOD", "Project: 1": labels some layouts print beside each value.
LABEL = re.compile(r"^\s*(?:date|dates|period|duration|location|place|city|address|tenure|"
                   r"time ?frame|company|employer|organi[sz]ation|client|company name|"
                   r"title|job title|position|role|designation|project|project name|team|"
                   r"zeitraum|ort|firma|unternehmen|position|période|lieu|entreprise|poste|"
                   r"periodo|período|lugar|empresa|cargo|puesto|luogo|azienda|ruolo)"
                   r"\s*(?::|-(?=\s)|$)\s*", re.IGNORECASE)
_TITLE_LABEL = re.compile(r"^\s*(?:title|job title|position|role|designation|poste|cargo|"
                          r"puesto|ruolo)\s*:", re.IGNORECASE)
_COMPANY_LABEL = re.compile(r"^\s*(?:company|employer|organi[sz]ation|client|company name|"
                            r"firma|unternehmen|entreprise|empresa|azienda)\s*:", re.IGNORECASE)
PROFILE_LINK = re.compile(r"(?:https?://|www\.|\b[\w-]+\.(?:com|in|net|org|io|me)/)\S*|"
                          r"\S+@\S+", re.IGNORECASE)


def _title_score(text: str) -> int:
    """Above zero for a job title: its last word names a role ("Software Engineer")."""
    words = [word.strip(",.()") for word in text.lower().split()]
    if not words:
        return 0
    last = 3 if words[-1] in TITLE_WORDS else 0
    # Languages that put the role first ("Ingeniero de software", "Chef de projet").
    first = 2 if len(words) > 1 and words[0] in TITLE_WORDS and words[1] in _OF else 0
    return max(last, first) + len(set(words[:-1]) & TITLE_WORDS) - 2 * len(set(words) & COMPANY_WORDS)


_OF = frozenset({"de", "del", "da", "do", "des", "di", "della", "du", "der", "für", "of"})


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
    that carried the location (usually the company's) comes last. Labels ("Location:"),
    pieces that are only a label or a number, sub-headings ending in ":" and profile links
    are not pieces."""
    location = None
    parts: list[str] = []
    pieces = [piece for piece in _SPLIT.split(text) if piece.strip(" ,|–—-·")]
    if len(pieces) == 1 and "," not in pieces[0] and _AT.search(pieces[0]):
        pieces = _AT.split(pieces[0], maxsplit=1)  # "Nurse at Mercy Hospital"
    located = None
    for piece in pieces:
        piece = _unlabelled(piece.strip(" ,|–—-·"))
        if not piece:
            continue
        match = location_in(piece)
        if match and location is None:
            before = piece[:len(piece) - len(piece[-80:]) + match.start()].strip(" ,|–—-·")
            if not before or len(match.group(1).split(",")[0].split()) <= 3:
                location = match.group(1).strip()
                piece, located = before, before
        if piece:
            parts.append(piece)
    if located and located in parts and len(parts) > 1:
        parts.remove(located)
        parts.append(located)
    return parts, location


def _unlabelled(piece: str) -> str:
    """The value of a piece without its label; "" when nothing names a job in it."""
    if piece.endswith(":") or PROFILE_LINK.search(piece):
        return ""
    piece = LABEL.sub("", piece, count=1).strip(" ,|–—-·:")
    if not re.search(r"[^\W\d_]{2}", piece):  # "1", "#2", ""
        return ""
    return piece


def _run_on(text: str) -> tuple[str | None, str | None] | None:
    """(title, company) from a line naming both without a separator: "Operations Manager
    Acme Health" or "Acme Health Operations Manager"."""
    words = text.split()
    plain = [word.lower().strip(",.()") for word in words]
    for cut in range(len(words) - 1, 0, -1):  # the title's last word, then the company
        if plain[cut - 1] in TITLE_WORDS and plain[cut] not in TITLE_WORDS and words[cut][0].isupper():
            title, company = " ".join(words[:cut]), " ".join(words[cut:])
            if _title_score(company) <= 0 and _title_score(title) > 0:
                return title, company
    for cut in range(2, len(words)):  # the company's last word (not alone), then the title
        if plain[cut - 1] in COMPANY_WORDS and plain[cut] not in COMPANY_WORDS:
            company, title = " ".join(words[:cut]), " ".join(words[cut:])
            if _title_score(title) > 0 and _title_score(company) <= 0:
                return title, company
    return None


def _assign(parts: list[str]) -> tuple[str | None, str | None]:
    """(title, company) from the header pieces."""
    if not parts:
        return None, None
    if len(parts) == 1:
        if "," in parts[0]:
            head, _, tail = parts[0].partition(",")
            return _assign([head, tail])
        plain = [w.lower().strip(",.()") for w in parts[0].split()]
        if _title_score(parts[0]) > 0 and not set(plain) & COMPANY_WORDS and \
                (plain[-1] in TITLE_WORDS or len(plain) < 3):
            return parts[0], None
        return _run_on(parts[0]) or ((parts[0], None) if _title_score(parts[0]) > 0 else (None, parts[0]))
    first, second = parts[0], parts[-1]
    if _title_score(second) > _title_score(first):
        return second, first
    return first, second


def _anchors(lines: list[str]) -> list[int]:
    """Lines whose date range dates a job. A range inside a sentence or a bullet ("Migrated
    Windows Server 2003- 2008") dates nothing: a bulleted range counts only when little
    else is on its line."""
    anchors = []
    for index, line in enumerate(lines):
        match = range_in(line)
        if not match:
            continue
        if _is_description(line):
            rest = (line[:match.start()] + " " + line[match.end():]).strip()
            if len(BULLET.sub("", rest).split()) > 6 or rest.endswith(".") or \
                    (match.start() > len(BULLET.match(line).group(0) if BULLET.match(line) else "")
                     and match.end() < len(line.rstrip()) and "\t" not in line and "|" not in line):
                continue
        anchors.append(index)
    return anchors


def experience_entries(lines: list[str]) -> list[Experience]:
    anchors = _anchors(lines)
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
        text = _unlabelled(text) if LABEL.match(text) else text
        degree = is_degree(text) and not INSTITUTION.search(text.split(",")[0])
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
            if is_degree(part) and not INSTITUTION.search(part) and not current.degree:
                current.degree, current.field = _degree_and_field(part)
            elif INSTITUTION.search(part) and not current.institution:
                current.institution = _without_place(part)
            elif current.degree and not current.institution and not degree and _may_be_school(part):
                current.institution = _without_place(part)  # "IIT Bombay" under the degree
        if span:
            current.start = current.start or span.start
            current.end = span.end or current.end
    return [entry for entry in entries if entry.degree or entry.institution]


def _without_place(part: str) -> str:
    match = location_in(part)
    return (part[:len(part) - len(part[-80:]) + match.start()] if match else part).strip(" ,") or part


def _may_be_school(part: str) -> bool:
    """A short name in capitals on a degree's line or the line after it, which is neither a
    grade, a place nor a sentence: a school named without a word saying so."""
    words = part.split()
    return (1 <= len(words) <= 8 and words[0][0].isupper() and not part.endswith(".")
            and not re.search(r"\b(gpa|cgpa|grade|percentage|marks|honou?rs|cum laude|minor|major)\b|%|\d",
                              part, re.IGNORECASE)
            and not LOCATION.fullmatch(part) and not is_degree(part))
