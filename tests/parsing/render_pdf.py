"""A truth as a PDF, in three layouts (reportlab):

- one_column: name, contact line, then Summary / Experience / Education / Skills;
- two_column: a grey sidebar (contact, skills, education) beside the main column (summary,
  experience). Both columns share the same vertical band and the page is drawn row by row, as
  layout engines do, so the content stream interleaves the columns: the reading-order test;
- table: the sections in a grid, a label cell ("EXPERIENCE") to the left of its content."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tests.parsing.generate import Job, School, Truth
from tests.parsing.wording import contact_line, contact_parts, display_name, job_heading, school_lines

PAGE_WIDTH, PAGE_HEIGHT = letter
MARGIN = 0.6 * inch
WIDTH = PAGE_WIDTH - 2 * MARGIN
REGULAR, BOLD = "Helvetica", "Helvetica-Bold"

STYLES = {
    "name": ParagraphStyle("name", fontName=BOLD, fontSize=22, leading=26, spaceAfter=4),
    "contact": ParagraphStyle("contact", fontName=REGULAR, fontSize=9.5, leading=12),
    "heading": ParagraphStyle("heading", fontName=BOLD, fontSize=12, leading=15, spaceBefore=12,
                              spaceAfter=2),
    "label": ParagraphStyle("label", fontName=BOLD, fontSize=10, leading=13),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13),
    "bold": ParagraphStyle("bold", fontName=BOLD, fontSize=10, leading=13, spaceBefore=6),
    "right": ParagraphStyle("right", fontName=REGULAR, fontSize=10, leading=13, alignment=TA_RIGHT),
    "bullet": ParagraphStyle("bullet", fontName=REGULAR, fontSize=10, leading=13, leftIndent=14,
                             bulletIndent=4),
}


# ---- one column and table (platypus) ----

def render_one_column_pdf(truth: Truth) -> bytes:
    style = truth.style
    story: list[Flowable] = [paragraph(display_name(truth), "name"),
                             paragraph(contact_line(truth), "contact")]
    story += heading(style.summary_heading) + [paragraph(truth.summary)]
    story += heading(style.experience_heading)
    for job in truth.jobs:
        story += job_flowables(job, truth, WIDTH)
    story += heading(style.education_heading)
    for school in truth.schools:
        story += school_flowables(school)
    story += heading(style.skills_heading) + [paragraph(", ".join(truth.skills))]
    return build(story)


def render_table_pdf(truth: Truth) -> bytes:
    style = truth.style
    label_width = 1.5 * inch
    content_width = WIDTH - label_width
    rows = [grid_row("Contact", [paragraph(part) for part in contact_parts(truth)]),
            grid_row(style.summary_heading, [paragraph(truth.summary)])]
    for number, job in enumerate(truth.jobs):
        label = style.experience_heading if number == 0 else ""
        rows.append(grid_row(label, job_flowables(job, truth, content_width - 12)))
    rows.append(grid_row(style.education_heading,
                         [flowable for school in truth.schools for flowable in school_flowables(school)]))
    rows.append(grid_row(style.skills_heading, [paragraph(", ".join(truth.skills))]))
    table = Table(rows, colWidths=[label_width, content_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.lightgrey),
        ("PADDING", (0, 0), (-1, -1), 6),
    ]))
    return build([paragraph(display_name(truth), "name"), Spacer(1, 8), table])


def grid_row(label: str, content: list[Flowable]) -> list:
    return [paragraph(label.upper(), "label"), content]


def job_flowables(job: Job, truth: Truth, width: float) -> list[Flowable]:
    flowables: list[Flowable] = []
    for number, (left, right) in enumerate(job_heading(job, truth)):
        line = paragraph(left, "bold" if number == 0 else "body")
        flowables.append(side_by_side(line, paragraph(right, "right"), width) if right else line)
    flowables += [Paragraph(escape(bullet), STYLES["bullet"], bulletText="•") for bullet in job.bullets]
    return flowables


def school_flowables(school: School) -> list[Flowable]:
    first, *rest = school_lines(school)
    return [paragraph(first, "bold")] + [paragraph(line) for line in rest]


def side_by_side(left: Flowable, right: Flowable, width: float) -> Table:
    return Table([[left, right]], colWidths=[width * 0.6, width * 0.4], style=TableStyle([
        ("PADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))


def heading(text: str) -> list[Flowable]:
    rule = HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceAfter=4)
    return [paragraph(text, "heading"), rule]


def paragraph(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), STYLES[style])


def build(story: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=letter, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, title="Resume")
    document.build(story)
    return buffer.getvalue()


# ---- two columns (canvas) ----

SIDEBAR_WIDTH = WIDTH * 0.35
GUTTER = 18
MAIN_LEFT = MARGIN + SIDEBAR_WIDTH + GUTTER
MAIN_WIDTH = WIDTH - SIDEBAR_WIDTH - GUTTER
BULLET_INDENT = 12
BODY_SIZE = 9.5


@dataclass(frozen=True)
class Line:
    """One logical line of a column: wrapped to the column (or shrunk to fit when `fit`)."""

    text: str
    font: str = REGULAR
    size: float = BODY_SIZE
    space_before: float = 0
    right: str = ""  # right-aligned on the same baseline
    bullet: bool = False
    fit: bool = False


@dataclass(frozen=True)
class Placed:
    page: int
    y: float
    x: float
    text: str
    font: str
    size: float
    align_right: bool = False


def sidebar_lines(truth: Truth) -> list[Line]:
    lines = [column_heading("Contact")] + [Line(part) for part in contact_parts(truth)]
    lines += [column_heading(truth.style.skills_heading)] + [Line(skill) for skill in truth.skills]
    lines.append(column_heading(truth.style.education_heading))
    for school in truth.schools:
        first, *rest = school_lines(school)
        lines += [Line(first, BOLD, space_before=4)] + [Line(text) for text in rest]
    return lines


def main_lines(truth: Truth) -> list[Line]:
    lines = [column_heading(truth.style.summary_heading), Line(truth.summary),
             column_heading(truth.style.experience_heading)]
    for job in truth.jobs:
        for number, (left, right) in enumerate(job_heading(job, truth)):
            first = number == 0
            lines.append(Line(left, BOLD if first else REGULAR, space_before=6 if first else 0, right=right,
                              fit=True))
        lines += [Line(bullet, bullet=True) for bullet in job.bullets]
    return lines


def column_heading(text: str) -> Line:
    return Line(text.upper(), BOLD, 11, space_before=12)


def render_two_column_pdf(truth: Truth) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.setTitle("Resume")
    top = PAGE_HEIGHT - MARGIN
    pdf.setFont(BOLD, 22)
    pdf.drawString(MARGIN, top - 22, display_name(truth))
    placed = (place_column(sidebar_lines(truth), MARGIN, SIDEBAR_WIDTH, top - 36)
              + place_column(main_lines(truth), MAIN_LEFT, MAIN_WIDTH, top - 36))
    for page in range(max(item.page for item in placed) + 1):
        draw_sidebar_background(pdf, top - 30 if page == 0 else top)
        on_page = [item for item in placed if item.page == page]
        for item in sorted(on_page, key=lambda item: (-item.y, item.x)):  # row by row, across columns
            draw(pdf, item)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def place_column(lines: list[Line], left: float, width: float, top: float) -> list[Placed]:
    """Where each piece of text goes: down the column, onto the next page when it is full."""
    placed: list[Placed] = []
    page, y = 0, top
    for line in lines:
        size = fitted_size(line, width) if line.fit else line.size
        indent = BULLET_INDENT if line.bullet else 0
        texts = [line.text] if line.fit else simpleSplit(line.text, line.font, size, width - indent)
        for number, text in enumerate(texts):
            y -= size * 1.3 + (line.space_before if number == 0 else 0)
            if y < MARGIN:
                page, y = page + 1, PAGE_HEIGHT - MARGIN - size * 1.3
            if line.bullet and number == 0:
                placed.append(Placed(page, y, left + 2, "•", line.font, size))
            placed.append(Placed(page, y, left + indent, text, line.font, size))
        if line.right:
            placed.append(Placed(page, y, left + width, line.right, REGULAR, size, align_right=True))
    return placed


def fitted_size(line: Line, width: float) -> float:
    """The line's size, shrunk (not below 7pt) until its text and right text fit on one line."""
    size = line.size
    while size > 7 and (stringWidth(line.text, line.font, size) + stringWidth(line.right, REGULAR, size)
                        + (12 if line.right else 0)) > width:
        size -= 0.25
    return size


def draw(pdf: canvas.Canvas, item: Placed) -> None:
    pdf.setFont(item.font, item.size)
    if item.align_right:
        pdf.drawRightString(item.x, item.y, item.text)
    else:
        pdf.drawString(item.x, item.y, item.text)


def draw_sidebar_background(pdf: canvas.Canvas, top: float) -> None:
    pdf.setFillColor(colors.HexColor("#EEF1F4"))
    pdf.rect(MARGIN - 8, MARGIN - 8, SIDEBAR_WIDTH + 12, top - MARGIN + 8, stroke=0, fill=1)
    pdf.setFillColor(colors.black)
