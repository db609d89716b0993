"""A note's attachment (note_file): a PDF, DOCX or image of at most NOTE_FILE_MAX_MB, checked by
content, stored privately under a random name, served through signed links, replaced, removed
and deleted with its note or profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.notes_helpers import (
    BROKEN_PDF,
    EMPTY_FILE,
    HOSTILE_NAMES,
    LEGACY_DOC,
    MB,
    MP4_BYTES,
    NOTE_FILE_REFUSAL,
    NOTES_URL,
    RANDOM_NAME,
    all_files,
    client_for,
    create_note_url,
    docx_bytes,
    encrypted_docx,
    escaped_files,
    file_part,
    key_path,
    make_note,
    make_org,
    make_profile,
    note_count,
    note_url,
    padded,
    pdf_bytes,
    profile_url,
    put_file,
    raw_multipart,
    served_bytes,
    stored_note,
    url_path,
    zip_bomb_docx,
    zip_bytes,
)
from tests.helpers import make_user, png_bytes, stored_files
from webapp.models import CandidateProfile, User

NOTES_DIR = "candidate-notes"


@dataclass
class Scene:
    app: Flask
    recruiter: User
    colleague: User
    candidate: User
    profile: CandidateProfile
    client: FlaskClient  # the recruiter's


def build_scene(app: Flask) -> Scene:
    recruiter = make_user("recruiter@example.com")
    colleague = make_user("colleague@example.com")
    candidate = make_user("cand@example.com")
    make_org("Acme", recruiter, colleague)
    return Scene(app, recruiter, colleague, candidate, make_profile(candidate),
                 client_for(app, recruiter))


@pytest.fixture
def scene(app: Flask) -> Scene:
    return build_scene(app)


def create_with_file(scene: Scene, data: bytes, filename: str = "attachment.pdf",
                     client: FlaskClient | None = None, **fields):  # noqa: ANN201
    return (client or scene.client).post(
        create_note_url(scene.profile.slug),
        data={"note": "with a file", **fields, "note_file": file_part(data, filename)},
        content_type="multipart/form-data")


def only_stored_file(app: Flask) -> Path:
    files = stored_files(app)
    assert len(files) == 1, files
    return files[0]


def assert_refused(scene: Scene, response, message: str) -> None:  # noqa: ANN001
    error = assert_field_error(response, "note_file")
    assert error["errors"]["note_file"] == [message]
    assert note_count() == 0
    assert stored_files(scene.app) == []


# --- accepted kinds ------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "extension"), [
    (pdf_bytes(), "pdf"),
    (docx_bytes(), "docx"),
    (png_bytes(), "png"),
    (BROKEN_PDF, "pdf"),
], ids=["pdf", "docx", "png", "broken-pdf"])
def test_attachment_is_stored_privately_and_served_by_signed_link(scene: Scene, data: bytes,
                                                                  extension: str) -> None:
    response = create_with_file(scene, data, f"Interview notes.{extension}", section="skills")

    assert response.status_code == 201, response.json
    url = response.json["note_file"]
    assert "/files/private/" in url
    assert "Interview" not in url
    path = only_stored_file(scene.app)
    assert path.parent == Path(scene.app.config["UPLOAD_DIR"]) / NOTES_DIR
    assert RANDOM_NAME.match(path.name) and path.suffix == f".{extension}"
    assert path.read_bytes() == data
    served = scene.client.get(url_path(url))
    assert served.status_code == 200
    assert served.data == data
    assert "no-store" in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    row = stored_note(response.json["id"])
    assert row.note_file == f"{NOTES_DIR}/{path.name}"
    assert row.section == "skills"


def test_every_response_links_to_the_file(scene: Scene) -> None:
    created = create_with_file(scene, pdf_bytes()).json

    links = [scene.client.get(note_url(created["id"])).json["note_file"],
             scene.client.get(NOTES_URL).json[0]["note_file"],
             scene.client.get(profile_url(scene.profile.slug)).json["get_all_notes"][0]["note_file"]]

    for link in [created["note_file"], *links]:
        assert "/files/private/" in link
        assert served_bytes(scene.client, link) == pdf_bytes()


def test_tampered_signed_link_is_404(scene: Scene) -> None:
    url = url_path(create_with_file(scene, pdf_bytes()).json["note_file"])
    prefix, token = url.rsplit("/", 1)

    for forged in [token[:-2] + ("AA" if not token.endswith("AA") else "BB"), token + "x",
                   "candidate-notes", "..%2F..%2Fetc%2Fpasswd"]:
        assert scene.client.get(f"{prefix}/{forged}").status_code == 404


# --- refused files -------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "filename"), [
    (b"just some text, not a document\n" * 50, "notes.pdf"),
    (b"<html><script>alert(1)</script></html>", "notes.pdf"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(600), "notes.docx"),
    (LEGACY_DOC, "notes.doc"),
    (MP4_BYTES, "clip.pdf"),
    (zip_bytes({"hello.txt": "not a word document"}), "notes.docx"),
    (png_bytes()[:40], "cut.png"),
], ids=["text", "html", "exe", "legacy-doc", "mp4", "plain-zip", "truncated-png"])
def test_wrong_content_is_400(scene: Scene, data: bytes, filename: str) -> None:
    assert_refused(scene, create_with_file(scene, data, filename), NOTE_FILE_REFUSAL)


def test_encrypted_zip_is_400(scene: Scene) -> None:
    assert_refused(scene, create_with_file(scene, encrypted_docx(), "secret.docx"),
                   NOTE_FILE_REFUSAL)


def test_zip_bomb_is_400(scene: Scene) -> None:
    assert_refused(scene, create_with_file(scene, zip_bomb_docx(), "bomb.docx"), NOTE_FILE_REFUSAL)


def test_empty_file_is_400(scene: Scene) -> None:
    assert_refused(scene, create_with_file(scene, b"", "empty.pdf"), EMPTY_FILE)


def test_refused_file_with_invalid_fields_stores_nothing(scene: Scene) -> None:
    response = create_with_file(scene, pdf_bytes(), note="   ")

    assert_field_error(response, "note")
    assert note_count() == 0
    assert stored_files(scene.app) == []


# --- size cap -------------------------------------------------------------------------------

def capped_client(make_app, scene: Scene, mb: int) -> FlaskClient:  # noqa: ANN001
    """The recruiter's client on an app whose note files may be at most `mb` MB."""
    return client_for(make_app(NOTE_FILE_MAX_MB=mb), scene.recruiter)


def test_file_over_note_file_max_is_413(make_app, scene: Scene) -> None:  # noqa: ANN001
    response = create_with_file(scene, padded(pdf_bytes(), MB + 1),
                                client=capped_client(make_app, scene, 1))

    body = assert_json_error(response, 413)
    assert "note_file" in body["detail"]
    assert note_count() == 0
    assert stored_files(scene.app) == []


def test_file_of_exactly_note_file_max_is_accepted(make_app, scene: Scene) -> None:  # noqa: ANN001
    response = create_with_file(scene, padded(pdf_bytes(), MB), client=capped_client(make_app, scene, 1))

    assert response.status_code == 201, response.json
    assert len(only_stored_file(scene.app).read_bytes()) == MB


def test_size_cap_follows_the_setting(make_app, scene: Scene) -> None:  # noqa: ANN001
    data = padded(pdf_bytes(), MB + MB // 2)

    refused = create_with_file(scene, data, client=capped_client(make_app, scene, 1))
    accepted = create_with_file(scene, data, client=capped_client(make_app, scene, 2))

    assert_json_error(refused, 413)
    assert accepted.status_code == 201, accepted.json
    assert note_count() == 1


# --- file names ----------------------------------------------------------------------------

@pytest.mark.parametrize("filename", list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_uploaders_file_name_is_never_a_path(scene: Scene, filename: bytes) -> None:
    around = Path(scene.app.config["UPLOAD_DIR"]).parent  # where "../../x" would land
    before = all_files(around)
    body, content_type = raw_multipart({"note": "named"}, {"note_file": (pdf_bytes(), filename)})

    response = scene.client.post(create_note_url(scene.profile.slug), data=body,
                                 content_type=content_type)

    assert response.status_code == 201, response.json
    new = all_files(around) - before
    upload_dir = Path(scene.app.config["UPLOAD_DIR"]).resolve()
    assert len(new) == 1, new
    path = new.pop().resolve()
    assert path.parent == upload_dir / NOTES_DIR
    assert RANDOM_NAME.match(path.name), path.name
    assert stored_note(response.json["id"]).note_file == f"{NOTES_DIR}/{path.name}"
    assert served_bytes(scene.client, response.json["note_file"]) == pdf_bytes()
    assert escaped_files() == []


# --- replace, remove, delete -----------------------------------------------------------------

def test_patch_with_a_new_file_replaces_and_deletes_the_old_one(scene: Scene) -> None:
    created = create_with_file(scene, pdf_bytes()).json
    old_path = only_stored_file(scene.app)

    response = scene.client.patch(note_url(created["id"]),
                                  data={"note_file": file_part(png_bytes("blue"), "new.png")},
                                  content_type="multipart/form-data")

    assert response.status_code == 200, response.json
    assert not old_path.exists()
    new_path = only_stored_file(scene.app)
    assert new_path.suffix == ".png"
    assert served_bytes(scene.client, response.json["note_file"]) == png_bytes("blue")
    assert scene.client.get(url_path(created["note_file"])).status_code == 404
    assert response.json["note"] == "with a file"


def test_put_with_note_and_file_replaces_the_file(scene: Scene) -> None:
    created = create_with_file(scene, pdf_bytes()).json
    old_path = only_stored_file(scene.app)

    response = scene.client.put(note_url(created["id"]),
                                data={"note": "rewritten", "note_file": file_part(docx_bytes(), "x.docx")},
                                content_type="multipart/form-data")

    assert response.status_code == 200, response.json
    assert response.json["note"] == "rewritten"
    assert not old_path.exists()
    assert only_stored_file(scene.app).suffix == ".docx"
    assert served_bytes(scene.client, response.json["note_file"]) == docx_bytes()


def test_note_file_null_removes_the_file(scene: Scene) -> None:
    created = create_with_file(scene, pdf_bytes(), section="skills").json
    path = only_stored_file(scene.app)

    response = scene.client.patch(note_url(created["id"]), json={"note_file": None})

    assert response.status_code == 200, response.json
    assert response.json["note_file"] is None
    assert (response.json["note"], response.json["section"]) == ("with a file", "skills")
    assert not path.exists()
    assert stored_files(scene.app) == []
    assert stored_note(created["id"]).note_file is None
    assert scene.client.get(url_path(created["note_file"])).status_code == 404


def test_update_without_note_file_keeps_the_file(scene: Scene) -> None:
    created = create_with_file(scene, pdf_bytes()).json
    path = only_stored_file(scene.app)

    response = scene.client.patch(note_url(created["id"]), json={"note": "text only"})

    assert response.status_code == 200, response.json
    assert path.read_bytes() == pdf_bytes()
    assert served_bytes(scene.client, response.json["note_file"]) == pdf_bytes()


@pytest.mark.parametrize(("data", "status"), [
    (b"plain text" * 10, 400), (b"", 400), (LEGACY_DOC, 400)], ids=["text", "empty", "legacy-doc"])
def test_refused_replacement_keeps_the_old_file(scene: Scene, data: bytes, status: int) -> None:
    created = create_with_file(scene, pdf_bytes()).json
    path = only_stored_file(scene.app)

    response = scene.client.patch(note_url(created["id"]),
                                  data={"note": "changed", "note_file": file_part(data, "new.pdf")},
                                  content_type="multipart/form-data")

    assert_field_error(response, "note_file")
    assert stored_files(scene.app) == [path]
    assert path.read_bytes() == pdf_bytes()
    row = stored_note(created["id"])
    assert (row.note, row.note_file) == ("with a file", f"{NOTES_DIR}/{path.name}")


def test_oversize_replacement_is_413_and_keeps_the_old_file(make_app, scene: Scene) -> None:  # noqa: ANN001
    created = create_with_file(scene, pdf_bytes()).json
    path = only_stored_file(scene.app)

    response = capped_client(make_app, scene, 1).patch(
        note_url(created["id"]), data={"note_file": file_part(padded(pdf_bytes(), MB + 1), "b.pdf")},
        content_type="multipart/form-data")

    assert_json_error(response, 413)
    assert stored_files(scene.app) == [path]
    assert stored_note(created["id"]).note_file == f"{NOTES_DIR}/{path.name}"


def test_delete_removes_the_file(scene: Scene) -> None:
    created = create_with_file(scene, pdf_bytes()).json
    path = only_stored_file(scene.app)

    response = scene.client.delete(note_url(created["id"]))

    assert response.status_code == 200
    assert response.json == {"detail": "Note deleted"}
    assert not path.exists()
    assert stored_files(scene.app) == []
    assert scene.client.get(url_path(created["note_file"])).status_code == 404


def test_deleting_the_profile_removes_its_notes_files(scene: Scene) -> None:
    other = make_profile(make_user("cand2@example.com"))
    mine = create_with_file(scene, pdf_bytes()).json
    theirs = create_with_file(scene, png_bytes(), "p.png", client=client_for(scene.app, scene.colleague)).json
    own = create_with_file(scene, docx_bytes(), "d.docx", client=client_for(scene.app, scene.candidate)).json
    kept = scene.client.post(create_note_url(other.slug),
                             data={"note": "elsewhere", "note_file": file_part(pdf_bytes(), "k.pdf")},
                             content_type="multipart/form-data").json
    kept_path = key_path(scene.app, stored_note(kept["id"]).note_file)
    assert len(stored_files(scene.app)) == 4

    response = client_for(scene.app, scene.candidate).delete(profile_url(scene.profile.slug))

    assert response.status_code == 200, response.json
    assert stored_files(scene.app) == [kept_path]
    assert all(stored_note(note["id"]) is None for note in (mine, theirs, own))
    assert stored_note(kept["id"]) is not None
    for note in (mine, theirs, own):
        assert scene.client.get(url_path(note["note_file"])).status_code == 404


# --- strangers and files -------------------------------------------------------------------

def test_stranger_updating_with_a_file_is_404_and_stores_nothing(scene: Scene) -> None:
    key = put_file(scene.app, NOTES_DIR, pdf_bytes())
    note = make_note(scene.profile, scene.recruiter, "mine", note_file=key)
    colleague = client_for(scene.app, scene.colleague)

    for method in ("put", "patch"):
        response = getattr(colleague, method)(
            note_url(note.id), data={"note": "hijack", "note_file": file_part(png_bytes(), "x.png")},
            content_type="multipart/form-data")
        assert_json_error(response, 404)

    assert stored_files(scene.app) == [key_path(scene.app, key)]
    assert stored_note(note.id).note_file == key


def test_create_on_hidden_profile_with_a_file_is_404_and_stores_nothing(scene: Scene) -> None:
    other_candidate = make_user("cand2@example.com")
    make_profile(other_candidate)

    response = create_with_file(scene, pdf_bytes(), client=client_for(scene.app, other_candidate))

    assert_json_error(response, 404)
    assert note_count() == 0
    assert stored_files(scene.app) == []


def test_two_uploads_with_the_same_name_are_stored_apart(scene: Scene) -> None:
    first = create_with_file(scene, pdf_bytes(), "cv.pdf").json
    second = create_with_file(scene, png_bytes(), "cv.pdf").json

    assert len(stored_files(scene.app)) == 2
    assert served_bytes(scene.client, first["note_file"]) == pdf_bytes()
    assert served_bytes(scene.client, second["note_file"]) == png_bytes()
