"""A truth as a Word document, in three layouts (python-docx):

- one_column: Title, contact line, Heading 1 sections, bulleted job lines and skills;
- two_column: a borderless 1x2 table, sidebar (contact, skills, education) on the left;
- table: a grid of label/content rows, with the contact line in the page header (not the body)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Inches, Pt
from docx.table import _Cell

from tests.parsing.generate import Job, School, Truth
from tests.parsing.wording import contact_line, contact_parts, display_name, job_heading, school_lines

TEXT_WIDTH = Inches(7)  # letter paper with 0.75" margins
SIDEBAR_WIDTH = Inches(2.4)
LABEL_WIDTH = Inches(1.5)

Container = DocumentObject | _Cell  # both have add_paragraph


def render_one_column_docx(truth: Truth) -> bytes:
    document = new_document(truth)
    document.add_paragraph(contact_line(truth))
    style = truth.style
    document.add_heading(style.summary_heading, level=1)
    document.add_paragraph(truth.summary)
    document.add_heading(style.experience_heading, level=1)
    for job in truth.jobs:
        add_job(document, job, truth, TEXT_WIDTH)
    document.add_heading(style.education_heading, level=1)
    for school in truth.schools:
        add_school(document, school)
    document.add_heading(style.skills_heading, level=1)
    for skill in truth.skills:
        document.add_paragraph(skill, style="List Bullet")
    return save(document)


def render_two_column_docx(truth: Truth) -> bytes:
    document = new_document(truth)
    sidebar, main = document.add_table(rows=1, cols=2).rows[0].cells  # no table style: no borders
    set_widths([sidebar, main], [SIDEBAR_WIDTH, TEXT_WIDTH - SIDEBAR_WIDTH])
    style = truth.style

    sidebar.add_paragraph("Contact", style="Heading 2")
    for part in contact_parts(truth):
        sidebar.add_paragraph(part)
    sidebar.add_paragraph(style.skills_heading, style="Heading 2")
    for skill in truth.skills:
        sidebar.add_paragraph(skill)
    sidebar.add_paragraph(style.education_heading, style="Heading 2")
    for school in truth.schools:
        add_school(sidebar, school)

    main.add_paragraph(style.summary_heading, style="Heading 2")
    main.add_paragraph(truth.summary)
    main.add_paragraph(style.experience_heading, style="Heading 2")
    for job in truth.jobs:
        add_job(main, job, truth, TEXT_WIDTH - SIDEBAR_WIDTH)

    drop_leading_blank(sidebar)
    drop_leading_blank(main)
    return save(document)


def render_table_docx(truth: Truth) -> bytes:
    document = new_document(truth)
    document.sections[0].header.paragraphs[0].text = contact_line(truth)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    style = truth.style

    def row(label: str) -> _Cell:
        label_cell, content = table.add_row().cells
        label_cell.paragraphs[0].add_run(label.upper()).bold = True
        set_widths([label_cell, content], [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH])
        return content

    row(style.summary_heading).paragraphs[0].text = truth.summary
    for number, job in enumerate(truth.jobs):
        cell = row(style.experience_heading if number == 0 else "")
        add_job(cell, job, truth, TEXT_WIDTH - LABEL_WIDTH)
        drop_leading_blank(cell)
    cell = row(style.education_heading)
    for school in truth.schools:
        add_school(cell, school)
    drop_leading_blank(cell)
    row(style.skills_heading).paragraphs[0].text = ", ".join(truth.skills)
    return save(document)


def new_document(truth: Truth) -> DocumentObject:
    document = Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Inches(0.75)
        section.top_margin = section.bottom_margin = Inches(0.6)
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(display_name(truth), level=0)
    return document


def add_job(container: Container, job: Job, truth: Truth, width: int) -> None:
    for number, (left, right) in enumerate(job_heading(job, truth)):
        paragraph = container.add_paragraph()
        paragraph.add_run(left).bold = number == 0
        if right:
            paragraph.paragraph_format.tab_stops.add_tab_stop(width - Inches(0.2), WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run("\t" + right)
    for bullet in job.bullets:
        container.add_paragraph(bullet, style="List Bullet")


def add_school(container: Container, school: School) -> None:
    first, *rest = school_lines(school)
    container.add_paragraph().add_run(first).bold = True
    for line in rest:
        container.add_paragraph(line)


def set_widths(cells: list[_Cell], widths: list[int]) -> None:
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width


def drop_leading_blank(cell: _Cell) -> None:
    """A new cell starts with an empty paragraph; remove it once the cell has others."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._element.getparent().remove(first._element)


def save(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
