"""Years of work experience from the dates of the jobs a profile lists.

Years are the union of the work entries' date ranges: two jobs held at once count once, a
gap between jobs counts nothing. Entries that are not paid work (volunteering, studies) are
left out, a range running into the future stops today, a range that starts in the future is
not counted, and "present" (or a job marked current) ends today. A job with one date and no
sign that it is current counts as that one month (or, with only a year, that year).

The ranking states how the figure was counted, so a recruiter can check it against the
resume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from webapp.ai.dates import find_span, parse_point

NOT_WORK = re.compile(r"\b(?:volunteer\w*|student|studies|coursework|thesis|education)\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Years:
    years: float | None
    how: str  # e.g. "from the dates of 3 jobs, overlaps counted once"


def _month(point: str, *, last: bool) -> int:
    year, _, month = point.partition("-")
    return int(year) * 12 + (int(month) if month else (12 if last else 1)) - 1


def _range(entry: dict, today: int) -> tuple[int, int] | None:
    """(first, last) month of an entry, clipped to today; None without a usable start."""
    start, end = entry.get("start"), entry.get("end")
    current = entry.get("current") is True
    if not start and isinstance(entry.get("duration"), str):  # confirmed data: "2019 – Present"
        span = find_span(entry["duration"])
        if span is not None:
            start, end, current = span.start, span.end, span.current
    start = parse_point(start) if isinstance(start, str) else None
    end = parse_point(end) if isinstance(end, str) else None
    if start is None:
        return None
    first = _month(start, last=False)
    if current:
        last = today
    elif end is not None:
        last = _month(end, last=True)
    else:
        last = _month(start, last=True)
    last = min(last, today)
    return (first, last) if first <= last else None


def is_work(entry: dict) -> bool:
    """A job, not volunteering or studies (read from its title and employer)."""
    label = " ".join(str(entry.get(key) or "") for key in ("title", "position", "company"))
    return not NOT_WORK.search(label)


def work_years(entries: list[dict], today: date | None = None) -> Years:
    """Years covered by the work entries' date ranges, overlaps counted once."""
    today = today or date.today()
    now = today.year * 12 + today.month - 1
    ranges = sorted(r for entry in entries if isinstance(entry, dict) and is_work(entry)
                    and (r := _range(entry, now)) is not None)
    if not ranges:
        return Years(None, "")
    months, overlapped = 0, False
    first, last = ranges[0]
    for start, end in ranges[1:]:
        if start > last + 1:
            months += last - first + 1
            first, last = start, end
        else:
            overlapped = overlapped or start <= last
            last = max(last, end)
    months += last - first + 1
    jobs = len(ranges)
    how = f"from the dates of {jobs} job{'s' if jobs != 1 else ''}"
    if overlapped:
        how += ", overlaps counted once"
    return Years(round(months / 12, 1), how)
