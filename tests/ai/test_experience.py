"""Years of experience from the work entries' dates: the union of their ranges, worked out by
hand for each layout below (today is 2026-06 throughout)."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ai.experience import work_years
from webapp.ai.ranking import profile_features

TODAY = date(2026, 6, 15)


def job(start: str | None, end: str | None = None, *, current: bool | None = None,
        title: str = "Analyst", company: str = "Acme") -> dict:
    return {"title": title, "company": company, "start": start, "end": end, "current": current}


CASES = [
    # one job, months inclusive: Jan 2019 to Dec 2020 is 24 months
    ("one job", [job("2019-01", "2020-12")], 2.0),
    # two jobs one after the other, no gap: 24 + 12 months
    ("back to back", [job("2017-01", "2018-12"), job("2019-01", "2019-12")], 3.0),
    # a gap between jobs counts nothing: 12 + 12 months
    ("a gap", [job("2010-01", "2010-12"), job("2015-01", "2015-12")], 2.0),
    # two jobs held at once count once: Jan 2015-Dec 2020 covers 72 months, the other lies inside
    ("nested", [job("2015-01", "2020-12"), job("2016-03", "2017-02")], 6.0),
    # overlapping, not nested: Jan 2018-Jun 2019 and Jan 2019-Dec 2019 = Jan 2018-Dec 2019, 24 months
    ("overlapping", [job("2018-01", "2019-06"), job("2019-01", "2019-12")], 2.0),
    # "present" ends today: Jul 2024 to Jun 2026 = 24 months
    ("present", [job("2024-07", current=True)], 2.0),
    # years only: 2012 to 2014 is Jan 2012-Dec 2014, 36 months
    ("years only", [job("2012", "2014")], 3.0),
    # a range running into the future stops today: Jan 2026-Jun 2026, 6 months
    ("ends in the future", [job("2026-01", "2027-12")], 0.5),
    # a job starting in the future is not counted at all
    ("starts in the future", [job("2025-07", "2026-06"), job("2027-01", "2028-01")], 1.0),
    # volunteering is not work: only the 12 months of the paid job count
    ("volunteering", [job("2000-01", "2020-12", title="Volunteer Coach", company="Little League"),
                      job("2020-01", "2020-12")], 1.0),
    # a job with a start and no end, not marked current, is that one month (not "until today")
    ("start only", [job("1996-05")], 0.1),
    # confirmed data writes the range as text
    ("confirmed duration", [{"position": "Analyst", "duration": "March 2020 - February 2022"}], 2.0),
    # no dates at all: nothing to count
    ("no dates", [job(None)], None),
]


@pytest.mark.parametrize(("layout", "entries", "years"), CASES, ids=[case[0] for case in CASES])
def test_years_are_the_union_of_the_work_entries_ranges(layout, entries, years):
    assert work_years(entries, TODAY).years == years


def test_the_figure_says_how_it_was_counted():
    counted = work_years([job("2015-01", "2020-12"), job("2016-03", "2017-02")], TODAY)
    assert counted.how == "from the dates of 2 jobs, overlaps counted once"
    assert work_years([job("2019-01", "2020-12")], TODAY).how == "from the dates of 1 job"


def test_education_is_never_counted_and_dates_win_over_a_stated_total():
    data = {"total_years_experience": 31,
            "education": [{"institution": "State University", "start": "1990", "end": "1994"}],
            "experience": [job("2016-01", "2017-12"), job("2018-01", "2019-12")]}
    stored = profile_features(data, [], TODAY)
    assert (stored["years"], stored["years_how"]) == (4.0, "from the dates of 2 jobs")
    stated = profile_features({"total_years_experience": 5, "experience": [job(None)]}, [], TODAY)
    assert (stated["years"], stated["years_how"]) == (5.0, "as stated in the profile")
