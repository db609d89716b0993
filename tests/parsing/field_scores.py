"""Field-level precision, recall and F1 of parses against labelled truth (tests.parsing.labelled).

Values match case-, accent- and punctuation-insensitively. "Lenient" also accepts a value whose
words contain, or are contained in, the truth's ("Bachelor of Science" for "Bachelor of Science
in Accounting"); "strict" needs the same words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tests.parsing.labelled import Person
from webapp.ai.schema import ResumeData

TARGETS = {"name": 0.95, "email": 0.95, "phone": 0.95, "companies": 0.85, "titles": 0.85,
           "schools": 0.85, "degrees": 0.85, "location": 0.80}


def words(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.findall(r"[^\W_]+", text))


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


@dataclass
class Tally:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.predicted + self.expected
        return 2 * self.true_positives / total if total else 1.0


def _same(expected: str, got: str, lenient: bool) -> bool:
    if not expected or not got:
        return False
    if expected == got:
        return True
    return lenient and (f" {got} " in f" {expected} " or f" {expected} " in f" {got} ")


def _count(tally: Tally, expected: Iterable[str], got: Iterable[str], lenient: bool) -> None:
    left = [value for value in expected if value]
    found = [value for value in got if value]
    tally.expected += len(left)
    tally.predicted += len(found)
    for value in found:
        match = next((truth for truth in left if _same(truth, value, lenient)), None)
        if match is not None:
            left.remove(match)
            tally.true_positives += 1


FIELDS: dict[str, tuple[Callable[[Person], list[str]], Callable[[ResumeData], list[str]]]] = {
    "name": (lambda p: [words(p.name)], lambda d: [words(d.name)]),
    "email": (lambda p: [p.email.lower()], lambda d: [(d.email or "").lower()]),
    "phone": (lambda p: [digits(p.phone)], lambda d: [digits(d.phone)]),
    "location": (lambda p: [words(p.location)], lambda d: [words(d.location)]),
    "companies": (lambda p: [words(j.company) for j in p.jobs],
                  lambda d: [words(e.company) for e in d.experience]),
    "titles": (lambda p: [words(j.title) for j in p.jobs], lambda d: [words(e.title) for e in d.experience]),
    "schools": (lambda p: [words(s.institution) for s in p.schools],
                lambda d: [words(e.institution) for e in d.education]),
    "degrees": (lambda p: [words(s.degree) for s in p.schools],
                lambda d: [words(f"{e.degree} in {e.field}" if e.field else e.degree) for e in d.education]),
}


def scores(samples: list[tuple[Person, ResumeData]], *, lenient: bool = True) -> dict[str, Tally]:
    tallies = {field: Tally() for field in FIELDS}
    for person, data in samples:
        for field, (expected, got) in FIELDS.items():
            _count(tallies[field], expected(person), got(data), lenient or field in ("email", "phone"))
    return tallies


def misses(samples: list[tuple[Person, ResumeData]], field: str) -> list[str]:
    expected, got = FIELDS[field]
    return [f"{person.name} ({person.lang}, {person.layout}, {person.fmt}): expected {expected(person)}, "
            f"got {got(data)}" for person, data in samples
            if sorted(filter(None, expected(person))) != sorted(filter(None, got(data)))]
