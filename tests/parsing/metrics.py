"""Accuracy over a corpus of (truth, parsed) samples. Each metric returns a `Score`: its value
and a list of concrete misses (expected vs got), printed when a test falls below its bar."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.parsing.generate import Job, Truth
from webapp.ai.catalogue import catalogue
from webapp.ai.schema import Experience, ResumeData

Sample = tuple[Truth, ResumeData]
SHOWN_MISSES = 8


@dataclass
class Score:
    value: float
    misses: list[str] = field(default_factory=list)

    def report(self, metric: str, bar: float) -> str:
        lines = [f"{metric} = {self.value:.3f}, below the bar of {bar}; {len(self.misses)} misses, e.g.:"]
        lines += [f"  {miss}" for miss in self.misses[:SHOWN_MISSES]]
        return "\n".join(lines)


# ---- normalizing ----

def plain(text: str | None) -> str:
    """Case, accents-as-composed and whitespace do not count."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def phone_digits(phone: str | None) -> str:
    """Digits only, without the US country code: "+1 (555) 123-4567" -> "5551234567"."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def job_key(company: str | None, title: str | None) -> tuple[str, str]:
    """Punctuation does not count either: "St. Mary’s" == "St Mary's"."""
    def words(text: str | None) -> str:
        return " ".join(re.findall(r"\w+", plain(text)))
    return words(company), words(title)


# ---- metrics ----

def exact_match(samples: list[Sample], expected: Callable[[Truth], str | None],
                got: Callable[[ResumeData], str | None], normalize: Callable[[str | None], str]) -> Score:
    misses = [f"#{truth.index}: expected {expected(truth)!r}, got {got(parsed)!r}"
              for truth, parsed in samples if normalize(expected(truth)) != normalize(got(parsed))]
    return Score(1 - len(misses) / len(samples), misses)


def skills_f1(samples: list[Sample]) -> Score:
    true_positives = false_positives = false_negatives = 0
    misses = []
    for truth, parsed in samples:
        # The parser answers in the catalogue's names ("Payroll" is "Payroll Processing").
        expected = {plain(catalogue().canonical(skill) or skill) for skill in truth.skills}
        got = {plain(skill) for skill in parsed.skills}
        true_positives += len(expected & got)
        false_positives += len(got - expected)
        false_negatives += len(expected - got)
        if expected != got:
            misses.append(f"#{truth.index}: missing {sorted(expected - got)}, extra {sorted(got - expected)}")
    return Score(f1(true_positives, false_positives, false_negatives), misses)


def experience_f1(samples: list[Sample]) -> Score:
    """Jobs matched on (company, title)."""
    true_positives = false_positives = false_negatives = 0
    misses = []
    for truth, parsed in samples:
        expected = Counter(job_key(job.company, job.title) for job in truth.jobs)
        got = Counter(job_key(entry.company, entry.title) for entry in parsed.experience)
        true_positives += sum((expected & got).values())
        false_positives += sum((got - expected).values())
        false_negatives += sum((expected - got).values())
        if expected != got:
            misses.append(f"#{truth.index}: missing {sorted(expected - got)}, extra {sorted(got - expected)}")
    return Score(f1(true_positives, false_positives, false_negatives), misses)


def experience_dates(samples: list[Sample]) -> Score:
    """Of the jobs found (matched as above), the share whose start and end months are right."""
    checked, misses = 0, []
    for truth, parsed in samples:
        for job, entry in matched_jobs(truth.jobs, parsed.experience):
            checked += 1
            if not same_dates(job, entry):
                ending = " (current)" if entry.current else ""
                misses.append(f"#{truth.index} {job.title} at {job.company}: expected {job.start} to "
                              f"{job.end or 'present'}, got {entry.start} to {entry.end}{ending}")
    return Score(1 - len(misses) / checked if checked else 0.0, misses)


def matched_jobs(jobs: tuple[Job, ...], entries: list[Experience]) -> list[tuple[Job, Experience]]:
    unmatched = list(entries)
    pairs = []
    for job in jobs:
        entry = next((entry for entry in unmatched
                      if job_key(entry.company, entry.title) == job_key(job.company, job.title)), None)
        if entry is not None:
            unmatched.remove(entry)
            pairs.append((job, entry))
    return pairs


def same_dates(job: Job, entry: Experience) -> bool:
    if entry.start != job.start:
        return False
    if job.current:
        return entry.end is None or entry.current
    return entry.end == job.end


def f1(true_positives: int, false_positives: int, false_negatives: int) -> float:
    denominator = 2 * true_positives + false_positives + false_negatives
    return 2 * true_positives / denominator if denominator else 1.0
