"""Sourced candidates page (/candidates/sourced): the organization's sourced profiles with their
parsing status, and uploading one or many resumes, each becoming a sourced profile whose parsing
shows live; a refused file says why while the good ones go through."""

from __future__ import annotations

import io

from flask import Flask
from sqlalchemy import select

from tests.api.notes_helpers import pdf_bytes
from tests.api.profile_helpers import docx_bytes, profile_count
from tests.helpers import make_user
from tests.views.candidates_helpers import World, build_world
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import HX, login_page, page_token
from webapp import queue
from webapp.extensions import db
from webapp.models import CandidateProfile

SOURCED = "/candidates/sourced"


def files(*items: tuple[bytes, str]) -> list[tuple]:
    return [(io.BytesIO(data), name) for data, name in items]


def new_profiles(world: World) -> list[CandidateProfile]:
    db.session.expire_all()
    known = {world.profile.id, world.sourced.id, world.rival_sourced.id}
    return [p for p in db.session.scalars(select(CandidateProfile).order_by(CandidateProfile.id))
            if p.id not in known]


def test_the_page_lists_the_organizations_sourced_candidates_only(world: World) -> None:
    response = world.client(world.recruiter).get(SOURCED)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Sourced candidates</h1>" in html
    assert "Sam Sourced" in html and f'href="/candidates/{world.sourced.slug}"' in html
    assert "Rhea Rival" not in html and "Dana Devlin" not in html
    assert 'type="file"' in html and "multiple" in html and "data-dropzone" in html


def test_uploading_several_resumes_creates_one_profile_each_and_explains_refusals(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, SOURCED)
    response = client.post(SOURCED, headers={**HX, "X-CSRFToken": token}, data={
        "organization": str(world.sourced.organization_id),
        "resumes": files((pdf_bytes(), "first.pdf"), (docx_bytes("Jo Doe, Go developer"), "second.docx"),
                         (b"just some text", "notes.txt"), (b"", "empty.pdf"))})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="upload-results"' in html
    assert "notes.txt</strong>:" in html and "Upload a PDF or DOCX file." in html
    assert "empty.pdf</strong>:" in html and "The submitted file is empty." in html
    created = new_profiles(world)
    assert [p.resume_filename for p in created] == ["first.pdf", "second.docx"]
    assert all(p.organization_id == world.sourced.organization_id and p.user_id is None for p in created)
    for profile in created:
        assert f'href="/candidates/{profile.slug}"' in html
        assert f'id="parsing-{profile.id}"' in html
    # Live progress while the first resume is read; a quick in-process parse may already be
    # over when the answer is rendered, and then the final state shows instead.
    first = html.split(f'id="parsing-{created[0].id}"', 1)[1].split("</div>", 1)[0]
    assert (f'sse-connect="/events/profile-{created[0].id}?until=done"' in html
            or "The resume has been read." in first or "Not read" in first), html
    assert 'id="sourced-list" aria-labelledby="sourced-heading" hx-swap-oob="true"' in html
    queue.wait_idle(world.app)
    db.session.expire_all()
    assert {p.parsing_status for p in new_profiles(world)} <= {"parsed", "failed"}


def test_a_plain_upload_redirects_with_a_message_per_file(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, SOURCED)
    response = client.post(SOURCED, data={
        "csrf_token": token, "organization": str(world.sourced.organization_id),
        "resumes": files((pdf_bytes(), "good.pdf"), (b"GIF89a nope", "bad.pdf"))})
    assert response.status_code == 302 and response.headers["Location"].endswith(SOURCED)
    html = client.get(SOURCED).get_data(as_text=True)
    assert "good.pdf: uploaded; reading the resume now." in html
    assert "bad.pdf: not uploaded. Upload a PDF or DOCX file." in html
    assert len(new_profiles(world)) == 1


def test_a_too_large_file_is_refused_and_says_so(make_app) -> None:  # noqa: ANN001
    app = make_app(RESUME_MAX_MB=1)
    with make_app(variant="test body", RESUME_MAX_MB=1).app_context():  # requests get their own g
        world = build_world(app)
        client = world.client(world.recruiter)
        token = page_token(client, SOURCED)
        response = client.post(SOURCED, headers={**HX, "X-CSRFToken": token}, data={
            "organization": str(world.sourced.organization_id),
            "resumes": files((pdf_bytes() + b"\0" * (1024 * 1024 + 1), "huge.pdf"))})
        assert response.status_code == 200  # HTMX partial; the file is refused
        assert "the file is too large (at most 1 MB)." in response.get_data(as_text=True)
        assert new_profiles(world) == []


def test_no_file_chosen_is_explained(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, SOURCED)
    before = profile_count()
    response = client.post(SOURCED, data={"csrf_token": token,
                                          "organization": str(world.sourced.organization_id)})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="resumes-error">Choose at least one PDF or DOCX file.</p>' in html
    assert profile_count() == before


def test_another_organization_cannot_be_chosen(world: World) -> None:
    client = world.client(world.recruiter)
    token = page_token(client, SOURCED)
    response = client.post(SOURCED, data={
        "csrf_token": token, "organization": str(world.rival_sourced.organization_id),
        "resumes": files((pdf_bytes(), "good.pdf"))})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert new_profiles(world) == []


def test_the_page_is_for_recruiters_only(app: Flask, world: World) -> None:
    assert world.client(world.candidate).get(SOURCED).status_code == 403
    assert world.client(make_user("member@example.com")).get(SOURCED).status_code == 403
    anonymous = world.client(None).get(SOURCED)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login")
    client = login_page(app.test_client(), world.candidate.email)
    token = page_token(client, "/")  # the log-out form's token
    assert client.post(SOURCED, data={"csrf_token": token}).status_code == 403


def test_a_row_being_read_keeps_itself_current(world: World) -> None:
    world.sourced.resume_file = world.profile.resume_file
    world.sourced.parsing_status = "pending"
    db.session.commit()
    html = world.client(world.recruiter).get(SOURCED).get_data(as_text=True)
    row = html.split(f'<tr id="sourced-{world.sourced.id}"')[1].split("</tr>")[0]
    assert "Waiting" in row
    assert f'hx-get="/candidates/{world.sourced.slug}/parsing?row=1" hx-trigger="every 3s"' in row
