"""A job's salary text becomes a schema.org MonetaryAmount only when it reads as one currency
and one amount or range; anything else is left out rather than guessed."""

from __future__ import annotations

import pytest

from webapp.services.job_posting import base_salary, summary


def amount(currency: str, unit: str | None = None, **value) -> dict:
    quantity = {"@type": "QuantitativeValue", **value}
    if unit:
        quantity["unitText"] = unit
    return {"@type": "MonetaryAmount", "currency": currency, "value": quantity}


@pytest.mark.parametrize(("text", "expected"), [
    ("$120,000 - $150,000", amount("USD", minValue=120000, maxValue=150000)),
    ("90-110k EUR", amount("EUR", minValue=90000, maxValue=110000)),
    ("60,000–70,000 EUR", amount("EUR", minValue=60000, maxValue=70000)),
    ("€70k", amount("EUR", value=70000)),
    ("£25 per hour", amount("GBP", "HOUR", value=25)),
    ("$55.50/hr", amount("USD", "HOUR", value=55.5)),
    ("USD 80,000 to 95,000 per year", amount("USD", "YEAR", minValue=80000, maxValue=95000)),
    ("€60k p.a.", amount("EUR", "YEAR", value=60000)),
    ("CA$90,000", amount("CAD", value=90000)),
    ("4,000 chf monthly", amount("CHF", "MONTH", value=4000)),
])
def test_a_stated_salary_is_read(text: str, expected: dict) -> None:
    assert base_salary(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "Competitive", "DOE", "100k",  # no currency
    "$100k+ DOE", "$1,000 plus benefits",  # words we do not read
    "£30,000 - €40,000",  # two currencies
    "70.000 €",  # a thousands dot, or a decimal one? not guessed
    "$150,000 - $120,000", "$0", "$1 - $2 - $3",
    "€5k monthly per year",  # two periods
])
def test_anything_else_is_left_out(text: str | None) -> None:
    assert base_salary(text) is None


def test_a_summary_is_one_line_cut_at_a_word() -> None:
    assert summary("  Short\n\ntext ") == "Short text"
    long = "word " * 50
    cut = summary(long)
    assert len(cut) <= 155 and cut.endswith("word…")
    assert summary(None) == ""
