"""Upload checks: a size cap per kind, the type sniffed from the content, images opened by
Pillow, Word documents checked as real (and not as zip bombs)."""

from __future__ import annotations

import io
import secrets
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from flask import current_app
from PIL import Image, UnidentifiedImageError
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from webapp.errors import PayloadTooLarge, ValidationFailed


@dataclass(frozen=True)
class Upload:
    data: bytes
    extension: str
    content_type: str
    filename: str = ""  # the uploader's name for it, made safe, for display only

    def random_name(self) -> str:
        return f"{secrets.token_urlsafe(18)}.{self.extension}"


@dataclass(frozen=True)
class Kind:
    max_bytes: Callable[[], int]
    types: dict[str, str]  # sniffed MIME type -> stored extension
    refusal: str
    check: Callable[[bytes, str], bool] | None = None


def _is_image(data: bytes) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()  # structure and checksums
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: catches truncated JPEG and GIF data
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False
    return True


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_MAX_UNPACKED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 200  # text compresses well, but not like a zip bomb


def _is_docx(data: bytes) -> bool:
    """A real Word document: a zip with the Word parts, not encrypted, and not a zip bomb
    (judged from the sizes the archive declares, without unpacking it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            encrypted = any(entry.flag_bits & 0x1 for entry in entries)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return ({"[Content_Types].xml", "word/document.xml"} <= names and not encrypted
            and unpacked <= DOCX_MAX_UNPACKED and unpacked / packed <= DOCX_MAX_RATIO)


def _mime(data: bytes) -> str | None:
    guessed = filetype.guess(data)
    mime = guessed.mime if guessed else None
    # filetype calls any zip holding "word/" a DOCX, and some DOCX files plain zips.
    if mime in {DOCX, "application/zip"}:
        return DOCX if _is_docx(data) else "application/zip"
    return mime


IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
DOCUMENT_TYPES = {"application/pdf": "pdf", DOCX: "docx"}


def _config_mb(name: str) -> Callable[[], int]:
    return lambda: current_app.config[name] * 1024 * 1024


KINDS: dict[str, Kind] = {
    "image": Kind(
        max_bytes=_config_mb("IMAGE_MAX_MB"),
        types=IMAGE_TYPES,
        refusal="Upload a PNG, JPEG, GIF or WebP image.",
        check=lambda data, mime: _is_image(data),
    ),
    "resume": Kind(
        max_bytes=_config_mb("RESUME_MAX_MB"),
        types=DOCUMENT_TYPES,
        refusal="Upload a PDF or DOCX file.",
    ),
    "video": Kind(
        max_bytes=_config_mb("VIDEO_MAX_MB"),
        types={"video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov"},
        refusal="Upload an MP4, WebM or QuickTime video.",
    ),
    "note": Kind(
        max_bytes=_config_mb("NOTE_FILE_MAX_MB"),
        types={**DOCUMENT_TYPES, **IMAGE_TYPES},
        refusal="Attach a PDF, DOCX or image file.",
        check=lambda data, mime: mime not in IMAGE_TYPES or _is_image(data),
    ),
}


def read_upload(file: FileStorage, kind: str, field: str) -> Upload:
    """Read and check an uploaded file; raise a 400 (wrong type) or 413 (too large) error."""
    spec = KINDS[kind]
    limit = spec.max_bytes()
    data = file.stream.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"{field}: the file is too large (at most {limit // (1024 * 1024)} MB).")
    if not data:
        raise ValidationFailed({field: ["The submitted file is empty."]})
    mime = _mime(data)
    if mime not in spec.types or (spec.check and not spec.check(data, mime)):
        raise ValidationFailed({field: [spec.refusal]})
    return Upload(data=data, extension=spec.types[mime], content_type=mime,
                  filename=secure_filename(file.filename or "")[:255])
