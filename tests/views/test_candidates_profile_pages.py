"""Candidate profile page (/candidates/<slug>): resume viewer and text, where each field comes
from, preferences, private fields, and who may open it."""

from __future__ import annotations

import re

from flask import Flask

from tests.api.notes_helpers import make_note, put_file, url_path
from tests.api.profile_helpers import MP4_BYTES
from tests.helpers import make_user
from tests.views.candidates_helpers import RESUME_TEXT, World, build_world
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import HX
from webapp.extensions import db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def url(world: World, which: str = "profile") -> str:
    return f"/candidates/{getattr(world, which).slug}"


def test_a_recruiter_opens_a_candidates_profile(world: World) -> None:
    response = world.client(world.recruiter).get(url(world))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Dana Devlin</h1>" in html
    assert 'data-note-source tabindex="0" role="region"' in html
    assert "Built Django REST APIs and PostgreSQL schemas for payments." in html
    frame = re.search(r'<iframe class="resume-frame" src="([^"]+)"', html)
    assert frame, "the PDF is embedded"
    assert "/files/private/" in frame.group(1)
    assert "read from resume" in html and "confirmed by candidate" not in html
    assert "Senior Python Developer" in html and "TU Berlin" in html
    assert "remote" in html  # preferences
    assert 'id="notes"' in html and 'id="chat"' in html


def test_the_embedded_resume_may_be_framed_by_the_site(world: World) -> None:
    client = world.client(world.recruiter)
    html = client.get(url(world)).get_data(as_text=True)
    src = re.search(r'<iframe class="resume-frame" src="([^"]+)"', html).group(1)
    response = client.get(url_path(src.replace("&amp;", "&")))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'none'" not in response.headers["Content-Security-Policy"]


def test_confirmed_fields_are_labelled_so(app: Flask) -> None:
    world = build_world(app)
    world.profile.verified_data = {"name": "Dana D. Devlin", "location": "Hamburg"}
    db.session.commit()
    html = world.client(world.recruiter).get(url(world)).get_data(as_text=True)
    assert "<h1>Dana D. Devlin</h1>" in html
    assert re.search(r"Hamburg\s*<span class=\"badge ok\">confirmed by candidate</span>", html)
    assert re.search(r"dana@example.com\s*<span class=\"badge\">read from resume</span>", html)


def test_accommodations_show_only_when_the_candidate_shares_them(app: Flask) -> None:
    world = build_world(app, accommodation_needs="Screen reader friendly documents")
    client = world.client(world.recruiter)
    assert "Screen reader friendly documents" not in client.get(url(world)).get_data(as_text=True)
    world.profile.share_accommodations = True
    db.session.commit()
    assert "Screen reader friendly documents" in client.get(url(world)).get_data(as_text=True)


def test_a_sourced_profile_shows_to_its_organization_only(world: World) -> None:
    assert world.client(world.colleague).get(url(world, "sourced")).status_code == 200
    assert world.client(world.rival).get(url(world, "sourced")).status_code == 404
    assert world.client(world.recruiter).get(url(world, "rival_sourced")).status_code == 404
    assert world.client(world.recruiter).get("/candidates/no-such-profile-x1").status_code == 404


def test_a_candidate_sees_their_own_profile_but_no_other(world: World) -> None:
    client = world.client(world.candidate)
    assert client.get(url(world)).status_code == 200
    assert client.get(url(world, "sourced")).status_code == 404
    other = make_user("other@example.com")
    assert world.client(other).get(url(world)).status_code == 404


def test_not_signed_in_goes_to_login(world: World) -> None:
    response = world.client(None).get(url(world))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_resume_text_notes_and_names_are_escaped(app: Flask) -> None:
    world = build_world(app)
    world.profile.resume_text = f"Intro\n{XSS}\n" + RESUME_TEXT
    world.profile.resume_data = {**world.profile.resume_data, "name": XSS, "summary": XSS}
    db.session.commit()
    make_note(world.profile, world.recruiter, XSS, selected_text=XSS, section=XSS)
    html = world.client(world.recruiter).get(url(world)).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("&lt;script&gt;") >= 5  # title, heading, resume text, summary, note


def test_the_parsing_partial_follows_visibility(world: World) -> None:
    client = world.client(world.recruiter)
    response = client.get(f"{url(world)}/parsing", headers=HX)
    assert response.status_code == 286  # parsed: HTMX stops polling
    assert 'id="parsing-' in response.get_data(as_text=True)
    assert client.get(f"{url(world, 'rival_sourced')}/parsing", headers=HX).status_code == 404


def test_the_parsing_partial_of_an_upload_also_refreshes_the_list_row(world: World) -> None:
    client = world.client(world.recruiter)
    html = client.get(f"{url(world, 'sourced')}/parsing?row=1", headers=HX).get_data(as_text=True)
    assert f'<tr id="sourced-{world.sourced.id}" hx-swap-oob="true">' in html
    assert "Sam Sourced" in html


def test_a_resume_being_read_streams_its_progress(world: World) -> None:
    world.sourced.resume_file = world.profile.resume_file
    world.sourced.parsing_status = "parsing"
    db.session.commit()
    client = world.client(world.recruiter)
    html = client.get(url(world, "sourced")).get_data(as_text=True)
    assert f'sse-connect="/events/profile-{world.sourced.id}?until=done"' in html
    assert 'hx-trigger="sse:task, every 5s"' in html
    assert "Reading the resume" in html
    partial = client.get(f"{url(world, 'sourced')}/parsing", headers=HX)
    assert partial.status_code == 200  # still under way: HTMX keeps listening


def test_the_video_pitch_plays_in_the_page(app: Flask) -> None:
    world = build_world(app)
    world.profile.video_pitch = put_file(app, "candidate-video-pitches", MP4_BYTES, "mp4")
    db.session.commit()
    html = world.client(world.recruiter).get(url(world)).get_data(as_text=True)
    video = re.search(r'<video class="video-pitch" controls preload="metadata" src="([^"]+)">', html)
    assert video and "/files/private/" in video.group(1)
