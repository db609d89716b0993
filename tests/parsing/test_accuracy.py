"""The offline resume parser against generated resumes whose truth we know, in every layout and
format. The bars are the issue's: name, e-mail and phone right on 95% of resumes, skills and jobs
found with micro-F1 of 0.9 and 0.85, and the months of the jobs found right on 95% of them.
Debug one resume with `python -m tests.parsing.dump <layout> <format> <index> --parse`."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.parsing.generate import generate_truths
from tests.parsing.metrics import (
    Sample,
    Score,
    exact_match,
    experience_dates,
    experience_f1,
    phone_digits,
    plain,
    skills_f1,
)
from tests.parsing.render import FORMATS, LAYOUTS, render
from webapp.ai.schema import ResumeData

COMBOS = [pytest.param(layout, fmt, id=f"{layout}-{fmt}") for fmt in FORMATS for layout in LAYOUTS]


@pytest.fixture(scope="module")
def corpus() -> Callable[[str, str], list[Sample]]:
    """Every truth rendered in one (layout, format) and parsed, once per module."""
    parsed: dict[tuple[str, str], list[Sample]] = {}

    def samples(layout: str, fmt: str) -> list[Sample]:
        if (layout, fmt) not in parsed:
            parsed[layout, fmt] = [(truth, parse(render(truth, layout, fmt), fmt, truth.index))
                                   for truth in generate_truths()]
        return parsed[layout, fmt]

    return samples


def parse(data: bytes, fmt: str, index: int) -> ResumeData:
    from webapp.ai.resume import parse_resume  # imported here so the tests collect before it exists

    try:
        return parse_resume(data, fmt).data
    except Exception as error:
        error.add_note(f"parse_resume failed on resume #{index} ({fmt})")
        raise


def assert_at_least(score: Score, bar: float, metric: str) -> None:
    assert score.value >= bar, score.report(metric, bar)


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_name(corpus, layout: str, fmt: str) -> None:
    score = exact_match(corpus(layout, fmt), lambda truth: truth.name, lambda data: data.name, plain)
    assert_at_least(score, 0.95, f"name match rate ({layout}, {fmt})")


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_email(corpus, layout: str, fmt: str) -> None:
    score = exact_match(corpus(layout, fmt), lambda truth: truth.email, lambda data: data.email, plain)
    assert_at_least(score, 0.95, f"email match rate ({layout}, {fmt})")


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_phone(corpus, layout: str, fmt: str) -> None:
    score = exact_match(corpus(layout, fmt), lambda truth: truth.phone, lambda data: data.phone, phone_digits)
    assert_at_least(score, 0.95, f"phone match rate ({layout}, {fmt})")


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_skills(corpus, layout: str, fmt: str) -> None:
    assert_at_least(skills_f1(corpus(layout, fmt)), 0.9, f"skills micro-F1 ({layout}, {fmt})")


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_experience_entries(corpus, layout: str, fmt: str) -> None:
    assert_at_least(experience_f1(corpus(layout, fmt)), 0.85, f"experience micro-F1 ({layout}, {fmt})")


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_experience_dates(corpus, layout: str, fmt: str) -> None:
    assert_at_least(experience_dates(corpus(layout, fmt)), 0.95,
                    f"matched jobs with right start and end months ({layout}, {fmt})")
