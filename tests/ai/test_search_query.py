"""Reading a plain-language candidate search (endpoint 29) into a structured filter: skills
from the catalogue, minimum years, work mode, job type, location, visa, availability, and how
the filter describes itself back to the caller."""

from __future__ import annotations

import pytest

from webapp.ai.search import SearchFilter, read_query


def test_skills_and_years_are_read_and_described():
    found = read_query("Find candidates with 5+ years of Python experience and Django expertise")

    assert found.skills == ["Python", "Django"]
    assert found.min_years == 5
    assert (found.work_mode, found.job_type, found.location) == (None, None, None)
    assert not found.needs_visa and not found.available_only
    assert found.words == []  # "find", "candidates", "experience", "expertise" are filler
    assert found.describe() == "Python with 5+ years, Django"


def test_years_alone_describe_themselves():
    found = read_query("people with at least 3 years")
    assert (found.skills, found.min_years) == ([], 3)
    assert found.describe() == "3+ years of experience"


@pytest.mark.parametrize(("query", "mode"), [
    ("Python developers, remote", "remote"),
    ("Python developers who can work remotely", "remote"),
    ("on-site Python developers", "onsite"),
    ("Python developers, onsite", "onsite"),
    ("Python developers, in-office", "onsite"),
    ("hybrid Python developers", "hybrid"),
    ("Python developers", None),
])
def test_work_mode(query: str, mode: str | None):
    assert read_query(query).work_mode == mode


@pytest.mark.parametrize(("query", "kind"), [
    ("full-time Python developers", "full-time"),
    ("Python developers, full time", "full-time"),
    ("part-time Python developers", "part-time"),
    ("Python developers on contract", "contract"),
    ("freelance Python developers", "contract"),
    ("a Python intern", "internship"),
    ("Python developers for an internship", "internship"),
    ("temporary Python developers", "temporary"),
    ("Python developers", None),
    ("Python contractors", None),  # a word that merely starts like a job type is not one
])
def test_job_type(query: str, kind: str | None):
    assert read_query(query).job_type == kind


def test_location_visa_and_availability():
    found = read_query("hybrid part-time React developers in Austin, TX with a work visa, available now")

    assert found.skills == ["React"]
    assert (found.work_mode, found.job_type) == ("hybrid", "part-time")
    assert found.location == "Austin, TX"
    assert found.needs_visa and found.available_only
    assert "austin" not in found.words and "visa" not in found.words
    assert found.describe() == ("React; hybrid, part-time, in Austin, TX, with a work visa, "
                                "available now, about developers")


@pytest.mark.parametrize(("query", "place"), [
    ("React developers from Austin", "Austin"),
    ("Java engineers based in Berlin", "Berlin"),
    ("Backend developers in New York, NY, remote", "New York, NY"),
    ("React developers in austin", None),  # a place is read from a capitalised name
])
def test_locations(query: str, place: str | None):
    assert read_query(query).location == place


@pytest.mark.parametrize("query", ["Python developers authorized to work here",
                                   "Python developers with a work permit",
                                   "Python developers who have a visa"])
def test_visa(query: str):
    assert read_query(query).needs_visa


def test_availability_is_a_word_not_a_substring():
    assert read_query("Python developers available now").available_only
    assert not read_query("Python developers, even the unavailable ones").available_only


@pytest.mark.parametrize("query", ["", "   ", "find me candidates", "show me people with good skills"])
def test_a_query_without_criteria(query: str):
    found = read_query(query)
    assert found == SearchFilter()
    assert found.describe() == "anything (no criteria found)"


def test_free_text_is_what_is_left():
    found = read_query("Find backend developers, remote, full-time")
    assert found.skills == []
    assert found.words == ["backend", "developers"]
    assert found.describe() == "remote, full-time, about backend developers"


@pytest.mark.parametrize(("query", "place"), [
    ("5+ years of experience in Python", None),
    ("Senior engineers in Python and Django in Austin, TX", "Austin, TX"),
])
def test_a_skill_after_in_is_not_a_place(query: str, place: str | None):
    assert read_query(query).location == place


def test_a_year_range_asks_for_its_lower_bound():
    assert read_query("Python developers with 5-7 years").min_years == 5
