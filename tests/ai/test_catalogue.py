"""The skills catalogue: its size and coverage, and how names, aliases and text map to it."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from webapp.ai.catalogue import PATH, catalogue, key

ENTRIES = json.loads(PATH.read_text(encoding="utf-8"))


def test_the_catalogue_is_large_and_says_where_it_comes_from():
    assert len(catalogue()) >= 1500
    assert ENTRIES["source"] and ENTRIES["license"] == "CC0-1.0"


def test_it_covers_trades_healthcare_finance_sales_design_education_hospitality_and_office():
    categories = Counter(entry["category"] for entry in ENTRIES["skills"])
    for sector in ("trades", "healthcare", "finance", "sales", "design", "education",
                   "hospitality", "office", "software"):
        assert sum(n for name, n in categories.items() if sector in name.lower()) >= 80, sector


def test_names_and_aliases_are_unique_and_related_skills_exist():
    terms = [key(term) for entry in ENTRIES["skills"] for term in [entry["name"], *entry.get("aliases", [])]]
    assert [term for term, n in Counter(terms).items() if n > 1] == []
    names = {entry["name"] for entry in ENTRIES["skills"]}
    assert all(related in names for entry in ENTRIES["skills"] for related in entry.get("related", []))


@pytest.mark.parametrize(("written", "name"), [
    ("JS", "JavaScript"), ("postgres", "PostgreSQL"), ("k8s", "Kubernetes"), ("gaap", "GAAP"),
    ("Accounts Payable", "Accounts Payable"), ("phlebotomy", "Phlebotomy"), ("AutoCAD", "AutoCAD"),
    ("forklift operation", "Forklift Operation"), ("Lesson Planning", "Lesson Planning"),
    ("golang", "Go"), ("ms excel", "Microsoft Excel"), (" Python ", "Python"),
])
def test_a_written_skill_has_its_catalogue_name(written, name):
    assert catalogue().canonical(written) == name


def test_unknown_skills_have_no_catalogue_name():
    assert catalogue().canonical("Underwater Basket Weaving Level 9") is None


def test_skills_in_text_are_found_and_everyday_words_are_not_taken_for_skills():
    text = ("Built services in Go and .NET on k8s; reports in Excel. English/Spanish. "
            "I go hiking, love a french press and net income.")
    found = catalogue().find(text)
    assert found == ["Go", ".NET", "Kubernetes", "Microsoft Excel", "English", "Spanish"]


def test_related_skills_and_suggestions():
    assert catalogue().related("JavaScript")
    assert catalogue().suggest("postg")[0] == "PostgreSQL"
    assert catalogue().suggest("") == []
