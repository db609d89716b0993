"""The generator itself: the same varied corpus every run, consistent truths, and rendered files
that really contain them (read back with plain pypdf / python-docx, not the parser under test)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from tests.parsing.generate import (
    DATE_STYLES,
    JOB_SHAPES,
    OCCUPATIONS,
    SKILL_VOCABULARY,
    TODAY,
    Truth,
    expected_resume_data,
    generate_truths,
    month,
)
from tests.parsing.render import FORMATS, LAYOUTS, render
from tests.parsing.wording import format_span

COMBOS = [pytest.param(layout, fmt, id=f"{layout}-{fmt}") for fmt in FORMATS for layout in LAYOUTS]


def test_the_corpus_is_the_same_every_time() -> None:
    assert generate_truths.__wrapped__() == generate_truths()


def test_the_corpus_varies() -> None:
    truths = generate_truths()
    names = [truth.name for truth in truths]
    assert len(truths) == 40 and len(set(names)) == len(names)
    assert any(not name.isascii() for name in names) and any("-" in name for name in names)
    assert {truth.occupation for truth in truths} == {occupation.name for occupation in OCCUPATIONS}
    assert {truth.style.dates for truth in truths} == set(DATE_STYLES)
    assert {truth.style.job_shape for truth in truths} == set(JOB_SHAPES)
    assert any(truth.phone.startswith("+44") for truth in truths)
    assert {truth.jobs[0].current for truth in truths} == {True, False}


def test_skills_come_from_the_vocabulary() -> None:
    for truth in generate_truths():
        assert 5 <= len(truth.skills) <= 10 and len(set(truth.skills)) == len(truth.skills)
        assert set(truth.skills) <= set(SKILL_VOCABULARY)


def test_text_names_no_skill_the_person_does_not_list() -> None:
    for truth in generate_truths():
        text = "\n".join(written_text(truth))
        unlisted = [skill for skill in SKILL_VOCABULARY if skill not in truth.skills
                    and re.search(rf"\b{re.escape(skill)}\b", text, re.IGNORECASE)]
        assert not unlisted, f"#{truth.index} mentions {unlisted}"


def written_text(truth: Truth) -> list[str]:
    jobs = [piece for job in truth.jobs for piece in (job.company, job.title, *job.bullets)]
    schools = [piece for school in truth.schools
               for piece in (school.institution, school.degree, school.field)]
    return [truth.summary, *jobs, *schools]


def test_jobs_run_back_in_time_without_overlapping() -> None:
    for truth in generate_truths():
        assert 2 <= len(truth.jobs) <= 4 and 1 <= len(truth.schools) <= 2
        assert all(not job.current for job in truth.jobs[1:])
        ends = [job.end or month(TODAY) for job in truth.jobs]
        starts = [job.start for job in truth.jobs]
        assert all(start < end for start, end in zip(starts, ends, strict=True))
        assert all(older_end < newer_start for older_end, newer_start in zip(ends[1:], starts, strict=False))


def test_truths_are_valid_resume_data() -> None:
    for truth in generate_truths():
        data = expected_resume_data(truth)
        assert data.name == truth.name and len(data.experience) == len(truth.jobs)


@pytest.mark.parametrize(("layout", "fmt"), COMBOS)
def test_rendered_files_contain_the_truth(layout: str, fmt: str) -> None:
    for truth in generate_truths():
        data = render(truth, layout, fmt)
        text = squeeze(pdf_text(data) if fmt == "pdf" else docx_text(data))
        missing = [item for item in visible_facts(truth) if squeeze(item) not in text]
        assert not missing, f"#{truth.index} ({layout}, {fmt}) lacks {missing}\n--- text ---\n{text}"


def visible_facts(truth: Truth) -> list[str]:
    jobs = [piece for job in truth.jobs
            for piece in (job.company, job.title, format_span(job.start, job.end, truth.style.dates))]
    return [truth.name, truth.email, truth.phone, *truth.skills, *jobs]


def squeeze(text: str) -> str:
    return " ".join(text.split()).casefold()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    header = [p.text for section in document.sections for p in section.header.paragraphs]
    body = [p.text for p in document.paragraphs]
    cells = [p.text for table in document.tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs]
    return "\n".join(header + body + cells)
