"""Helpers shared by the notes API tests (reference endpoints 38-42) and the upload tests of
candidate profile files: URLs, rows written directly, and sample files built in memory
(PDF, DOCX, legacy Word, zip bombs, encrypted zips, video headers)."""

from __future__ import annotations

import io
import itertools
import re
import secrets
import struct
import zipfile
import zlib
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfWriter
from sqlalchemy import func, select

from tests.api.jobs_helpers import client_for as client_for
from tests.api.jobs_helpers import make_org as make_org
from tests.api.profile_helpers import CONTENT_TYPES, RELS, document_xml, zip_entry
from tests.api.profile_helpers import PROFILES_URL as PROFILES_URL
from tests.api.profile_helpers import docx_bytes as docx_bytes
from tests.api.profile_helpers import make_profile as make_profile
from tests.api.profile_helpers import profile_count as profile_count
from tests.api.profile_helpers import profile_url as profile_url
from tests.api.profile_helpers import stored_profile as stored_profile
from webapp.extensions import db
from webapp.models import CandidateProfile, Note, User

NOTES_URL = "/api/candidates/notes/"
NOTE_KEYS = {"id", "identifier", "note", "section", "selected_text", "context", "note_file",
             "profile", "created_at", "updated_at"}
NOTE_LIMITS = {"identifier": 100, "note": 10000, "section": 100, "selected_text": 10000,
               "context": 10000}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
RANDOM_NAME = re.compile(r"^[A-Za-z0-9_-]{22,}\.(pdf|docx|png|jpg|gif|webp|mp4|webm|mov)$")

RESUME_REFUSAL = "Upload a PDF or DOCX file."
VIDEO_REFUSAL = "Upload an MP4, WebM or QuickTime video."
NOTE_FILE_REFUSAL = "Attach a PDF, DOCX or image file."
EMPTY_FILE = "The submitted file is empty."
MB = 1024 * 1024

_numbers = itertools.count(1)


# --- URLs ------------------------------------------------------------------------------------

def create_note_url(slug: str) -> str:
    return f"{PROFILES_URL}{slug}/create-notes/"


def note_url(note_id: int | str) -> str:
    return f"{NOTES_URL}{note_id}/"


def url_path(url: str) -> str:
    """The path (and query) of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- clients and rows ----------------------------------------------------------------------

def make_note(profile: CandidateProfile, author: User, note: str = "A note", *,
              created_at: datetime | None = None, **fields) -> Note:
    """A note written directly to the database."""
    row = Note(profile=profile, author_id=author.id, note=note, **fields)
    if created_at is not None:
        row.created_at = row.updated_at = created_at
    db.session.add(row)
    db.session.commit()
    return row


def put_file(app: Flask, bucket: str, data: bytes, extension: str = "pdf") -> str:
    """A file placed straight into the local storage; its storage key."""
    name = f"{secrets.token_urlsafe(18)}.{extension}"
    path = Path(app.config["UPLOAD_DIR"]) / bucket / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"{bucket}/{name}"


def key_path(app: Flask, key: str) -> Path:
    return Path(app.config["UPLOAD_DIR"]) / key


def stored_note(note_id: int) -> Note | None:
    """The note as the database has it now (nothing cached by the test's session)."""
    db.session.expire_all()
    return db.session.get(Note, note_id)


def note_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Note))


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def served_bytes(client: FlaskClient, url: str) -> bytes:
    """What a signed file link serves (it must serve it)."""
    response = client.get(url_path(url))
    assert response.status_code == 200, (url, response.status_code)
    return response.data


# --- sample files ----------------------------------------------------------------------------

def file_part(data: bytes, filename: str, content_type: str = "application/octet-stream") -> tuple:
    return (io.BytesIO(data), filename, content_type)


def raw_multipart(fields: dict[str, str], files: dict[str, tuple[bytes, bytes]]) -> tuple[bytes, str]:
    """A multipart body written byte by byte, so that file names reach the server exactly as
    given (the test client would drop backslashes). files: field -> (data, raw filename)."""
    boundary = b"----etb-notes-boundary-7d1c"
    parts = []
    for name, value in fields.items():
        parts.append(b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"" + name.encode()
                     + b"\"\r\n\r\n" + value.encode() + b"\r\n")
    for name, (data, filename) in files.items():
        parts.append(b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"" + name.encode()
                     + b"\"; filename=\"" + filename + b"\"\r\nContent-Type: application/pdf\r\n\r\n"
                     + data + b"\r\n")
    body = b"".join(parts) + b"--" + boundary + b"--\r\n"
    return body, f"multipart/form-data; boundary={boundary.decode()}"


ESCAPE_MARK = f"etb-escape-{secrets.token_hex(6)}"
# Uploaders' file names that would leave the upload folder if they were ever used as paths.
HOSTILE_NAMES = {
    "dotdot-slash": b"../../etc/passwd.pdf",
    "deep-dotdot": f"../../../../../../../../../../tmp/{ESCAPE_MARK}.pdf".encode(),
    "dotdot-backslash": b"..\\\\..\\\\..\\\\windows\\\\win.ini.pdf",
    "absolute": f"/tmp/{ESCAPE_MARK}-absolute.pdf".encode(),
    "nested": b"a/b/c/nested.pdf",
    "control-chars": b"ctl\x01\x1b[31m\x7f\x08.pdf",
    "dotdot-only": b"..",
    "very-long": b"A" * 1000 + b".pdf",
}


def escaped_files() -> list[Path]:
    """Files that a hostile name would have created outside the upload folder."""
    return sorted(Path("/tmp").glob(f"{ESCAPE_MARK}*"))


def assert_safe_display_name(name: str | None) -> None:
    """What is kept of the uploader's name (for display only) is no path."""
    assert name is not None
    assert "/" not in name and "\\" not in name and ".." not in name, name
    assert all(ch.isprintable() for ch in name), repr(name)
    assert len(name) <= 255


@cache
def pdf_bytes(*, encrypted: bool = False) -> bytes:
    """A real one-page PDF (blank: no text to parse), optionally encrypted with a password."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if encrypted:
        writer.encrypt(user_password="candidate-secret", owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BROKEN_PDF = b"%PDF-1.7\n" + b"\x00garbage that is not a PDF body \xff\xfe" * 40
TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
def zip_bytes(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(zip_entry(name), content)
    return buffer.getvalue()


@cache
def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """A zip with the Word parts whose document.xml unpacks to `unpacked_mb` MB of zeros: a
    few hundred KB packed, written through a stream so the zeros are never held in memory."""
    buffer = io.BytesIO()
    chunk = bytes(MB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zip_entry("[Content_Types].xml"), CONTENT_TYPES)
        archive.writestr(zip_entry("_rels/.rels"), RELS)
        with archive.open("word/document.xml", "w") as stream:
            for _ in range(unpacked_mb):
                stream.write(chunk)
    return buffer.getvalue()


def _crc_step(crc: int, byte: int) -> int:
    return zlib.crc32(bytes([byte]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


def _zipcrypto(plain: bytes, password: bytes, check_byte: int) -> bytes:
    """Traditional PKWARE encryption (what "zip -e" does), with its 12-byte header."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = _crc_step(keys[0], byte)
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = _crc_step(keys[2], keys[1] >> 24)

    for byte in password:
        update(byte)
    out = bytearray()
    for byte in secrets.token_bytes(11) + bytes([check_byte]) + plain:
        temp = (keys[2] | 2) & 0xFFFF
        out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
        update(byte)
    return bytes(out)


def encrypted_zip(entries: dict[str, bytes], password: bytes = b"hunter2") -> bytes:
    """A password-protected zip (stored entries, ZipCrypto), written header by header."""
    local, central = bytearray(), bytearray()
    for name, plain in entries.items():
        crc = zlib.crc32(plain)
        data = _zipcrypto(plain, password, crc >> 24)
        raw_name = name.encode()
        offset = len(local)
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x1, 0, 0, 0x21, crc, len(data),
                             len(plain), len(raw_name), 0) + raw_name + data
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x1, 0, 0, 0x21, crc,
                               len(data), len(plain), len(raw_name), 0, 0, 0, 0, 0,
                               offset) + raw_name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central),
                      len(local), 0)
    return bytes(local + central + end)


def encrypted_docx() -> bytes:
    return encrypted_zip({"[Content_Types].xml": CONTENT_TYPES.encode(),
                          "_rels/.rels": RELS.encode(),
                          "word/document.xml": document_xml("secret resume").encode()})


# An OLE2 compound file (Word 97-2003 .doc): the signature, and the Word marker at 512.
LEGACY_DOC = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504) + b"\xEC\xA5\xC1\x00"
              + b"\x00" * 1500)
BARE_OLE2 = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x3E\x00\x03\x00\xFE\xFF" + bytes(2000)

# Minimal headers that content sniffing recognises.
MP4_BYTES = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x10mdat" + bytes(8)
MOV_BYTES = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + b"\x00\x00\x00\x08wide" + bytes(16)
WEBM_BYTES = bytes.fromhex(  # EBML header, DocType "webm", then the start of a Segment
    "1A45DFA3" "9F" "4286810142F7810142F2810442F38108" "4282847765626D" "4287810442858102"
    "18538067" "01FFFFFFFFFFFFFF")
AVI_BYTES = b"RIFF\x24\x00\x00\x00AVI LIST" + bytes(64)


def padded(data: bytes, total: int) -> bytes:
    """The file followed by zeros up to `total` bytes."""
    assert len(data) <= total
    return data + bytes(total - len(data))
