"""Helpers shared by the candidate profile API tests (reference endpoints 30-34, 36, 37)."""

from __future__ import annotations

import io
import itertools
import time
import zipfile
from datetime import datetime

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import CandidateProfile, Organization, User
from webapp.services.profile_data import refresh_derived

PROFILES_URL = "/api/candidates/profiles/"

# A minimal but well-formed PDF: sniffed as application/pdf.
PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
# The start of an MP4 file (an ftyp box): sniffed as video/mp4.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64

PROFILE_KEYS = {
    "id", "slug", "user", "organization", "resume_file", "resume_data", "verified_data",
    "willing_to_relocate", "employment_type_preferences", "work_mode_preferences", "has_workvisa",
    "expected_salary_range", "video_pitch", "is_available", "disability_categories",
    "accommodation_needs", "workplace_accommodations", "get_all_notes", "created_at", "updated_at",
    "parsing_status", "share_accommodations",
}

_numbers = itertools.count(1)



def zip_entry(name: str) -> zipfile.ZipInfo:
    """A zip member with a fixed timestamp, so the same content always gives the same bytes."""
    entry = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.'
                 'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(text: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')



def docx_bytes(text: str = "Jane Doe, Python developer", *, extra_first: tuple[str, ...] = ()) -> bytes:
    """A real (minimal) Word document. extra_first: parts written before the Word parts, so
    that a signature sniffer looking at the first entries no longer sees "word/"."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zip_entry("[Content_Types].xml"), CONTENT_TYPES)
        for name in extra_first:
            archive.writestr(zip_entry(name), '<?xml version="1.0"?><Properties/>')
        archive.writestr(zip_entry("_rels/.rels"), RELS)
        archive.writestr(zip_entry("word/document.xml"), document_xml(text))
    return buffer.getvalue()


def profile_url(slug: str, action: str = "") -> str:
    """/api/candidates/profiles/<slug>/ or, with an action, .../<slug>/<action>/."""
    return f"{PROFILES_URL}{slug}/" + (f"{action}/" if action else "")


def make_profile(user: User | None = None, *, organization: Organization | None = None,
                 slug: str | None = None, created_at: datetime | None = None,
                 **fields) -> CandidateProfile:
    """A profile written directly to the database: a candidate's own (`user`) or sourced by
    `organization`. Skills and search text are derived from resume_data / verified_data as the
    parsing worker and the confirmation endpoint do."""
    number = next(_numbers)
    profile = CandidateProfile(user=user, organization=organization,
                               slug=slug or f"test-profile-{number}-x{number:05d}", **fields)
    if created_at is not None:
        profile.created_at = profile.updated_at = created_at
    if user is not None:
        user.is_candidate = True
    refresh_derived(profile)
    db.session.add(profile)
    db.session.commit()
    return profile


def stored_profile(slug: str) -> CandidateProfile | None:
    """The profile as the database has it now (nothing cached by the test's session)."""
    db.session.expire_all()
    return db.session.scalar(select(CandidateProfile).where(CandidateProfile.slug == slug))


def profile_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(CandidateProfile))


def settled_profile(slug: str, timeout: float = 15.0) -> CandidateProfile:
    """The profile once its resume parsing has ended (parsed or failed)."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.expire_all()
        profile = db.session.scalars(select(CandidateProfile).where(CandidateProfile.slug == slug)).one()
        if profile.parsing_status in ("parsed", "failed") or time.monotonic() > deadline:
            return profile
        time.sleep(0.05)
