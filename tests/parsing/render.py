"""Every (layout, format) a truth can be rendered in."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from tests.parsing.generate import Truth
from tests.parsing.render_docx import render_one_column_docx, render_table_docx, render_two_column_docx
from tests.parsing.render_pdf import render_one_column_pdf, render_table_pdf, render_two_column_pdf

LAYOUTS = ("one_column", "two_column", "table")
FORMATS = ("pdf", "docx")

RENDERERS: dict[tuple[str, str], Callable[[Truth], bytes]] = {
    ("one_column", "pdf"): render_one_column_pdf,
    ("two_column", "pdf"): render_two_column_pdf,
    ("table", "pdf"): render_table_pdf,
    ("one_column", "docx"): render_one_column_docx,
    ("two_column", "docx"): render_two_column_docx,
    ("table", "docx"): render_table_docx,
}


@cache  # the accuracy and generator tests render the same files
def render(truth: Truth, layout: str, fmt: str) -> bytes:
    return RENDERERS[layout, fmt](truth)
