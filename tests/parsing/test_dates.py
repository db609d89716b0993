"""Date ranges as resumes write them, and years of experience added up without overlaps."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ai.dates import find_span, total_years


@pytest.mark.parametrize(("written", "start", "end", "current"), [
    ("Jan 2019 – Present", "2019-01", None, True),
    ("January 2019 - Present", "2019-01", None, True),
    ("01/2019 – 11/2020", "2019-01", "2020-11", False),
    ("2019-01 to 2020-11", "2019-01", "2020-11", False),
    ("Mar 2017 to Jun 2019", "2017-03", "2019-06", False),
    ("Sept. 2015 - May 2018", "2015-09", "2018-05", False),
    ("2017-2019", "2017", "2019", False),
    ("Company Name July 2011 to November 2012 Accountant", "2011-07", "2012-11", False),
    ("Jan '95 – Dec '99", "1995-01", "1999-12", False),
    ("Mar '19 – Current", "2019-03", None, True),
    ("Grad. May 2011", None, "2011-05", False),
])
def test_date_ranges_are_read_to_the_month(written, start, end, current):
    span = find_span(written)
    assert (span.start, span.end, span.current) == (start, end, current)


def test_text_without_dates_has_no_span():
    assert find_span("Managed a team of 12 and 300 accounts") is None


def test_years_of_experience_count_overlapping_jobs_once():
    today = date(2024, 12, 15)
    jobs = [("2019-01", None), ("2017-03", "2019-06"), ("2010", "2010")]
    # Mar 2017 – Dec 2024 is 94 months (the two overlapping jobs), plus 12 in 2010.
    assert total_years(jobs, today) == round(106 / 12, 1)
    assert total_years([], today) is None
