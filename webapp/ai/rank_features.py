"""What ranking reads of a profile, computed once when the profile is parsed or confirmed
(stored as `rank_features`), so that ranking a pool never re-reads resumes.

Fields are kept apart so that relevance can weigh them separately (BM25F): the job titles'
words, the skills' words and the whole text (headline, summary, skills, certifications,
degrees, job descriptions). Nothing that says who the candidate is: no name, contacts,
links, schools, employers or dates.
"""

from __future__ import annotations

import re
from datetime import date

from webapp.ai.catalogue import catalogue
from webapp.ai.experience import is_work, work_years

FEATURES_VERSION = 4  # stored features of another version are computed again
MAX_TERMS = 600  # words of a resume kept for relevance
MAX_TITLES = 20
STOPWORDS = frozenset("""
a an and are as at be by for from has have in is it its of on or our the to we will with you
your this that who what which their they them us an able about across all also any can each
etc more most must new other per such than team teams work working years year experience
looking join role position candidate candidates ideal strong skills skill including ability
""".split())  # noqa: SIM905
_WORD = re.compile(r"[a-z][a-z+#.]*[a-z+#]|[a-z]")
JOB_LISTS = ("experience", "work_experience")  # jobs as parsed and as confirmed

# What a parser sometimes takes for a skill: dates, numbers, places, weekdays.
_STATE = frozenset("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO
MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC""".split())  # noqa: SIM905
_DAYS_MONTHS = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february"
    r"|march|april|june|july|august|september|october|november|december)\.?", re.IGNORECASE)
_PLACE = re.compile(r"^[A-Z][\w.' -]*,\s*([A-Z]{2})$")  # "Fort Worth, TX"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PLACE_WORDS = re.compile(r"\b(?:city|county|state|street|st\.|avenue|ave\.?|road|rd\.)\s*$|"
                          r"^(?:city|county|state) of\b", re.IGNORECASE)


def terms(text: str) -> list[str]:
    """Words for relevance: lower case, letters only (no dates or numbers), no stopwords."""
    return [word for word in _WORD.findall(text.lower()) if word not in STOPWORDS and len(word) > 1]


def word_string(text: str, titles: list[str] | None = None, limit: int = MAX_TERMS) -> str:
    """" word word … ": counted with str.count, which is fast and small."""
    found = terms(" ".join(titles or []) + "\n" + text)[:limit]
    return f" {' '.join(found)} " if found else ""


def title_string(titles: list[str]) -> str:
    """" word word | word … ": the job titles' words, title by title."""
    return f" {' | '.join(' '.join(terms(title)) for title in titles)} " if titles else ""


def is_junk_skill(name: str, places: frozenset[str] = frozenset()) -> bool:
    """A "skill" that is a date, a number, a place, a state code or a weekday: parser junk
    that must not count as a skill. Catalogue skills are never junk."""
    name = " ".join(name.split())
    if catalogue().canonical(name):
        return False
    letters = sum(ch.isalpha() for ch in name)
    place = _PLACE.match(name)
    return (letters < 2 or letters < len(name.replace(" ", "")) / 2
            or _YEAR.search(name) is not None
            or name.upper() in _STATE or _DAYS_MONTHS.fullmatch(name) is not None
            or (place is not None and place.group(1) in _STATE)
            or _PLACE_WORDS.search(name) is not None or name.lower() in places)


def _places(data: dict) -> frozenset[str]:
    """Place names the profile itself gives (its location, its jobs' locations): a skill of
    the same name is a place."""
    values = [data.get("location")] + [entry.get("location") for key in JOB_LISTS
                                       for entry in data.get(key) or [] if isinstance(entry, dict)]
    parts = {part.strip().lower() for value in values if isinstance(value, str)
             for part in value.split(",") if part.strip()}
    return frozenset(parts)


def profile_text(data: dict) -> str:
    """What relevance reads of a profile's data (parsed or confirmed): headline, summary,
    skills, certifications, degrees and fields of study, and job descriptions (job titles are
    added by word_string). Never the name, contacts, links, location, schools, employers or
    dates."""
    parts: list[object] = [data.get("headline"), data.get("summary")]
    places = _places(data)
    parts += [skill for skill in data.get("skills") or []
              if isinstance(skill, str) and not is_junk_skill(skill, places)]
    parts += data.get("certifications") or []
    parts += [entry.get(key) for entry in data.get("education") or [] if isinstance(entry, dict)
              for key in ("degree", "field")]
    parts += [entry.get("description") for key in JOB_LISTS for entry in data.get(key) or []
              if isinstance(entry, dict)]
    return "\n".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def jobs_of(data: dict) -> list[dict]:
    return [entry for key in JOB_LISTS for entry in data.get(key) or [] if isinstance(entry, dict)]


def features(skills: list[str], years: float | None, titles: list[str], text: str,
             location: str | None, *, languages: list[str] | None = None,
             years_how: str = "") -> dict:
    """The stored features. `text` is the profile's profile_text; `skills` its skill names
    (junk is dropped here)."""
    held = sorted({skill for skill in skills if not is_junk_skill(skill)})
    lowered = {name.lower() for name in held}
    mentioned = [name for name in catalogue().find("\n".join([*titles, text]))
                 if name.lower() not in lowered]
    titles = [title for title in titles if title.strip()][:MAX_TITLES]
    return {"version": FEATURES_VERSION, "skills": held, "years": years, "years_how": years_how,
            "titles": titles, "words": word_string(text, titles),
            "title_words": title_string(titles),
            "skill_words": word_string(" ".join([*held, *mentioned])),
            "location": location, "mentioned": sorted(mentioned),
            "languages": sorted({" ".join(name.split()) for name in languages or []
                                 if isinstance(name, str) and name.strip()})}


def profile_features(data: dict, skills: list[str], today: date | None = None) -> dict:
    """Features of a profile's effective data; `skills` are its skills as the catalogue
    names them. Years come from the work entries' dates; a stated total is used only when no
    job has dates."""
    jobs = jobs_of(data)
    counted = work_years(jobs, today)
    years, how = counted.years, counted.how
    stated = data.get("total_years_experience")
    if years is None and isinstance(stated, int | float) and not isinstance(stated, bool):
        years, how = float(stated), "as stated in the profile"
    headline = data.get("headline")
    titles = [headline.strip()] if isinstance(headline, str) and headline.strip() else []
    titles += [str(entry.get("title") or entry.get("position") or "") for entry in jobs
               if is_work(entry) and (entry.get("title") or entry.get("position"))]
    location = data.get("location")
    places = _places(data)
    return features([skill for skill in skills if not is_junk_skill(skill, places)], years, titles,
                    profile_text(data), location if isinstance(location, str) else None,
                    languages=[item for item in data.get("languages") or [] if isinstance(item, str)],
                    years_how=how)
