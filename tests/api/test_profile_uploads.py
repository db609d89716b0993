"""Candidate profile files through the API (POST /api/candidates/profiles/ and PATCH
/api/candidates/profiles/{slug}/): resume_file (PDF or DOCX, checked by content, RESUME_MAX_MB)
and video_pitch (MP4, WebM or QuickTime, VIDEO_MAX_MB), stored privately under random names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.notes_helpers import (
    AVI_BYTES,
    BARE_OLE2,
    BROKEN_PDF,
    EMPTY_FILE,
    LEGACY_DOC,
    MB,
    MOV_BYTES,
    MP4_BYTES,
    PROFILES_URL,
    RANDOM_NAME,
    RESUME_REFUSAL,
    TINY_PDF,
    VIDEO_REFUSAL,
    WEBM_BYTES,
    client_for,
    docx_bytes,
    file_part,
    make_org,
    make_profile,
    padded,
    pdf_bytes,
    profile_count,
    profile_url,
    served_bytes,
    stored_profile,
    url_path,
    zip_bytes,
)
from tests.api.profile_helpers import settled_profile
from tests.helpers import make_user, png_bytes, stored_files
from webapp.ai import extract
from webapp.extensions import db
from webapp.models import User

RESUMES = "candidate-resumes"
VIDEOS = "candidate-video-pitches"
DOCX_LATE_WORD_PARTS = docx_bytes(extra_first=("docProps/app.xml", "docProps/core.xml",
                                               "docProps/custom.xml", "customXml/item1.xml"))


@dataclass
class Scene:
    app: Flask
    candidate: User
    client: FlaskClient  # the candidate's


@pytest.fixture
def scene(app: Flask) -> Scene:
    candidate = make_user("cand@example.com", first_name="Jane", last_name="Doe")
    return Scene(app, candidate, client_for(app, candidate))


def post_profile(client: FlaskClient, **files: tuple[bytes, str]):  # noqa: ANN201
    data: dict = {"is_available": "true"}
    data.update({field: file_part(content, name) for field, (content, name) in files.items()})
    return client.post(PROFILES_URL, data=data, content_type="multipart/form-data")


def patch_profile(client: FlaskClient, slug: str, **files: tuple[bytes, str]):  # noqa: ANN201
    data = {field: file_part(content, name) for field, (content, name) in files.items()}
    return client.patch(profile_url(slug), data=data, content_type="multipart/form-data")


def only_file(app: Flask, bucket: str) -> Path:
    files = stored_files(app)
    assert len(files) == 1, files
    assert files[0].parent == Path(app.config["UPLOAD_DIR"]) / bucket
    assert RANDOM_NAME.match(files[0].name), files[0].name
    return files[0]


def assert_nothing_created(scene: Scene) -> None:
    assert profile_count() == 0
    assert stored_files(scene.app) == []


# --- resume_file: accepted ------------------------------------------------------------------

# Each is stored; then parsing reads it or says plainly why it cannot.
ACCEPTED_RESUMES = {
    "pdf": (pdf_bytes(), "pdf", extract.NO_TEXT),
    "tiny-pdf": (TINY_PDF, "pdf", extract.UNREADABLE),
    "docx": (docx_bytes(), "docx", None),
    "docx-word-parts-late": (DOCX_LATE_WORD_PARTS, "docx", None),
    "encrypted-pdf": (pdf_bytes(encrypted=True), "pdf", extract.ENCRYPTED),
    "corrupt-pdf": (BROKEN_PDF, "pdf", extract.UNREADABLE),
}


@pytest.mark.parametrize(("data", "extension", "problem"), list(ACCEPTED_RESUMES.values()),
                         ids=list(ACCEPTED_RESUMES))
def test_resume_is_accepted_and_parsed(scene: Scene, data: bytes, extension: str,
                                       problem: str | None) -> None:
    response = post_profile(scene.client, resume_file=(data, f"My CV.{extension}"))

    assert response.status_code == 201, response.json
    body = response.json
    assert body["parsing_status"] != "pending"  # parsing started by itself
    assert "/files/private/" in body["resume_file"]
    path = only_file(scene.app, RESUMES)
    assert path.suffix == f".{extension}"
    assert path.read_bytes() == data
    assert served_bytes(scene.client, body["resume_file"]) == data
    row = settled_profile(body["slug"])
    assert row.resume_file == f"{RESUMES}/{path.name}"
    assert (row.parsing_status, row.parsing_error) == (("failed", problem) if problem else ("parsed", None))
    status = scene.client.get(profile_url(body["slug"]) + "parsing-status/").json
    assert status["resume_file_exists"] is True
    assert status["parsing_status"] == row.parsing_status
    if problem is None:
        assert row.resume_data["name"] == "Jane Doe"
        assert "Python" in row.resume_data["skills"]


def test_type_comes_from_content_not_name_or_declared_type(scene: Scene) -> None:
    response = scene.client.post(PROFILES_URL, data={
        "resume_file": file_part(pdf_bytes(), "cv.html", "text/html")},
        content_type="multipart/form-data")

    assert response.status_code == 201, response.json
    assert only_file(scene.app, RESUMES).suffix == ".pdf"
    served = scene.client.get(url_path(response.json["resume_file"]))
    assert served.status_code == 200
    assert served.mimetype == "application/pdf"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


# --- resume_file: refused -------------------------------------------------------------------

REFUSED_RESUMES = {
    "legacy-doc": (LEGACY_DOC, "cv.doc"),
    "legacy-doc-named-pdf": (LEGACY_DOC, "cv.pdf"),
    "bare-ole2": (BARE_OLE2, "cv.doc"),
    "text-named-pdf": (b"Jane Doe\nPython developer\n" * 20, "cv.pdf"),
    "html-named-pdf": (b"<!doctype html><html><script>alert(1)</script></html>", "cv.pdf"),
    "exe-named-pdf": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(600), "cv.pdf"),
    "png": (png_bytes(), "cv.png"),
    "png-named-pdf": (png_bytes(), "cv.pdf"),
    "mp4": (MP4_BYTES, "cv.pdf"),
    "plain-zip": (zip_bytes({"cv.txt": "Jane Doe"}), "cv.docx"),
    "zip-without-document": (zip_bytes({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<s/>"}),
                             "cv.docx"),
    "xlsx": (zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}), "cv.docx"),
    "truncated-docx": (docx_bytes()[: len(docx_bytes()) // 2], "cv.docx"),
    "pdf-magic-not-at-start": (b"junk" + pdf_bytes(), "cv.pdf"),
}


@pytest.mark.parametrize(("data", "filename"), list(REFUSED_RESUMES.values()), ids=list(REFUSED_RESUMES))
def test_resume_that_is_not_pdf_or_docx_is_400(scene: Scene, data: bytes, filename: str) -> None:
    response = post_profile(scene.client, resume_file=(data, filename))

    error = assert_field_error(response, "resume_file")
    assert error["errors"]["resume_file"] == [RESUME_REFUSAL]
    assert_nothing_created(scene)


def test_empty_resume_is_400(scene: Scene) -> None:
    response = post_profile(scene.client, resume_file=(b"", "cv.pdf"))

    error = assert_field_error(response, "resume_file")
    assert error["errors"]["resume_file"] == [EMPTY_FILE]
    assert_nothing_created(scene)


def test_refused_resume_does_not_make_the_user_a_candidate(scene: Scene) -> None:
    post_profile(scene.client, resume_file=(LEGACY_DOC, "cv.doc"))

    me = scene.client.get("/api/auth/users/me/")
    assert me.status_code == 200
    assert me.json["is_candidate"] is False
    assert scene.client.get(PROFILES_URL).json == []


# --- resume_file: size cap ------------------------------------------------------------------

def test_resume_over_resume_max_is_413(make_app, scene: Scene) -> None:  # noqa: ANN001
    client = client_for(make_app(RESUME_MAX_MB=1), scene.candidate)

    response = post_profile(client, resume_file=(padded(pdf_bytes(), MB + 1), "big.pdf"))

    body = assert_json_error(response, 413)
    assert "resume_file" in body["detail"]
    assert_nothing_created(scene)


def test_resume_of_exactly_resume_max_is_accepted(make_app, scene: Scene) -> None:  # noqa: ANN001
    client = client_for(make_app(RESUME_MAX_MB=1), scene.candidate)

    response = post_profile(client, resume_file=(padded(pdf_bytes(), MB), "big.pdf"))

    assert response.status_code == 201, response.json
    assert only_file(scene.app, RESUMES).stat().st_size == MB


def test_resume_size_cap_follows_the_setting(make_app, scene: Scene) -> None:  # noqa: ANN001
    data = padded(pdf_bytes(), MB + MB // 2)

    refused = post_profile(client_for(make_app(RESUME_MAX_MB=1), scene.candidate),
                           resume_file=(data, "cv.pdf"))
    accepted = post_profile(client_for(make_app(RESUME_MAX_MB=2), scene.candidate),
                            resume_file=(data, "cv.pdf"))

    assert_json_error(refused, 413)
    assert accepted.status_code == 201, accepted.json


# --- video_pitch ----------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "extension"), [
    (MP4_BYTES, "mp4"), (WEBM_BYTES, "webm"), (MOV_BYTES, "mov")], ids=["mp4", "webm", "quicktime"])
def test_video_pitch_is_accepted(scene: Scene, data: bytes, extension: str) -> None:
    response = post_profile(scene.client, video_pitch=(data, "pitch.bin"))

    assert response.status_code == 201, response.json
    path = only_file(scene.app, VIDEOS)
    assert path.suffix == f".{extension}"
    assert served_bytes(scene.client, response.json["video_pitch"]) == data
    assert stored_profile(response.json["slug"]).video_pitch == f"{VIDEOS}/{path.name}"
    assert response.json["resume_file"] is None


@pytest.mark.parametrize(("data", "filename"), [
    (AVI_BYTES, "pitch.avi"),
    (AVI_BYTES, "pitch.mp4"),
    (pdf_bytes(), "pitch.mp4"),
    (png_bytes(), "pitch.webm"),
    (b"not a video at all" * 10, "pitch.mov"),
    (b"\x1a\x45\xdf\xa3\x93\x42\x82\x88matroska", "pitch.webm"),
], ids=["avi", "avi-named-mp4", "pdf", "png", "text", "matroska"])
def test_video_pitch_of_another_type_is_400(scene: Scene, data: bytes, filename: str) -> None:
    response = post_profile(scene.client, video_pitch=(data, filename))

    error = assert_field_error(response, "video_pitch")
    assert error["errors"]["video_pitch"] == [VIDEO_REFUSAL]
    assert_nothing_created(scene)


def test_empty_video_pitch_is_400(scene: Scene) -> None:
    response = post_profile(scene.client, video_pitch=(b"", "pitch.mp4"))

    error = assert_field_error(response, "video_pitch")
    assert error["errors"]["video_pitch"] == [EMPTY_FILE]
    assert_nothing_created(scene)


def test_video_over_video_max_is_413(make_app, scene: Scene) -> None:  # noqa: ANN001
    client = client_for(make_app(VIDEO_MAX_MB=1), scene.candidate)

    response = post_profile(client, video_pitch=(padded(MP4_BYTES, MB + 1), "pitch.mp4"))

    body = assert_json_error(response, 413)
    assert "video_pitch" in body["detail"]
    assert_nothing_created(scene)


def test_video_of_exactly_video_max_is_accepted(make_app, scene: Scene) -> None:  # noqa: ANN001
    client = client_for(make_app(VIDEO_MAX_MB=1), scene.candidate)

    response = post_profile(client, video_pitch=(padded(WEBM_BYTES, MB), "pitch.webm"))

    assert response.status_code == 201, response.json
    assert only_file(scene.app, VIDEOS).stat().st_size == MB


def test_video_cap_is_separate_from_the_resume_cap(make_app, scene: Scene) -> None:  # noqa: ANN001
    client = client_for(make_app(VIDEO_MAX_MB=2, RESUME_MAX_MB=1), scene.candidate)

    response = post_profile(client, video_pitch=(padded(MP4_BYTES, MB + MB // 2), "pitch.mp4"))

    assert response.status_code == 201, response.json


# --- both files, and files with other fields -------------------------------------------------

def test_resume_and_video_together(scene: Scene) -> None:
    response = post_profile(scene.client, resume_file=(docx_bytes(), "cv.docx"),
                            video_pitch=(MOV_BYTES, "pitch.mov"))

    assert response.status_code == 201, response.json
    assert served_bytes(scene.client, response.json["resume_file"]) == docx_bytes()
    assert served_bytes(scene.client, response.json["video_pitch"]) == MOV_BYTES
    assert len(stored_files(scene.app)) == 2


def test_good_resume_with_refused_video_stores_nothing(scene: Scene) -> None:
    response = post_profile(scene.client, resume_file=(pdf_bytes(), "cv.pdf"),
                            video_pitch=(pdf_bytes(), "pitch.mp4"))

    assert_field_error(response, "video_pitch")
    assert_nothing_created(scene)


def test_refused_resume_with_good_video_stores_nothing(scene: Scene) -> None:
    response = post_profile(scene.client, resume_file=(LEGACY_DOC, "cv.doc"),
                            video_pitch=(MP4_BYTES, "pitch.mp4"))

    assert_field_error(response, "resume_file")
    assert_nothing_created(scene)


def test_good_files_with_an_invalid_field_store_nothing(scene: Scene) -> None:
    response = scene.client.post(PROFILES_URL, data={
        "work_mode_preferences": "on-the-moon",
        "resume_file": file_part(pdf_bytes(), "cv.pdf"),
        "video_pitch": file_part(MP4_BYTES, "pitch.mp4")}, content_type="multipart/form-data")

    assert_field_error(response, "work_mode_preferences")
    assert_nothing_created(scene)


def test_second_profile_with_files_stores_nothing(scene: Scene) -> None:
    first = post_profile(scene.client)
    assert first.status_code == 201, first.json

    response = post_profile(scene.client, resume_file=(pdf_bytes(), "cv.pdf"),
                            video_pitch=(MP4_BYTES, "pitch.mp4"))

    assert_json_error(response, 400)
    assert profile_count() == 1
    assert stored_files(scene.app) == []


def test_employer_sources_a_profile_with_a_resume(app: Flask) -> None:
    recruiter = make_user("recruiter@example.com")
    org = make_org("Acme", recruiter)
    client = client_for(app, recruiter)

    response = client.post(PROFILES_URL, data={"organization": str(org.id),
                                               "resume_file": file_part(docx_bytes(), "cv.docx")},
                           content_type="multipart/form-data")

    assert response.status_code == 201, response.json
    assert response.json["organization"]["id"] == org.id
    assert only_file(app, RESUMES).suffix == ".docx"
    assert served_bytes(client, response.json["resume_file"]) == docx_bytes()


# --- replacing and removing on PATCH -------------------------------------------------------------

@pytest.fixture
def with_files(scene: Scene) -> dict:
    """The candidate's profile holding a PDF resume and an MP4 pitch (uploaded through the API)."""
    response = post_profile(scene.client, resume_file=(pdf_bytes(), "cv.pdf"),
                            video_pitch=(MP4_BYTES, "pitch.mp4"))
    assert response.status_code == 201, response.json
    return response.json


def stored_paths(scene: Scene, slug: str) -> tuple[Path, Path]:
    row = stored_profile(slug)
    root = Path(scene.app.config["UPLOAD_DIR"])
    return root / row.resume_file, root / row.video_pitch


def test_new_resume_replaces_the_old_file_and_restarts_parsing(scene: Scene, with_files: dict) -> None:
    slug = with_files["slug"]
    old_resume, video = stored_paths(scene, slug)
    row = settled_profile(slug)
    row.parsing_status, row.resume_data = "parsed", {"name": "Old Name"}
    db.session.commit()

    response = patch_profile(scene.client, slug, resume_file=(docx_bytes(), "new.docx"))

    assert response.status_code == 200, response.json
    assert response.json["parsing_status"] != "pending"
    assert response.json["resume_data"] != {"name": "Old Name"}
    assert settled_profile(slug).resume_data["name"] == "Jane Doe"  # read from the new file
    assert not old_resume.exists()
    assert video.exists()
    new_resume, _ = stored_paths(scene, slug)
    assert new_resume.suffix == ".docx" and new_resume.read_bytes() == docx_bytes()
    assert set(stored_files(scene.app)) == {new_resume, video}
    assert scene.client.get(url_path(with_files["resume_file"])).status_code == 404
    assert served_bytes(scene.client, response.json["resume_file"]) == docx_bytes()


def test_new_video_replaces_the_old_file(scene: Scene, with_files: dict) -> None:
    slug = with_files["slug"]
    resume, old_video = stored_paths(scene, slug)

    response = patch_profile(scene.client, slug, video_pitch=(WEBM_BYTES, "new.webm"))

    assert response.status_code == 200, response.json
    assert not old_video.exists()
    _, new_video = stored_paths(scene, slug)
    assert set(stored_files(scene.app)) == {resume, new_video}
    assert served_bytes(scene.client, response.json["video_pitch"]) == WEBM_BYTES


@pytest.mark.parametrize("field", ["resume_file", "video_pitch"])
def test_null_removes_the_file(scene: Scene, with_files: dict, field: str) -> None:
    slug = with_files["slug"]
    resume, video = stored_paths(scene, slug)

    response = scene.client.patch(profile_url(slug), json={field: None})

    assert response.status_code == 200, response.json
    assert response.json[field] is None
    removed, kept = (resume, video) if field == "resume_file" else (video, resume)
    assert not removed.exists()
    assert stored_files(scene.app) == [kept]
    assert getattr(stored_profile(slug), field) is None
    assert scene.client.get(url_path(with_files[field])).status_code == 404


@pytest.mark.parametrize(("field", "data", "filename"), [
    ("resume_file", LEGACY_DOC, "cv.doc"),
    ("resume_file", b"", "cv.pdf"),
    ("resume_file", zip_bytes({"a.txt": "x"}), "cv.docx"),
    ("video_pitch", AVI_BYTES, "pitch.mp4"),
    ("video_pitch", b"", "pitch.mp4"),
], ids=["legacy-doc", "empty-resume", "plain-zip", "avi", "empty-video"])
def test_refused_replacement_keeps_the_old_files(scene: Scene, with_files: dict, field: str,
                                                 data: bytes, filename: str) -> None:
    slug = with_files["slug"]
    before = set(stored_files(scene.app))
    row = stored_profile(slug)
    keys = (row.resume_file, row.video_pitch)

    response = patch_profile(scene.client, slug, **{field: (data, filename)})

    assert_field_error(response, field)
    assert set(stored_files(scene.app)) == before
    row = stored_profile(slug)
    assert (row.resume_file, row.video_pitch) == keys
    assert served_bytes(scene.client, with_files["resume_file"]) == pdf_bytes()
    assert served_bytes(scene.client, with_files["video_pitch"]) == MP4_BYTES


@pytest.mark.parametrize(("setting", "field", "data"), [
    ("RESUME_MAX_MB", "resume_file", padded(pdf_bytes(), MB + 1)),
    ("VIDEO_MAX_MB", "video_pitch", padded(MP4_BYTES, MB + 1)),
], ids=["resume", "video"])
def test_oversize_replacement_is_413_and_keeps_the_old_files(make_app, scene: Scene, with_files: dict,
                                                             setting: str, field: str,
                                                             data: bytes) -> None:  # noqa: ANN001
    before = set(stored_files(scene.app))
    client = client_for(make_app(**{setting: 1}), scene.candidate)

    response = patch_profile(client, with_files["slug"], **{field: (data, "big.bin")})

    body = assert_json_error(response, 413)
    assert field in body["detail"]
    assert set(stored_files(scene.app)) == before


def test_stranger_cannot_replace_files(app: Flask, scene: Scene, with_files: dict) -> None:
    recruiter = make_user("recruiter@example.com")
    make_org("Acme", recruiter)
    other_candidate = make_user("cand2@example.com")
    make_profile(other_candidate)
    before = set(stored_files(app))

    as_employer = patch_profile(client_for(app, recruiter), with_files["slug"],
                                resume_file=(docx_bytes(), "evil.docx"))
    as_candidate = patch_profile(client_for(app, other_candidate), with_files["slug"],
                                 video_pitch=(WEBM_BYTES, "evil.webm"))
    as_anonymous = patch_profile(app.test_client(), with_files["slug"],
                                 resume_file=(docx_bytes(), "evil.docx"))

    assert_json_error(as_employer, 403)  # sees the profile, may not change it
    assert_json_error(as_candidate, 404)
    assert_json_error(as_anonymous, 401)
    assert set(stored_files(app)) == before
    assert served_bytes(scene.client, with_files["resume_file"]) == pdf_bytes()
