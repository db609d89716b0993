"""Date ranges as resumes write them: "Jan 2019 – Present", "2017-2019", "03/2018 to 11/2020",
"2019-01 to 2020-11", "September 2015 - May 2018"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Month names in English, German, French, Spanish, Portuguese and Italian (accents optional),
# and seasons, which some resumes use instead of months ("Summer 2022 – Fall 2022").
_MONTH_NAMES = [
    "jan january januar jän jänner janvier janv enero ene janeiro gennaio gen",
    "feb february februar février fevrier févr fevr febrero febr fevereiro fev febbraio",
    "mar march märz maerz marz mars marzo março marco",
    "apr april avril avr abril abr aprile",
    "may mai mayo maio maggio mag",
    "jun june juni juin junio junho giugno giu",
    "jul july juli juillet juil julio julho luglio lug",
    "aug august août aout agosto ago",
    "sep sept september septembre septiembre setiembre setembro set sett settembre",
    "oct october oktober okt octobre octubre outubro out ottobre ott",
    "nov november novembre noviembre novembro",
    "dec december dezember dez décembre decembre déc diciembre dic dezembro dicembre",
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1)
          for name in names.split()}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
MONTHS.update(SEASONS)

_MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_POINT = (rf"(?:{_MONTH_NAME},?(?:\s+de)?\s*'?{_YEAR}|{_MONTH_NAME}\s+'\d\d"
          rf"|(?:0?[1-9]|1[0-2])\s*[/.]\s*{_YEAR}|{_YEAR}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?!\d)|{_YEAR})")
_NOW = (r"(?:present|current(?:ly)?|now|today|ongoing|date|heute|jetzt|derzeit|laufend|aktuell|"
        r"aujourd['’]hui|présent|actuel(?:lement)?|en cours|actualidad|presente|actual|"
        r"actualmente|atual|atualmente|hoje|oggi|attuale|in corso)")
# Hyphens and dashes of every kind (a soft hyphen, U+2010–U+2015, a minus, a fullwidth or
# small hyphen) and the words for "to" in the languages above.
_SEPARATOR = (r"\s*(?:[-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d~～]|to|until|till|through|thru|"
              r"bis|au|à|a|al|hasta|até|ate)\s*")
RANGE = re.compile(rf"(?<![\w/])(?P<start>{_POINT}){_SEPARATOR}(?P<end>{_POINT}|{_NOW})(?![\w/])",
                   re.IGNORECASE)
SINGLE = re.compile(rf"(?<![\w/])(?P<point>{_POINT})(?![\w/])", re.IGNORECASE)


_DIGITS = re.compile(r"\d\d")  # every date written here has two digits in a row


def range_in(text: str) -> re.Match | None:
    """The first date range in `text` (RANGE.search, skipping text without digits quickly)."""
    return RANGE.search(text) if _DIGITS.search(text) else None


@dataclass(frozen=True)
class Span:
    start: str | None  # "YYYY-MM" or "YYYY"
    end: str | None
    current: bool
    text: str  # as written, to remove it from the line


def parse_point(text: str) -> str | None:
    """'Jan 2019' → '2019-01'; '03/2018' → '2018-03'; '2019-01' → '2019-01'; '2017' → '2017'."""
    text = text.strip().lower().rstrip(".")
    if match := re.fullmatch(rf"({_MONTH_NAME}),?(?:\s+de)?\s*'?(\d{{2,4}})", text):
        month = MONTHS[match.group(1).rstrip(".")]
        year = match.group(2)
        if len(year) == 2:  # '95 is 1995, '19 is 2019
            year = f"20{year}" if int(year) <= date.today().year % 100 + 1 else f"19{year}"
        return f"{year}-{month:02d}"
    if match := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{4})", text):
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    if match := re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{2})", text):
        return f"{match.group(1)}-{match.group(2)}"
    if re.fullmatch(r"\d{4}", text):
        return text
    return None


def find_span(text: str) -> Span | None:
    """The first date range in `text`, or a lone date ("May 2018", "2016")."""
    if not _DIGITS.search(text):
        return None
    if match := RANGE.search(text):
        end_text = match.group("end")
        current = re.fullmatch(_NOW, end_text.strip(), re.IGNORECASE) is not None
        return Span(parse_point(match.group("start")), None if current else parse_point(end_text),
                    current, match.group(0))
    if match := SINGLE.search(text):
        return Span(None, parse_point(match.group("point")), False, match.group(0))
    return None


def months_between(start: str, end: str | None, today: date | None = None) -> tuple[int, int] | None:
    """(first, last) month numbers counted from year 0, for adding up experience."""
    def month_number(point: str, last: bool) -> int:
        year, _, month = point.partition("-")
        return int(year) * 12 + (int(month) if month else (12 if last else 1)) - 1

    today = today or date.today()
    first = month_number(start, last=False)
    last = month_number(end, last=True) if end else today.year * 12 + today.month - 1
    return (first, last) if last >= first else None


def total_years(spans: list[tuple[str | None, str | None]], today: date | None = None) -> float | None:
    """Years covered by the ranges, overlaps counted once."""
    ranges = sorted(r for start, end in spans if start and (r := months_between(start, end, today)))
    if not ranges:
        return None
    months, (current_first, current_last) = 0, ranges[0]
    for first, last in ranges[1:]:
        if first > current_last + 1:
            months += current_last - current_first + 1
            current_first, current_last = first, last
        else:
            current_last = max(current_last, last)
    months += current_last - current_first + 1
    return round(months / 12, 1)
