"""Candidate profiles (reference 30-34, 36): creating, reading, changing and deleting one, its
slug, its files and their signed URLs, its parse state, CSRF, and what account and
organization deletion take with them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from tests.api.accounts_helpers import assert_field_error, assert_json_error
from tests.api.org_helpers import login_client, make_org, url_path
from tests.api.profile_helpers import (
    MP4_BYTES,
    PDF_BYTES,
    PROFILE_KEYS,
    PROFILES_URL,
    docx_bytes,
    make_profile,
    profile_count,
    profile_url,
    settled_profile,
    stored_profile,
)
from tests.helpers import stored_files
from webapp.extensions import db
from webapp.models import Note, User

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
SLUG_SUFFIX = r"-[a-z0-9]{6}"

FULL_PROFILE = {
    "willing_to_relocate": True,
    "employment_type_preferences": ["full-time", "contract"],
    "work_mode_preferences": ["remote", "hybrid"],
    "has_workvisa": True,
    "expected_salary_range": "$100,000 - $120,000",
    "is_available": True,
    "disability_categories": ["hearing"],
    "accommodation_needs": "Captions in meetings",
    "workplace_accommodations": "Written follow-ups",
}


def file(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(data), name


def fetch(client, url: str):  # noqa: ANN001, ANN201
    """GET an absolute file URL from a response with the test client."""
    return client.get(url_path(url))


def stored_names(app) -> set[str]:  # noqa: ANN001
    return {path.name for path in stored_files(app)}


def create_own(client, **fields):  # noqa: ANN001, ANN201
    response = client.post(PROFILES_URL, json={**FULL_PROFILE, **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# --- create ------------------------------------------------------------------------------

def test_candidate_creates_own_profile_from_json(bearer_client, user: User) -> None:
    response = bearer_client.post(PROFILES_URL, json=FULL_PROFILE)

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body) == PROFILE_KEYS
    for field, value in FULL_PROFILE.items():
        assert body[field] == value, field
    assert body["user"] == {"id": user.id, "email": "alice@example.com", "first_name": "Alice",
                            "last_name": "Archer"}
    assert body["organization"] is None
    assert body["resume_file"] is None and body["video_pitch"] is None
    assert body["resume_data"] is None and body["verified_data"] is None
    assert body["parsing_status"] == "pending"
    assert body["share_accommodations"] is False
    assert body["get_all_notes"] == []
    assert DATE.match(body["created_at"]) and DATE.match(body["updated_at"])

    stored = stored_profile(body["slug"])
    assert stored.user_id == user.id and stored.organization_id is None
    assert stored.id == body["id"]
    assert bearer_client.get(profile_url(body["slug"])).get_json()["id"] == body["id"]


def test_creating_a_profile_makes_the_user_a_candidate(bearer_client) -> None:
    assert bearer_client.get("/api/auth/users/me/").get_json()["is_candidate"] is False

    create_own(bearer_client)

    assert bearer_client.get("/api/auth/users/me/").get_json()["is_candidate"] is True


def test_defaults_of_a_minimal_profile(bearer_client) -> None:
    response = bearer_client.post(PROFILES_URL, json={})

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["employment_type_preferences"] == []
    assert body["work_mode_preferences"] == []
    assert body["disability_categories"] == []
    assert body["accommodation_needs"] is None and body["workplace_accommodations"] is None
    assert body["share_accommodations"] is False
    assert body["parsing_status"] == "pending"


def test_a_second_own_profile_is_refused(bearer_client) -> None:
    first = create_own(bearer_client)

    response = bearer_client.post(PROFILES_URL, json={"is_available": False})

    assert_json_error(response, 400)
    assert profile_count() == 1
    assert stored_profile(first["slug"]).is_available is True


def test_multipart_create_with_resume_and_video(app, bearer_client) -> None:
    response = bearer_client.post(PROFILES_URL, data={
        "resume_file": file(PDF_BYTES, "cv.pdf"),
        "video_pitch": file(MP4_BYTES, "pitch.mp4"),
        "willing_to_relocate": "true",
        "has_workvisa": "false",
        "is_available": "true",
        "expected_salary_range": "$90,000",
        "employment_type_preferences": '["full-time", "part-time"]',
        "work_mode_preferences": '["remote"]',
        "disability_categories": "[]",
        "accommodation_needs": "null",
        "workplace_accommodations": "null",
    })

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["willing_to_relocate"] is True and body["has_workvisa"] is False
    assert body["employment_type_preferences"] == ["full-time", "part-time"]
    assert body["work_mode_preferences"] == ["remote"]
    assert body["disability_categories"] == []
    assert body["accommodation_needs"] is None and body["workplace_accommodations"] is None
    assert body["parsing_status"] != "pending"  # the resume is being read
    assert len(stored_files(app)) == 2
    resume = fetch(app.test_client(), body["resume_file"])
    assert resume.status_code == 200 and resume.data == PDF_BYTES
    video = fetch(app.test_client(), body["video_pitch"])
    assert video.status_code == 200 and video.data == MP4_BYTES


def test_docx_resume_is_accepted(app, bearer_client) -> None:
    document = docx_bytes()

    response = bearer_client.post(PROFILES_URL, data={"resume_file": file(document, "cv.docx")})

    assert response.status_code == 201, response.get_json()
    assert fetch(app.test_client(), response.get_json()["resume_file"]).data == document


def test_a_text_file_is_not_a_resume(app, bearer_client) -> None:
    response = bearer_client.post(PROFILES_URL, data={
        "resume_file": file(b"just words, not a document\n" * 10, "cv.pdf")})

    assert_field_error(response, "resume_file")
    assert profile_count() == 0
    assert stored_files(app) == []


LIST_SPELLINGS = {
    "json-string": {"employment_type_preferences": '["full-time", "contract"]',
                    "work_mode_preferences": '["hybrid", "remote"]',
                    "disability_categories": '["visual", "hearing"]'},
    "repeated": {"employment_type_preferences": ["full-time", "contract"],
                 "work_mode_preferences": ["hybrid", "remote"],
                 "disability_categories": ["visual", "hearing"]},
    "comma-separated": {"employment_type_preferences": "full-time, contract",
                        "work_mode_preferences": "hybrid,remote",
                        "disability_categories": "visual , hearing"},
}


@pytest.mark.parametrize("spelling", LIST_SPELLINGS)
def test_multipart_list_fields_in_every_spelling(bearer_client, spelling: str) -> None:
    response = bearer_client.post(PROFILES_URL, data=LIST_SPELLINGS[spelling],
                                  content_type="multipart/form-data")

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert set(body["employment_type_preferences"]) == {"full-time", "contract"}
    assert set(body["work_mode_preferences"]) == {"hybrid", "remote"}
    assert set(body["disability_categories"]) == {"visual", "hearing"}
    stored = stored_profile(body["slug"])
    assert set(stored.work_mode_preferences) == {"hybrid", "remote"}


def test_a_single_multipart_list_value(bearer_client) -> None:
    response = bearer_client.post(PROFILES_URL, data={"work_mode_preferences": "onsite"},
                                  content_type="multipart/form-data")

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["work_mode_preferences"] == ["onsite"]


def test_employer_creates_a_sourced_profile(app, user_factory) -> None:
    recruiter = user_factory("recruiter@example.com")
    colleague = user_factory("colleague@example.com")
    outsider = user_factory("outsider@example.com")
    org = make_org(recruiter, colleague, name="Sourcing Org")
    make_org(outsider, name="Other Org")
    client = login_client(app, recruiter)

    response = client.post(PROFILES_URL, json={"organization": org.id, "is_available": True,
                                               "work_mode_preferences": ["remote"]})

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["organization"] == {"id": org.id, "name": "Sourcing Org"}
    assert body["user"] is None
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*" + SLUG_SUFFIX, body["slug"]), body["slug"]
    assert stored_profile(body["slug"]).organization_id == org.id
    # The recruiter stays an employer, and may source more than one candidate.
    assert client.get("/api/auth/users/me/").get_json()["is_candidate"] is False
    assert client.post(PROFILES_URL, json={"organization": org.id}).status_code == 201
    # Visible to the organization only.
    assert login_client(app, colleague).get(profile_url(body["slug"])).status_code == 200
    assert_json_error(login_client(app, outsider).get(profile_url(body["slug"])), 404)


def test_multipart_sourced_profile(app, user_factory) -> None:
    recruiter = user_factory("recruiter@example.com")
    org = make_org(recruiter)

    response = login_client(app, recruiter).post(PROFILES_URL, data={
        "organization": str(org.id), "resume_file": file(PDF_BYTES, "cv.pdf")})

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["organization"]["id"] == org.id
    assert response.get_json()["resume_file"]


def test_sourcing_for_an_organization_one_is_not_in_is_refused(app, user_factory) -> None:
    recruiter = user_factory("recruiter@example.com")
    other_root = user_factory("other@example.com")
    make_org(recruiter, name="Mine")
    other = make_org(other_root, name="Theirs")
    client = login_client(app, recruiter)

    assert_field_error(client.post(PROFILES_URL, json={"organization": other.id}), "organization")
    assert_field_error(client.post(PROFILES_URL, json={"organization": other.id + 1000}),
                       "organization")
    assert profile_count() == 0


def test_a_candidate_cannot_source_for_an_organization(app, bearer_client, user_factory) -> None:
    org = make_org(user_factory("root@example.com"))

    assert_field_error(bearer_client.post(PROFILES_URL, json={"organization": org.id}),
                       "organization")
    assert profile_count() == 0


# --- slugs -------------------------------------------------------------------------------

def test_slug_is_the_name_plus_a_random_suffix(app, user_factory) -> None:
    slugs = []
    for email in ("john1@example.com", "john2@example.com"):
        user_factory(email, first_name="John", last_name="Doe")
        slugs.append(create_own(login_client(app, email))["slug"])

    for slug in slugs:
        assert re.fullmatch("john-doe" + SLUG_SUFFIX, slug), slug
    assert slugs[0] != slugs[1]


def test_slug_of_an_accented_name_is_readable(app, user_factory) -> None:
    user_factory("jose@example.com", first_name="José", last_name="Núñez")

    slug = create_own(login_client(app, "jose@example.com"))["slug"]

    assert re.fullmatch("jose-nunez" + SLUG_SUFFIX, slug), slug


def test_slug_never_changes(bearer_client, user: User) -> None:
    slug = create_own(bearer_client)["slug"]

    renamed = bearer_client.patch(f"/api/auth/users/{user.id}/",
                                  json={"first_name": "Zelda", "last_name": "Zimmer"})
    assert renamed.status_code == 200, renamed.get_json()
    changed = bearer_client.patch(profile_url(slug), json={"slug": "hijacked-slug",
                                                           "expected_salary_range": "$1"})
    assert changed.status_code == 200, changed.get_json()

    assert changed.get_json()["slug"] == slug
    body = bearer_client.get(profile_url(slug)).get_json()
    assert body["slug"] == slug and body["user"]["first_name"] == "Zelda"
    assert_json_error(bearer_client.get(profile_url("hijacked-slug")), 404)
    assert stored_profile(slug) is not None


# --- read --------------------------------------------------------------------------------

def test_owner_reads_own_profile_with_private_fields(bearer_client) -> None:
    slug = create_own(bearer_client)["slug"]

    body = bearer_client.get(profile_url(slug)).get_json()

    assert set(body) == PROFILE_KEYS
    assert body["disability_categories"] == ["hearing"]
    assert body["accommodation_needs"] == "Captions in meetings"
    assert body["workplace_accommodations"] == "Written follow-ups"


def test_employer_gets_no_private_fields_unless_shared(app, bearer_client, user_factory) -> None:
    slug = create_own(bearer_client)["slug"]
    recruiter = user_factory("recruiter@example.com")
    make_org(recruiter)
    employer = login_client(app, recruiter)

    body = employer.get(profile_url(slug)).get_json()
    assert body["disability_categories"] == []
    assert body["accommodation_needs"] is None and body["workplace_accommodations"] is None
    assert "Captions in meetings" not in employer.get(PROFILES_URL).get_data(as_text=True)
    assert body["expected_salary_range"] == "$100,000 - $120,000"  # the rest is there

    shared = bearer_client.patch(profile_url(slug), json={"share_accommodations": True})
    assert shared.status_code == 200 and shared.get_json()["share_accommodations"] is True

    body = employer.get(profile_url(slug)).get_json()
    assert body["disability_categories"] == ["hearing"]
    assert body["accommodation_needs"] == "Captions in meetings"
    assert body["workplace_accommodations"] == "Written follow-ups"


def test_get_all_notes_holds_only_the_callers_notes(app, user_factory) -> None:
    candidate = user_factory("cand@example.com")
    profile = make_profile(candidate)
    mine, theirs = user_factory("mine@example.com"), user_factory("theirs@example.com")
    make_org(mine, name="Mine")
    make_org(theirs, name="Theirs")
    db.session.add_all([Note(profile=profile, author_id=mine.id, note="my-note-marker"),
                        Note(profile=profile, author_id=theirs.id, note="their-note-marker")])
    db.session.commit()

    body = login_client(app, mine).get(profile_url(profile.slug)).get_json()

    assert [note["note"] for note in body["get_all_notes"]] == ["my-note-marker"]
    assert body["get_all_notes"][0]["profile"] == profile.slug
    assert "their-note-marker" not in login_client(app, mine).get(PROFILES_URL).get_data(as_text=True)
    own_view = login_client(app, candidate).get(profile_url(profile.slug)).get_json()
    assert own_view["get_all_notes"] == []


def test_unknown_slug_is_404(bearer_client) -> None:
    assert_json_error(bearer_client.get(profile_url("no-such-profile-abc123")), 404)


# --- update ------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["put", "patch"])
def test_owner_updates_with_json(bearer_client, method: str) -> None:
    created = create_own(bearer_client)

    response = getattr(bearer_client, method)(profile_url(created["slug"]), json={
        "expected_salary_range": "$110,000 - $130,000", "is_available": False,
        "work_mode_preferences": ["onsite"], "accommodation_needs": None})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["expected_salary_range"] == "$110,000 - $130,000"
    assert body["is_available"] is False
    assert body["work_mode_preferences"] == ["onsite"]
    assert body["accommodation_needs"] is None
    # Fields the request does not mention are kept.
    assert body["employment_type_preferences"] == ["full-time", "contract"]
    assert body["workplace_accommodations"] == "Written follow-ups"
    assert body["slug"] == created["slug"] and body["created_at"] == created["created_at"]
    stored = stored_profile(created["slug"])
    assert stored.is_available is False and stored.expected_salary_range == "$110,000 - $130,000"


def test_owner_updates_with_multipart(bearer_client) -> None:
    slug = create_own(bearer_client)["slug"]

    response = bearer_client.patch(profile_url(slug), data={
        "is_available": "false", "employment_type_preferences": "internship,temporary"},
        content_type="multipart/form-data")

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["is_available"] is False
    assert set(response.get_json()["employment_type_preferences"]) == {"internship", "temporary"}


def test_update_cannot_touch_server_owned_fields(app, bearer_client, user_factory) -> None:
    created = create_own(bearer_client)
    other = user_factory("other@example.com")
    org = make_org(other)

    response = bearer_client.patch(profile_url(created["slug"]), json={
        "parsing_status": "parsed", "resume_data": {"skills": ["Forged"]},
        "verified_data": {"skills": ["Forged"]}, "user": other.id, "organization": org.id,
        "id": created["id"] + 100, "is_available": False})

    assert response.status_code == 200, response.get_json()
    stored = stored_profile(created["slug"])
    assert stored.parsing_status == "pending"
    assert stored.resume_data is None and stored.verified_data is None
    assert stored.user_id == created["user"]["id"] and stored.organization_id is None
    assert stored.id == created["id"] and stored.is_available is False
    assert bearer_client.get(f"{PROFILES_URL}?skill=forged").get_json() == []


def test_members_of_the_sourcing_organization_update_its_profile(app, user_factory) -> None:
    root, member = user_factory("root@example.com"), user_factory("member@example.com")
    org = make_org(root, member)
    profile = make_profile(organization=org)

    response = login_client(app, member).put(profile_url(profile.slug),
                                             json={"expected_salary_range": "$75,000"})

    assert response.status_code == 200, response.get_json()
    assert stored_profile(profile.slug).expected_salary_range == "$75,000"


def test_replacing_the_resume_starts_parsing_over(app, bearer_client) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf")})
    slug = created.get_json()["slug"]
    [old_file] = stored_files(app)
    profile = settled_profile(slug)  # this file has no text: it fails
    profile.resume_data = {"name": "Alice Archer", "skills": ["Cobol"]}
    profile.parsing_status = "parsed"
    db.session.commit()
    new_resume = docx_bytes("The new resume")

    response = bearer_client.patch(profile_url(slug),
                                   data={"resume_file": file(new_resume, "new.docx")})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["parsing_status"] != "pending"  # parsing the new file started by itself
    assert body["resume_data"] != {"name": "Alice Archer", "skills": ["Cobol"]}
    assert not old_file.exists()
    assert len(stored_files(app)) == 1
    assert fetch(app.test_client(), body["resume_file"]).data == new_resume
    stored = settled_profile(slug)
    assert stored.parsing_status == "parsed" and "Cobol" not in stored.resume_data["skills"]
    status = bearer_client.get(profile_url(slug, "parsing-status")).get_json()
    assert {key: status[key] for key in ("parsing_status", "has_resume_data", "resume_file_exists",
                                         "has_verified_data", "parsing_error")} == {
        "parsing_status": "parsed", "has_resume_data": True, "resume_file_exists": True,
        "has_verified_data": False, "parsing_error": None}


def test_removing_the_resume_and_replacing_the_video(app, bearer_client) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf"),
                                                     "video_pitch": file(MP4_BYTES, "a.mp4")})
    slug = created.get_json()["slug"]
    old = stored_names(app)
    assert len(old) == 2
    new_video = MP4_BYTES + b"\x01" * 16

    response = bearer_client.patch(profile_url(slug), data={
        "resume_file": "", "video_pitch": file(new_video, "b.mp4")})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["resume_file"] is None
    assert fetch(app.test_client(), body["video_pitch"]).data == new_video
    assert len(stored_files(app)) == 1 and not (stored_names(app) & old)

    response = bearer_client.patch(profile_url(slug), json={"video_pitch": None})
    assert response.status_code == 200 and response.get_json()["video_pitch"] is None
    assert stored_files(app) == []


def test_a_refused_update_keeps_the_old_files(app, bearer_client) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf")})
    slug = created.get_json()["slug"]
    before = stored_names(app)

    response = bearer_client.patch(profile_url(slug), data={
        "resume_file": file(docx_bytes(), "new.docx"), "work_mode_preferences": "moon"})

    assert_field_error(response, "work_mode_preferences")
    assert stored_names(app) == before
    assert fetch(app.test_client(), bearer_client.get(profile_url(slug)).get_json()["resume_file"]
                 ).data == PDF_BYTES


# --- delete ------------------------------------------------------------------------------

def test_owner_deletes_profile_with_its_files_and_notes(app, bearer_client, user_factory) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf"),
                                                     "video_pitch": file(MP4_BYTES, "a.mp4")})
    slug = created.get_json()["slug"]
    recruiter = user_factory("recruiter@example.com")
    make_org(recruiter)
    db.session.add(Note(profile=stored_profile(slug), author_id=recruiter.id, note="n"))
    db.session.commit()
    assert len(stored_files(app)) == 2

    response = bearer_client.delete(profile_url(slug))

    assert response.status_code == 200, response.get_json()
    assert stored_profile(slug) is None
    assert stored_files(app) == []
    assert db.session.scalar(select(func.count()).select_from(Note)) == 0
    assert_json_error(bearer_client.get(profile_url(slug)), 404)
    # The account remains, and may start a new profile.
    assert bearer_client.post(PROFILES_URL, json={}).status_code == 201


def test_members_delete_a_sourced_profile_with_its_files(app, user_factory) -> None:
    root, member = user_factory("root@example.com"), user_factory("member@example.com")
    org = make_org(root, member)
    created = login_client(app, root).post(PROFILES_URL, data={
        "organization": str(org.id), "resume_file": file(PDF_BYTES, "cv.pdf")})
    slug = created.get_json()["slug"]
    assert len(stored_files(app)) == 1

    response = login_client(app, member).delete(profile_url(slug))

    assert response.status_code == 200, response.get_json()
    assert stored_profile(slug) is None
    assert stored_files(app) == []


# --- parse state -------------------------------------------------------------------------

def test_parsing_status_reports_the_four_fields(app, user_factory) -> None:
    candidate = user_factory("cand@example.com")
    profile = make_profile(candidate, resume_file="candidate-resumes/x.pdf", parsing_status="parsed",
                           resume_data={"name": "Cand", "skills": ["Go"]},
                           verified_data={"name": "Cand"})
    client = login_client(app, candidate)

    response = client.get(profile_url(profile.slug, "parsing-status"))

    assert response.status_code == 200
    assert response.get_json() == {"parsing_status": "parsed", "has_resume_data": True,
                                   "resume_file_exists": True, "has_verified_data": True,
                                   "parsing_error": None, "language": None, "unread_fields": [],
                                   "notices": []}
    without = client.get(profile_url(profile.slug, "parsing-status") + "?include_resume=false")
    assert "resume_data" not in without.get_json()


def test_parsing_status_with_the_resume(app, user_factory) -> None:
    candidate = user_factory("cand@example.com")
    data = {"name": "Cand", "skills": ["Go", "Rust"]}
    profile = make_profile(candidate, parsing_status="failed", resume_data=data)
    recruiter = user_factory("recruiter@example.com")
    make_org(recruiter)

    for client in (login_client(app, candidate), login_client(app, recruiter)):
        response = client.get(profile_url(profile.slug, "parsing-status") + "?include_resume=true")
        assert response.status_code == 200
        assert response.get_json() == {"parsing_status": "failed", "has_resume_data": True,
                                        "resume_file_exists": False, "has_verified_data": False,
                                        "resume_data": data, "parsing_error": None, "language": None,
                                        "unread_fields": [], "notices": []}


def test_parsing_status_says_why_a_parse_failed_and_what_it_could_not_read(app, user_factory) -> None:
    candidate = user_factory("cand@example.com")
    failed = make_profile(candidate, parsing_status="failed", parsing_error="This PDF has no text")
    other = user_factory("other@example.com")
    read = make_profile(other, parsing_status="parsed", resume_data={
        "name": "Jonas Keller", "language": "de", "unread_fields": ["phone"],
        "notices": ["Only the first 12 of 15 pages were read; move what matters most to them."]})

    body = login_client(app, candidate).get(profile_url(failed.slug, "parsing-status")).get_json()
    assert (body["parsing_status"], body["parsing_error"]) == ("failed", "This PDF has no text")
    body = login_client(app, other).get(profile_url(read.slug, "parsing-status")).get_json()
    assert (body["parsing_error"], body["language"], body["unread_fields"]) == (None, "de", ["phone"])
    assert body["notices"] == ["Only the first 12 of 15 pages were read; move what matters most to them."]


def test_parsing_status_of_a_fresh_profile(bearer_client) -> None:
    slug = create_own(bearer_client)["slug"]

    response = bearer_client.get(profile_url(slug, "parsing-status") + "?include_resume=true")

    assert response.get_json() == {"parsing_status": "pending", "has_resume_data": False,
                                   "resume_file_exists": False, "has_verified_data": False,
                                   "resume_data": None, "parsing_error": None, "language": None,
                                   "unread_fields": [], "notices": []}


# --- file URLs ---------------------------------------------------------------------------

def test_file_urls_are_signed_and_private(app, bearer_client) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf"),
                                                     "video_pitch": file(MP4_BYTES, "a.mp4")})
    body = created.get_json()
    anonymous = app.test_client()
    [resume_path] = [p for p in stored_files(app) if p.parent.name == "candidate-resumes"]

    for url in (body["resume_file"], body["video_pitch"]):
        assert url.startswith("http") and "/files/private/" in url
        response = fetch(anonymous, url)
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
        token = url.rsplit("/", 1)[1]
        assert fetch(anonymous, url.replace(token, token[:-3] + "AAA")).status_code == 404
    # The file's storage name does not open it without a signature.
    public = anonymous.get(f"/files/public/candidate-resumes/{resume_path.name}")
    assert public.status_code == 404
    # The same URL works every time until it expires.
    assert fetch(anonymous, body["resume_file"]).data == PDF_BYTES


def test_file_urls_expire(app, bearer_client, monkeypatch) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf")})
    url = created.get_json()["resume_file"]
    lifetime = app.config["SIGNED_URL_SECONDS"]
    original = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp",
                        lambda self: original(self) + lifetime + 5)

    assert fetch(app.test_client(), url).status_code == 404


# --- CSRF --------------------------------------------------------------------------------

def test_cookie_writes_need_the_csrf_token(app, cookie_client, user: User) -> None:
    token = cookie_client.environ_base.pop("HTTP_X_CSRFTOKEN")

    for headers in ({}, {"X-CSRFToken": "forged-token"}):
        assert_json_error(cookie_client.post(PROFILES_URL, json=FULL_PROFILE, headers=headers), 403)
    assert profile_count() == 0

    created = cookie_client.post(PROFILES_URL, json=FULL_PROFILE, headers={"X-CSRFToken": token})
    assert created.status_code == 201, created.get_json()
    slug = created.get_json()["slug"]
    assert cookie_client.get(profile_url(slug)).status_code == 200  # reads need no token

    attempts = [
        cookie_client.put(profile_url(slug), json={"is_available": False}),
        cookie_client.patch(profile_url(slug), json={"is_available": False}),
        cookie_client.post(profile_url(slug, "verify-profile"), json={"name": "Forged Name"}),
        cookie_client.delete(profile_url(slug)),
    ]
    for response in attempts:
        assert_json_error(response, 403)
    stored = stored_profile(slug)
    assert stored is not None and stored.is_available is True and stored.verified_data is None

    patched = cookie_client.patch(profile_url(slug), json={"is_available": False},
                                  headers={"X-CSRFToken": token})
    assert patched.status_code == 200, patched.get_json()
    verified = cookie_client.post(profile_url(slug, "verify-profile"), json={"name": "Alice"},
                                  headers={"X-CSRFToken": token})
    assert verified.status_code == 200, verified.get_json()
    deleted = cookie_client.delete(profile_url(slug), headers={"X-CSRFToken": token})
    assert deleted.status_code == 200
    assert stored_profile(slug) is None


# --- what account and organization deletion take with them -------------------------------

def test_deleting_the_account_removes_the_profile_and_its_files(app, bearer_client,
                                                                 user: User, user_factory) -> None:
    created = bearer_client.post(PROFILES_URL, data={"resume_file": file(PDF_BYTES, "cv.pdf"),
                                                     "video_pitch": file(MP4_BYTES, "a.mp4")})
    slug = created.get_json()["slug"]
    recruiter = user_factory("recruiter@example.com")
    make_org(recruiter)
    other = make_profile(user_factory("other@example.com"))
    assert len(stored_files(app)) == 2

    response = bearer_client.delete(f"/api/auth/users/{user.id}/")

    assert response.status_code == 200, response.get_json()
    assert stored_profile(slug) is None
    assert stored_profile(other.slug) is not None
    assert stored_files(app) == []
    assert_json_error(login_client(app, recruiter).get(profile_url(slug)), 404)


def test_deleting_an_organization_removes_its_sourced_profiles(app, user_factory) -> None:
    root = user_factory("root@example.com")
    org = make_org(root, name="Closing Org")
    keeper_root = user_factory("keeper@example.com")
    keeper = make_org(keeper_root, name="Keeper Org")
    client = login_client(app, root)
    sourced = [client.post(PROFILES_URL, data={"organization": str(org.id),
                                               "resume_file": file(PDF_BYTES, f"{n}.pdf")})
               for n in range(2)]
    kept = login_client(app, keeper_root).post(PROFILES_URL, data={
        "organization": str(keeper.id), "resume_file": file(docx_bytes(), "k.docx")})
    candidate_profile = make_profile(user_factory("cand@example.com"))
    assert len(stored_files(app)) == 3

    response = client.delete(f"/api/organization/organizations/{org.id}/")

    assert response.status_code == 204
    for created in sourced:
        assert stored_profile(created.get_json()["slug"]) is None
    assert stored_profile(kept.get_json()["slug"]) is not None
    assert stored_profile(candidate_profile.slug) is not None
    remaining: list[Path] = stored_files(app)
    assert len(remaining) == 1 and remaining[0].read_bytes() == docx_bytes()
