"""The resume, video and note upload kinds: what each accepts (sniffed from the content), what it
refuses (with its own message), Word documents checked as real and not as zip bombs, and a
size cap per kind taken from the settings (413)."""

from __future__ import annotations

import io
import zipfile

import pytest
from flask import Flask
from PIL import Image
from werkzeug.datastructures import FileStorage

from tests.api.notes_helpers import (
    AVI_BYTES,
    BARE_OLE2,
    BROKEN_PDF,
    EMPTY_FILE,
    LEGACY_DOC,
    MB,
    MOV_BYTES,
    MP4_BYTES,
    NOTE_FILE_REFUSAL,
    RANDOM_NAME,
    RESUME_REFUSAL,
    TINY_PDF,
    VIDEO_REFUSAL,
    WEBM_BYTES,
    docx_bytes,
    encrypted_docx,
    padded,
    pdf_bytes,
    zip_bomb_docx,
    zip_bytes,
)
from tests.helpers import png_bytes
from webapp.errors import PayloadTooLarge, ValidationFailed
from webapp.uploads import DOCX, read_upload

PDF = "application/pdf"


def upload(data: bytes, filename: str = "file.bin", content_type: str = "application/octet-stream"
           ) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def refusal(data: bytes, kind: str, field: str = "upload") -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        read_upload(upload(data), kind, field)
    return caught.value


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), "green").save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def forbid_unpacking(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("an uploaded archive was unpacked")

    def arm() -> None:
        for name in ("open", "read", "extract", "extractall", "testzip"):
            monkeypatch.setattr(zipfile.ZipFile, name, refuse)
        monkeypatch.setattr(zipfile.ZipExtFile, "read", refuse)

    return arm


# --- resume ----------------------------------------------------------------------------------

LATE_WORD_PARTS = docx_bytes(extra_first=("docProps/app.xml", "docProps/core.xml",
                                          "docProps/custom.xml", "customXml/item1.xml"))


@pytest.mark.parametrize(("data", "extension", "content_type"), [
    (pdf_bytes(), "pdf", PDF),
    (TINY_PDF, "pdf", PDF),
    (pdf_bytes(encrypted=True), "pdf", PDF),
    (BROKEN_PDF, "pdf", PDF),
    (b"\xef\xbb\xbf" + TINY_PDF, "pdf", PDF),
    (docx_bytes(), "docx", DOCX),
    (LATE_WORD_PARTS, "docx", DOCX),
], ids=["pdf", "tiny-pdf", "encrypted-pdf", "corrupt-pdf", "pdf-with-bom", "docx",
        "docx-word-parts-late"])
def test_resume_accepts_pdf_and_docx(app: Flask, data: bytes, extension: str,  # noqa: ARG001
                                     content_type: str) -> None:
    result = read_upload(upload(data, "Jane's CV.bin"), "resume", "resume_file")

    assert (result.data, result.extension, result.content_type) == (data, extension, content_type)
    assert result.random_name().endswith(f".{extension}")


@pytest.mark.parametrize("data", [
    LEGACY_DOC,
    BARE_OLE2,
    png_bytes(),
    MP4_BYTES,
    b"Jane Doe, Python developer\n" * 10,
    b"{\\rtf1\\ansi Jane Doe}",
    zip_bytes({"cv.txt": "Jane Doe"}),
    zip_bytes({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<s/>"}),
    zip_bytes({"word/document.xml": "<w:document/>"}),
    zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}),
    zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}),
    docx_bytes()[:200],
], ids=["legacy-doc", "bare-ole2", "png", "mp4", "text", "rtf", "plain-zip", "no-document-xml",
        "no-content-types", "xlsx", "pptx", "truncated-docx"])
def test_resume_refuses_everything_else(app: Flask, data: bytes) -> None:  # noqa: ARG001
    error = refusal(data, "resume", "resume_file")

    assert error.status == 400
    assert error.errors == {"resume_file": [RESUME_REFUSAL]}


def test_resume_refuses_an_encrypted_docx(app: Flask) -> None:  # noqa: ARG001
    assert refusal(encrypted_docx(), "resume").errors == {"upload": [RESUME_REFUSAL]}


@pytest.mark.parametrize("unpacked_mb", [300, 20], ids=["300MB", "20MB"])
def test_resume_refuses_a_zip_bomb_without_unpacking_it(app: Flask, forbid_unpacking,  # noqa: ANN001, ARG001
                                                        unpacked_mb: int) -> None:
    bomb = zip_bomb_docx(unpacked_mb)
    forbid_unpacking()

    assert refusal(bomb, "resume").errors == {"upload": [RESUME_REFUSAL]}


def test_docx_is_checked_without_unpacking(app: Flask, forbid_unpacking) -> None:  # noqa: ANN001, ARG001
    document = docx_bytes()
    forbid_unpacking()

    assert read_upload(upload(document), "resume", "resume_file").extension == "docx"


def test_resume_refuses_an_empty_file(app: Flask) -> None:  # noqa: ARG001
    assert refusal(b"", "resume", "resume_file").errors == {"resume_file": [EMPTY_FILE]}


def test_resume_cap_is_413(make_app) -> None:  # noqa: ANN001
    with make_app(RESUME_MAX_MB=1).app_context():
        with pytest.raises(PayloadTooLarge) as caught:
            read_upload(upload(padded(pdf_bytes(), MB + 1)), "resume", "resume_file")
        assert read_upload(upload(padded(pdf_bytes(), MB)), "resume", "resume_file").extension == "pdf"

    assert caught.value.status == 413
    assert "resume_file" in caught.value.detail and "1 MB" in caught.value.detail


def test_resume_cap_defaults_to_10_mb(app: Flask) -> None:
    assert app.config["RESUME_MAX_MB"] == 10
    with pytest.raises(PayloadTooLarge):
        read_upload(upload(padded(TINY_PDF, 10 * MB + 1)), "resume", "resume_file")


# --- video -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "extension", "content_type"), [
    (MP4_BYTES, "mp4", "video/mp4"),
    (WEBM_BYTES, "webm", "video/webm"),
    (MOV_BYTES, "mov", "video/quicktime"),
], ids=["mp4", "webm", "quicktime"])
def test_video_accepts_mp4_webm_and_quicktime(app: Flask, data: bytes, extension: str,  # noqa: ARG001
                                              content_type: str) -> None:
    result = read_upload(upload(data, "pitch.exe", "application/x-msdownload"), "video", "video_pitch")

    assert (result.data, result.extension, result.content_type) == (data, extension, content_type)


@pytest.mark.parametrize("data", [
    AVI_BYTES, pdf_bytes(), png_bytes(), docx_bytes(), b"not a video" * 20,
    b"\x1a\x45\xdf\xa3\x93\x42\x82\x88matroska" + bytes(32),
    b"\x00\x00\x00\x18ftyp3gp5\x00\x00\x00\x003gp5isom"[:16],
], ids=["avi", "pdf", "png", "docx", "text", "matroska", "truncated-ftyp"])
def test_video_refuses_everything_else(app: Flask, data: bytes) -> None:  # noqa: ARG001
    error = refusal(data, "video", "video_pitch")

    assert error.errors == {"video_pitch": [VIDEO_REFUSAL]}


def test_video_refuses_an_empty_file(app: Flask) -> None:  # noqa: ARG001
    assert refusal(b"", "video", "video_pitch").errors == {"video_pitch": [EMPTY_FILE]}


def test_video_cap_is_413_and_follows_the_setting(make_app) -> None:  # noqa: ANN001
    data = padded(MP4_BYTES, 2 * MB + 1)
    with make_app(VIDEO_MAX_MB=2).app_context():
        with pytest.raises(PayloadTooLarge) as caught:
            read_upload(upload(data), "video", "video_pitch")
        assert read_upload(upload(data[:2 * MB]), "video", "video_pitch").extension == "mp4"
    with make_app(VIDEO_MAX_MB=3).app_context():
        assert read_upload(upload(data), "video", "video_pitch").extension == "mp4"

    assert "video_pitch" in caught.value.detail and "2 MB" in caught.value.detail


def test_video_cap_defaults_to_100_mb(app: Flask) -> None:
    assert app.config["VIDEO_MAX_MB"] == 100


# --- note ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "extension"), [
    (pdf_bytes(), "pdf"), (BROKEN_PDF, "pdf"), (docx_bytes(), "docx"), (png_bytes(), "png"),
    (image("JPEG"), "jpg"), (image("GIF"), "gif"), (image("WEBP"), "webp"),
], ids=["pdf", "corrupt-pdf", "docx", "png", "jpeg", "gif", "webp"])
def test_note_accepts_pdf_docx_and_images(app: Flask, data: bytes, extension: str) -> None:  # noqa: ARG001
    assert read_upload(upload(data), "note", "note_file").extension == extension


@pytest.mark.parametrize("data", [
    LEGACY_DOC, MP4_BYTES, b"plain text" * 20, png_bytes()[:60],
    b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    zip_bytes({"notes.txt": "x"}), encrypted_docx(),
], ids=["legacy-doc", "mp4", "text", "truncated-png", "png-magic-html", "svg", "plain-zip",
        "encrypted-docx"])
def test_note_refuses_everything_else(app: Flask, data: bytes) -> None:  # noqa: ARG001
    assert refusal(data, "note", "note_file").errors == {"note_file": [NOTE_FILE_REFUSAL]}


def test_note_refuses_a_zip_bomb_without_unpacking_it(app: Flask, forbid_unpacking) -> None:  # noqa: ANN001, ARG001
    bomb = zip_bomb_docx()
    forbid_unpacking()

    assert refusal(bomb, "note", "note_file").errors == {"note_file": [NOTE_FILE_REFUSAL]}


def test_note_cap_is_413_and_defaults_to_10_mb(make_app, app: Flask) -> None:  # noqa: ANN001
    assert app.config["NOTE_FILE_MAX_MB"] == 10
    with make_app(NOTE_FILE_MAX_MB=1).app_context():
        with pytest.raises(PayloadTooLarge) as caught:
            read_upload(upload(padded(pdf_bytes(), MB + 1)), "note", "note_file")
        assert read_upload(upload(padded(pdf_bytes(), MB)), "note", "note_file").extension == "pdf"

    assert "note_file" in caught.value.detail


# --- names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("filename", [
    "../../etc/passwd.pdf", "/etc/cron.d/evil.pdf", "..\\..\\windows\\win.ini.pdf",
    "a/b/c.pdf", "ctl\x01\x1b[31m.pdf", "..", "A" * 1000 + ".pdf"])
def test_uploaders_name_is_kept_only_as_a_safe_display_name(app: Flask, filename: str) -> None:  # noqa: ARG001
    result = read_upload(upload(pdf_bytes(), filename), "resume", "resume_file")

    assert "/" not in result.filename and "\\" not in result.filename
    assert not result.filename.startswith(".")
    assert all(ch.isprintable() for ch in result.filename)
    assert len(result.filename) <= 255
    stored_name = result.random_name()
    assert RANDOM_NAME.match(stored_name) and stored_name.endswith(".pdf")
    stem = result.filename.rsplit(".", 1)[0]
    assert len(stem) < 4 or stem not in stored_name
