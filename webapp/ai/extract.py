"""Plain text from a resume file, in reading order.

PDFs are read with PDFium (through pypdfium2) from the position of every character, which
is several times faster than pypdf and lets us rebuild words, lines and columns ourselves:
a two-column resume reads as the left column, then the right. pypdf remains the fallback
for documents PDFium cannot open. DOCX files are read with python-docx, tables and page
headers included.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from webapp.errors import ServiceError

log = logging.getLogger(__name__)

MAX_PAGES = 12
MAX_CHARS = 60_000
GUTTER_CELLS = 300
MAX_SEGMENTS = 3000  # more pieces of text than a resume page has: read it in one column
SPACE = 0.06  # a gap this share of the line height wider than between letters
NO_TEXT = "This PDF has no text (it may be a scan); upload a text PDF or a DOCX"
ENCRYPTED = "This PDF is password-protected; remove the password and upload it again."
UNREADABLE = "This file could not be read; it may be damaged. Upload a PDF or a DOCX."
EMPTY_DOCX = "This document has no text; upload a resume with text in it."


class ExtractionError(ServiceError):
    """A resume whose text cannot be read; the message tells the candidate what to do."""

    retryable = False  # the same file fails the same way every time


CUT_PAGES = "Only the first {read} of {pages} pages were read; move what matters most to them."
CUT_CHARS = "The resume is longer than {limit:,} characters; only the beginning was read."


def extract_text(data: bytes, extension: str, notices: list[str] | None = None) -> str:
    """The text of a PDF or DOCX resume. A resume cut at the page or length limit adds a
    notice to `notices`, for the parse to pass on to the candidate."""
    found: list[str] = []
    text = _extract_pdf(data, found) if extension == "pdf" else _extract_docx(data)
    text = _tidy(text)
    if len(text) > MAX_CHARS:
        found.append(CUT_CHARS.format(limit=MAX_CHARS))
    if notices is not None:
        notices += found
    return text[:MAX_CHARS]


def _tidy(text: str) -> str:
    # NFKC turns ligatures ("ﬁ") into letters; PDFium marks a word hyphenated across
    # lines with U+FFFE.
    text = unicodedata.normalize("NFKC", text.replace("\x00", "")).replace("\ufffe\n", "")
    # A tab separates text set apart on one line (table cells, a date pushed to the right).
    lines = ("\t".join(" ".join(cell.split()) for cell in line.split("\t") if cell.strip())
             for line in text.replace("\ufffe", "").splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- PDF ----------------------------------------------------------------------------------

@dataclass
class _Segment:
    """Characters on one line of one column, left to right."""

    x0: float
    x1: float
    bottom: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _extract_pdf(data: bytes, notices: list[str]) -> str:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractionError(ENCRYPTED) from error
        return _extract_pdf_with_pypdf(data, notices)
    try:
        if len(document) > MAX_PAGES:
            notices.append(CUT_PAGES.format(read=MAX_PAGES, pages=len(document)))
        pages = []
        for index in range(min(len(document), MAX_PAGES)):
            try:
                page = document[index]
            except pdfium.PdfiumError:  # a page the document lists but does not hold
                continue
            pages.append(_page_text(page.get_textpage(), page.get_width()))
    finally:
        document.close()
    text = "\n\n".join(pages)
    if not text.strip():
        raise ExtractionError(NO_TEXT)
    return text


def _extract_pdf_with_pypdf(data: bytes, notices: list[str]) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError(ENCRYPTED)
        if len(reader.pages) > MAX_PAGES:
            notices.append(CUT_PAGES.format(read=MAX_PAGES, pages=len(reader.pages)))
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PAGES])
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001  (pypdf raises many kinds on damaged files)
        log.info("unreadable PDF: %s", error)
        raise ExtractionError(UNREADABLE) from error
    if not text.strip():
        raise ExtractionError(NO_TEXT)
    return text


def _page_text(textpage: pdfium.PdfTextPage, width: float) -> str:
    segments = _segments(textpage)
    if not segments:
        return ""
    lines = []
    for band in _reading_order(segments, width):
        lines += _lines(band)
    return "\n".join(lines)


def _segments(textpage: pdfium.PdfTextPage) -> list[_Segment]:
    """Runs of characters in content order, broken where the text jumps to a new line or
    across a wide gap (another column or a far-right date)."""
    glyphs = _glyphs(textpage)
    space_width = _space_width(glyphs)
    segments: list[_Segment] = []
    current: _Segment | None = None
    chars: list[str] = []
    for char, x0, x1, y0, y1, spaced in glyphs:
        height = y1 - y0
        if current is not None:
            gap = x0 - current.x1
            if (abs((y0 + y1) / 2 - current.middle) < max(current.height, height) * 0.6
                    and -height < gap < 1.2 * height):
                if spaced or gap > space_width(height):
                    chars.append(" ")
                chars.append(char)
                current.x1 = max(current.x1, x1)
                current.bottom, current.top = min(current.bottom, y0), max(current.top, y1)
                continue
            current.text = "".join(chars)
            segments.append(current)
        current, chars = _Segment(x0, x1, y0, y1, ""), [char]
    if current is not None:
        current.text = "".join(chars)
        segments.append(current)
    return segments


def _space_width(glyphs: list[tuple]) -> Callable[[float], float]:
    """How wide a gap between two characters must be to count as a space, by line height.
    Letter spacing differs from one PDF producer to the next, so it is measured against
    the page's usual gap between letters."""
    gaps = [b[1] - a[2] for a, b in zip(glyphs, glyphs[1:], strict=False)
            if not b[5] and _same_line(a, b)]
    letter_gap = statistics.median(gaps) if len(gaps) >= 20 else 0.0
    return lambda height: letter_gap + SPACE * height


def _glyphs(textpage: pdfium.PdfTextPage) -> list[tuple[str, float, float, float, float, bool]]:
    """(char, left, right, bottom, top, preceded by a space) for each visible character.
    Loose boxes span each glyph's advance and the line height, so letters touch."""
    handle = textpage.raw
    count = pdfium_raw.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: fall back to one call per char
        text = "".join(chr(pdfium_raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
    rect = pdfium_raw.FS_RECTF()
    box = ctypes.byref(rect)
    glyphs = []
    spaced = False
    for index, char in enumerate(text):
        if char.isspace():  # spaces, including those PDFium infers, mark a word gap
            spaced = True
            continue
        pdfium_raw.FPDFText_GetLooseCharBox(handle, index, box)
        glyphs.append((char, rect.left, rect.right, rect.bottom, max(rect.top, rect.bottom + 1),
                       spaced))
        spaced = False
    return glyphs


def _same_line(a: tuple, b: tuple) -> bool:
    return abs((a[3] + a[4]) / 2 - (b[3] + b[4]) / 2) < (a[4] - a[3]) * 0.6


def _reading_order(segments: list[_Segment], width: float) -> list[list[_Segment]]:
    """Bands of segments to read one after another. On a page with two columns, each band
    holds the left column's segments, then the right one's; text running across the
    gutter (a header, a full-width heading) separates bands."""
    gutter = _gutter(segments, width)
    by_position = sorted(segments, key=lambda s: (-s.top, s.x0))
    if gutter is None:
        return [by_position]
    bands: list[list[_Segment]] = []
    left: list[_Segment] = []
    right: list[_Segment] = []
    reach = 0.1 * width  # a line overrunning the gutter a little still belongs to its column
    for segment in by_position:
        if segment.x0 < gutter - reach and segment.x1 > gutter + reach:
            bands += [*_columns(left, right), [segment]]
            left, right = [], []
        elif gutter - segment.x0 >= segment.x1 - gutter:
            left.append(segment)
        else:
            right.append(segment)
    bands += _columns(left, right)
    return [band for band in bands if band]


def _columns(left: list[_Segment], right: list[_Segment]) -> list[list[_Segment]]:
    """The left column, then the right; but a left column of a few short labels (a
    table-like resume: "EXPERIENCE" beside the jobs) is read as headings of the rows."""
    if not left or any(len(s.text.split()) > 4 for s in left):
        return [left, right]
    labels: list[_Segment] = []
    for segment in left:  # a label wrapped over two lines is one label
        if labels and labels[-1].bottom - segment.top < 0.5 * segment.height:
            labels[-1].text += " " + segment.text
            labels[-1].bottom = segment.bottom
        else:
            labels.append(_Segment(segment.x0, segment.x1, segment.bottom, segment.top, segment.text))
    if len(labels) > 0.35 * len(right):
        return [left, right]
    bands: list[list[_Segment]] = []
    for label in labels:
        bands += [[s for s in right if s.middle > label.top], [label]]
        right = [s for s in right if s.middle <= label.top]
    return [*bands, right]


def _gutter(segments: list[_Segment], width: float) -> float | None:
    """The x of an empty vertical strip with plenty of text side by side on both sides of
    it, or None for a single-column page."""
    if not 8 <= len(segments) <= MAX_SEGMENTS:
        return None
    # A fixed number of cells across the text, whatever size the page claims to be.
    low, high = min(s.x0 for s in segments), max(s.x1 for s in segments)
    resolution = (high - low) / GUTTER_CELLS
    if resolution <= 0:
        return None
    covered = [0] * (GUTTER_CELLS + 1)
    for segment in segments:
        for cell in range(int((segment.x0 - low) / resolution), int((segment.x1 - low) / resolution) + 1):
            covered[cell] += 1
    allowed = max(2, len(segments) // 25)  # headers and full-width headings may cross it
    best: tuple[int, int] | None = None
    start = None
    for cell in range(int(GUTTER_CELLS * 0.1), int(GUTTER_CELLS * 0.9) + 1):
        if covered[cell] <= allowed:
            start = cell if start is None else start
            continue
        if start is not None and (best is None or cell - start > best[1] - best[0]):
            best = (start, cell)
        start = None
    if best is None or (best[1] - best[0]) * resolution < 6:
        return None
    gutter = low + (best[0] + best[1]) / 2 * resolution
    left = [s for s in segments if s.x1 <= gutter]
    right = [s for s in segments if s.x0 >= gutter]
    side_by_side = sum(1 for r in right if any(_overlap(r, seg) for seg in left))
    # A real second column holds many lines of its own, not just dates pushed to the right.
    if len(right) < max(5, len(segments) * 0.2) or len(left) < 5 or side_by_side < 3:
        return None
    right_starts = {round(s.x0) for s in right}
    if len(right_starts) > len(right) * 0.6:  # ragged starts: right-aligned bits, not a column
        return None
    return gutter


def _overlap(a: _Segment, b: _Segment) -> bool:
    return a.bottom < b.top and b.bottom < a.top


def _lines(segments: list[_Segment]) -> list[str]:
    """Join segments that sit on the same line (top to bottom, left to right)."""
    lines: list[list[_Segment]] = []
    for segment in segments:  # already ordered top to bottom
        if lines and abs(lines[-1][0].middle - segment.middle) < max(lines[-1][0].height, 1) * 0.5:
            lines[-1].append(segment)
        else:
            lines.append([segment])
    return ["\t".join(s.text for s in sorted(line, key=lambda s: s.x0)) for line in lines]


# --- DOCX ---------------------------------------------------------------------------------

def _extract_docx(data: bytes) -> str:
    try:
        document = Document(io.BytesIO(data))
        parts: list[str] = []
        for section in document.sections:
            parts += _block_text(section.header)
        parts += _block_text(document)
        for section in document.sections:
            parts += _block_text(section.footer)
    except Exception as error:  # noqa: BLE001  (zip, XML and relationship errors of damaged files)
        log.info("unreadable DOCX: %s", error)
        raise ExtractionError(UNREADABLE) from error
    text = "\n".join(_unique(parts))
    if not text.strip():
        raise ExtractionError(EMPTY_DOCX)
    return text


def _block_text(container) -> list[str]:  # noqa: ANN001  (a document, header, footer or cell)
    """Paragraphs and tables in document order; a table reads row by row, and a row whose
    cells hold whole columns of text (a two-column layout) reads cell by cell."""
    parts: list[str] = []
    if getattr(container, "is_linked_to_previous", False):
        return parts
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = _unique_cells(row.cells)
                texts = ["\n".join(_block_text(cell)) for cell in cells]
                if all("\n" not in t for t in texts):
                    parts.append("\t".join(t for t in texts if t.strip()))
                else:
                    parts += texts
    return parts


def _unique_cells(cells: list) -> list:
    seen, unique = set(), []
    for cell in cells:  # merged cells repeat
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


def _unique(parts: list[str]) -> list[str]:
    """Headers repeat on every section; keep one copy of consecutive duplicates."""
    out: list[str] = []
    for part in parts:
        if not out or part != out[-1] or not part.strip():
            out.append(part)
    return out
