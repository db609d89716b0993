"""Upload abuse on candidate profile files (and note files): zip bombs and encrypted zips
renamed .docx, wrong magic bytes, empty files, and file names made of path characters. Refused
uploads leave nothing in UPLOAD_DIR; accepted ones live under random names inside it only."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_field_error
from tests.api.notes_helpers import (
    EMPTY_FILE,
    HOSTILE_NAMES,
    MP4_BYTES,
    NOTE_FILE_REFUSAL,
    PROFILES_URL,
    RANDOM_NAME,
    RESUME_REFUSAL,
    all_files,
    assert_safe_display_name,
    client_for,
    create_note_url,
    docx_bytes,
    encrypted_docx,
    encrypted_zip,
    escaped_files,
    file_part,
    make_org,
    make_profile,
    note_count,
    pdf_bytes,
    profile_count,
    profile_url,
    raw_multipart,
    served_bytes,
    stored_profile,
    zip_bomb_docx,
)
from tests.helpers import make_user, stored_files
from webapp.models import User


@dataclass
class Scene:
    app: Flask
    candidate: User
    client: FlaskClient


@pytest.fixture
def scene(app: Flask) -> Scene:
    candidate = make_user("cand@example.com", first_name="Jane", last_name="Doe")
    return Scene(app, candidate, client_for(app, candidate))


@pytest.fixture
def forbid_unpacking(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Call it (once the test's archives are built) to fail loudly if anything then reads a
    member out of a zip archive."""

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("an uploaded archive was unpacked")

    def arm() -> None:
        for name in ("open", "read", "extract", "extractall", "testzip"):
            monkeypatch.setattr(zipfile.ZipFile, name, refuse)
        monkeypatch.setattr(zipfile.ZipExtFile, "read", refuse)

    return arm


def post_resume(client: FlaskClient, data: bytes, filename: str = "cv.docx"):  # noqa: ANN201
    return client.post(PROFILES_URL, data={"resume_file": file_part(data, filename)},
                       content_type="multipart/form-data")


def assert_resume_refused(scene: Scene, response, message: str = RESUME_REFUSAL) -> None:  # noqa: ANN001
    error = assert_field_error(response, "resume_file")
    assert error["errors"]["resume_file"] == [message]
    assert profile_count() == 0
    assert stored_files(scene.app) == []


# --- zip bombs and encrypted zips -----------------------------------------------------------

def test_zip_bomb_renamed_docx_is_400_without_unpacking(scene: Scene, forbid_unpacking) -> None:  # noqa: ANN001
    bomb = zip_bomb_docx()
    assert len(bomb) < 2 * 1024 * 1024  # a few hundred KB that claim 300 MB
    forbid_unpacking()

    response = post_resume(scene.client, bomb, "resume.docx")

    assert_resume_refused(scene, response)


def test_small_zip_bomb_under_the_size_limit_is_400(scene: Scene, forbid_unpacking) -> None:  # noqa: ANN001
    # 20 MB of zeros: below any unpacked-size cap, but no Word document compresses 1000:1.
    bomb = zip_bomb_docx(20)
    forbid_unpacking()

    response = post_resume(scene.client, bomb, "resume.docx")

    assert_resume_refused(scene, response)


def test_zip_bomb_cannot_replace_a_resume(scene: Scene, forbid_unpacking) -> None:  # noqa: ANN001
    created = post_resume(scene.client, pdf_bytes(), "cv.pdf")
    assert created.status_code == 201, created.json
    before = stored_files(scene.app)
    bomb = zip_bomb_docx()
    forbid_unpacking()

    response = scene.client.patch(profile_url(created.json["slug"]),
                                  data={"resume_file": file_part(bomb, "cv.docx")},
                                  content_type="multipart/form-data")

    assert_field_error(response, "resume_file")
    assert stored_files(scene.app) == before
    assert served_bytes(scene.client, created.json["resume_file"]) == pdf_bytes()


def test_zip_bomb_as_note_file_is_400(app: Flask, forbid_unpacking) -> None:  # noqa: ANN001
    recruiter = make_user("recruiter@example.com")
    make_org("Acme", recruiter)
    profile = make_profile(make_user("cand@example.com"))
    client = client_for(app, recruiter)
    bomb = zip_bomb_docx()
    forbid_unpacking()

    response = client.post(
        create_note_url(profile.slug),
        data={"note": "see attachment", "note_file": file_part(bomb, "notes.docx")},
        content_type="multipart/form-data")

    error = assert_field_error(response, "note_file")
    assert error["errors"]["note_file"] == [NOTE_FILE_REFUSAL]
    assert note_count() == 0
    assert stored_files(app) == []


def test_real_docx_is_still_accepted_without_unpacking(scene: Scene, forbid_unpacking) -> None:  # noqa: ANN001
    document = docx_bytes()
    forbid_unpacking()

    response = post_resume(scene.client, document, "cv.docx")

    assert response.status_code == 201, response.json


def test_encrypted_docx_is_400(scene: Scene) -> None:
    response = post_resume(scene.client, encrypted_docx(), "cv.docx")

    assert_resume_refused(scene, response)


def test_encrypted_plain_zip_is_400(scene: Scene) -> None:
    response = post_resume(scene.client, encrypted_zip({"cv.txt": b"Jane Doe"}), "cv.docx")

    assert_resume_refused(scene, response)


# --- magic bytes and empty files ------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"%PDX-1.4 almost a pdf" + bytes(100),
    b"\x00" * 1024,
    b"PK\x03\x04" + bytes(200),
    b"\xef\xbb\xbf<html>%PDF-1.4</html>",
    b"#!/bin/sh\nrm -rf /\n",
], ids=["near-pdf-magic", "zeros", "zip-magic-only", "html-with-pdf-inside", "shell-script"])
def test_wrong_magic_bytes_with_pdf_name_is_400(scene: Scene, data: bytes) -> None:
    assert_resume_refused(scene, post_resume(scene.client, data, "resume.pdf"))


@pytest.mark.parametrize("field", ["resume_file", "video_pitch"])
def test_empty_file_is_400(scene: Scene, field: str) -> None:
    response = scene.client.post(PROFILES_URL, data={field: file_part(b"", "x.pdf")},
                                 content_type="multipart/form-data")

    error = assert_field_error(response, field)
    assert error["errors"][field] == [EMPTY_FILE]
    assert profile_count() == 0
    assert stored_files(scene.app) == []


# --- file names that look like paths --------------------------------------------------------

def upload_with_raw_name(scene: Scene, field: str, data: bytes, filename: bytes):  # noqa: ANN201
    body, content_type = raw_multipart({"is_available": "true"}, {field: (data, filename)})
    return scene.client.post(PROFILES_URL, data=body, content_type=content_type)


@pytest.mark.parametrize("filename", list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_resume_name_is_never_used_as_a_path(scene: Scene, filename: bytes) -> None:
    upload_dir = Path(scene.app.config["UPLOAD_DIR"]).resolve()
    around = upload_dir.parent
    before = all_files(around)

    response = upload_with_raw_name(scene, "resume_file", pdf_bytes(), filename)

    assert response.status_code == 201, response.json
    new = all_files(around) - before
    assert len(new) == 1, new
    path = new.pop().resolve()
    assert path.parent == upload_dir / "candidate-resumes"
    assert RANDOM_NAME.match(path.name), path.name
    assert path.read_bytes() == pdf_bytes()
    assert escaped_files() == []
    row = stored_profile(response.json["slug"])
    assert row.resume_file == f"candidate-resumes/{path.name}"
    assert_safe_display_name(row.resume_filename)
    assert served_bytes(scene.client, response.json["resume_file"]) == pdf_bytes()
    if len(filename) > 4:
        assert filename.decode(errors="replace") not in response.get_data(as_text=True)


@pytest.mark.parametrize("filename", [HOSTILE_NAMES["dotdot-slash"], HOSTILE_NAMES["deep-dotdot"],
                                      HOSTILE_NAMES["dotdot-backslash"]],
                         ids=["dotdot-slash", "deep-dotdot", "dotdot-backslash"])
def test_video_name_is_never_used_as_a_path(scene: Scene, filename: bytes) -> None:
    upload_dir = Path(scene.app.config["UPLOAD_DIR"]).resolve()
    before = all_files(upload_dir.parent)

    response = upload_with_raw_name(scene, "video_pitch", MP4_BYTES, filename)

    assert response.status_code == 201, response.json
    new = all_files(upload_dir.parent) - before
    assert [p.resolve().parent for p in new] == [upload_dir / "candidate-video-pitches"]
    assert all(RANDOM_NAME.match(p.name) and p.suffix == ".mp4" for p in new)
    assert escaped_files() == []


def test_refused_upload_with_hostile_name_leaves_nothing_anywhere(scene: Scene) -> None:
    upload_dir = Path(scene.app.config["UPLOAD_DIR"]).resolve()
    before = all_files(upload_dir.parent)

    for filename in HOSTILE_NAMES.values():
        response = upload_with_raw_name(scene, "resume_file", b"not a resume", filename)
        assert_field_error(response, "resume_file")

    assert all_files(upload_dir.parent) == before
    assert stored_files(scene.app) == []
    assert escaped_files() == []
    assert profile_count() == 0
