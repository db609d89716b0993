"""Text extraction: columns read one after the other, Word tables and page headers read, and a
readable ExtractionError for scans, encrypted, corrupt and empty files."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from docx import Document
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.parsing.generate import Truth, generate_truths
from tests.parsing.render_docx import render_table_docx, render_two_column_docx
from tests.parsing.render_pdf import Line, main_lines, render_two_column_pdf, sidebar_lines
from tests.parsing.wording import display_name

SCAN_MESSAGE = "This PDF has no text (it may be a scan); upload a text PDF or a DOCX"
MARKER_LENGTH = 24  # fits on the first rendered line of any wrapped line


# Imported when called, so that this module collects before webapp.ai.extract exists.
def extract(data: bytes, extension: str) -> str:
    from webapp.ai.extract import extract_text

    return extract_text(data, extension)


def extraction_error() -> type[Exception]:
    from webapp.ai.extract import ExtractionError

    return ExtractionError


def squeeze(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---- reading order ----

def markers(lines: list[Line], page_texts: list[str]) -> list[str]:
    """The start of each line that occurs nowhere else on the page, so it can be found unambiguously."""
    found = []
    for line in lines:
        marker = squeeze(line.text)[:MARKER_LENGTH]
        if sum(squeeze(text).count(marker) for text in page_texts) == 1:
            found.append(marker)
    return found


def positions(markers: list[str], text: str) -> dict[str, int]:
    at = {marker: text.find(marker) for marker in markers}
    missing = [marker for marker, position in at.items() if position < 0]
    assert not missing, f"lines missing from the extracted text: {missing}\n--- extracted ---\n{text}"
    return at


@pytest.mark.parametrize("index", range(6), ids=lambda index: f"resume-{index}")
def test_two_column_pdf_keeps_each_column_together(index: int) -> None:
    truth = generate_truths()[index]
    sidebar, main = sidebar_lines(truth), main_lines(truth)
    page_texts = [line.text for line in sidebar + main] + [display_name(truth)]
    text = squeeze(extract(render_two_column_pdf(truth), "pdf"))

    sidebar_at = positions(markers(sidebar, page_texts), text)
    main_at = positions(markers(main, page_texts), text)
    assert len(sidebar_at) >= 5 and len(main_at) >= 5, "too few distinctive lines to check the order"

    first_main, last_main = min(main_at.values()), max(main_at.values())
    inside = [marker for marker, at in sidebar_at.items() if first_main < at < last_main]
    assert not inside, (f"sidebar lines inside the main column's text: {inside[:5]}\n"
                        f"--- extracted ---\n{text}")


# ---- Word documents ----

def test_docx_text_includes_the_page_header() -> None:
    truth = generate_truths()[0]
    text = squeeze(extract(render_table_docx(truth), "docx"))  # its contact line is in the header
    for expected in (truth.email, truth.phone, truth.location):
        assert squeeze(expected) in text


@pytest.mark.parametrize("render", [render_table_docx, render_two_column_docx])
def test_docx_text_includes_table_cells(render: Callable[[Truth], bytes]) -> None:
    truth = generate_truths()[1]
    text = squeeze(extract(render(truth), "docx"))
    jobs = [piece for job in truth.jobs for piece in (job.title, job.company, *job.bullets)]
    expected = [truth.summary, *truth.skills, *jobs]
    missing = [item for item in expected if squeeze(item) not in text]
    assert not missing, f"missing from the extracted text: {missing}\n--- extracted ---\n{text}"


# ---- files without usable text ----

def image_only_pdf() -> bytes:
    """A 'scanned' page: text drawn into a picture, no text in the PDF."""
    image = Image.new("RGB", (900, 300), "white")
    ImageDraw.Draw(image).text((20, 20), "Jane Doe\njane@example.com\nRegistered Nurse", fill="black")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.drawImage(ImageReader(image), 72, 450, width=450, height=150)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, encrypt="secret")  # needs this password to open
    pdf.drawString(72, 700, "Jane Doe, Registered Nurse, jane@example.com")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def empty_docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def assert_readable(message: str) -> None:
    assert message.strip(), "the error has no message"
    assert "Traceback" not in message


def test_pdf_without_text_is_refused_as_a_scan() -> None:
    with pytest.raises(extraction_error()) as error:
        extract(image_only_pdf(), "pdf")
    assert str(error.value) == SCAN_MESSAGE


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(extraction_error()) as error:
        extract(encrypted_pdf(), "pdf")
    assert_readable(str(error.value))


@pytest.mark.parametrize(("data", "extension"), [
    pytest.param(b"%PDF-1.4\n" + bytes(range(256)) * 8, "pdf", id="pdf-garbage-after-header"),
    pytest.param(b"this is not a PDF at all", "pdf", id="pdf-plain-text"),
    pytest.param(b"PK\x03\x04" + bytes(range(256)) * 8, "docx", id="docx-broken-zip"),
    pytest.param(b"this is not a Word document", "docx", id="docx-plain-text"),
])
def test_corrupt_file_is_refused(data: bytes, extension: str) -> None:
    with pytest.raises(extraction_error()) as error:
        extract(data, extension)
    assert_readable(str(error.value))


def test_empty_docx_is_refused() -> None:
    with pytest.raises(extraction_error()) as error:
        extract(empty_docx(), "docx")
    assert_readable(str(error.value))


# --- hostile files: bounded work and a clean error ------------------------------------------

def text_pdf(pagesize: tuple[float, float], text: str = "Jane Doe Python developer") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize)
    for row in range(40):
        pdf.drawString(40, pagesize[1] - 40 - 14 * row, f"{text} {row}")
        pdf.drawString(pagesize[0] / 2, pagesize[1] - 40 - 14 * row, f"right side {row}")
    pdf.save()
    return buffer.getvalue()


def test_a_page_claiming_an_enormous_size_is_read_without_enormous_work() -> None:
    text = extract(text_pdf((14_000_000.0, 800.0)), "pdf")
    assert "Jane Doe Python developer 0" in text and "right side 39" in text


def test_a_page_the_document_lists_but_does_not_hold_is_skipped() -> None:
    data = text_pdf(letter).replace(b"/Count 1", b"/Count 3")
    assert "Jane Doe Python developer 0" in extract(data, "pdf")


def test_a_docx_pointing_at_a_missing_part_is_refused_cleanly() -> None:
    document = Document()
    document.add_paragraph("Jane Doe")
    buffer = io.BytesIO()
    document.save(buffer)
    broken = rewrite_docx(buffer.getvalue(), "word/document.xml",
                          lambda xml: xml.replace(b"<w:body>", b'<w:body><w:sectPr><w:headerReference '
                                                  b'w:type="default" r:id="rIdMissing"/></w:sectPr>', 1))
    with pytest.raises(extraction_error()) as refused:
        extract(broken, "docx")
    assert str(refused.value) and "Traceback" not in str(refused.value)


def rewrite_docx(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for item in source.infolist():
            content = source.read(item)
            archive.writestr(item, change(content) if item.filename == part else content)
    return target.getvalue()
