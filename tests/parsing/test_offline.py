"""The offline parser on text no resume should contain: it ends, quickly enough not to be
noticed in the suite, and answers with what little it can (the patterns are bounded so that
no line makes them backtrack for long)."""

from __future__ import annotations

import pytest

from webapp.ai.offline import parse_text

HOSTILE_LINES = ["A" * 3000, "a" * 50_000, "Aa " * 5000, "A. " * 3000, "a@" * 20_000,
                 "2019 - " * 5000, "ABC " * 5000 + ", TX", "A, " * 5000, "x.y" * 10_000,
                 "(555) " * 5000, "Jan 2019 – " * 3000]


@pytest.mark.parametrize("line", HOSTILE_LINES, ids=[line[:8] for line in HOSTILE_LINES])
def test_hostile_lines_in_every_section_are_parsed_without_error(line):
    text = "\n".join([line[:200], "Experience", line, "Jan 2019 - Present", line, "Education", line,
                      "Skills", line])
    data = parse_text(text)
    assert data.name is None or len(data.name) < 200


def test_a_plain_resume_is_read():
    text = ("Maria Lopez\nmaria@example.com | (555) 123-4567 | Austin, TX\nExperience\n"
            "Senior Accountant | Holloway Partners | Jan 2019 – Present\n• Closed the books monthly.\n"
            "Education\nBachelor of Science in Accounting\nUniversity of Texas at Austin\n2012 – 2016\n"
            "Skills\nGAAP, QuickBooks, Accounts Payable")
    data = parse_text(text)
    assert (data.name, data.email, data.phone, data.location) == (
        "Maria Lopez", "maria@example.com", "(555) 123-4567", "Austin, TX")
    [job] = data.experience
    assert (job.title, job.company, job.start, job.current) == (
        "Senior Accountant", "Holloway Partners", "2019-01", True)
    [school] = data.education
    assert (school.degree, school.field, school.institution) == (
        "Bachelor of Science", "Accounting", "University of Texas at Austin")
    assert data.skills[:3] == ["GAAP", "QuickBooks", "Accounts Payable"]
