"""The candidate's profile page: what was read and confirmed, preferences, accommodations,
video pitch; and the XSS guard on everything a resume says."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient

from tests.api.notes_helpers import make_org
from tests.api.profile_helpers import MP4_BYTES, make_profile, stored_profile
from tests.helpers import make_user, png_bytes
from tests.views.candidate_helpers import candidate
from tests.views.helpers import login_page
from tests.views.helpers import page_token as token
from tests.views.test_candidate_onboarding import PARSED

XSS_NAME = "<script>alert(1)</script>"
XSS_SUMMARY = "<img src=x onerror=alert(1)>"


def test_without_a_profile_the_page_invites_an_upload(client: FlaskClient) -> None:
    candidate(client)
    body = client.get("/me").get_data(as_text=True)
    assert "No resume yet — upload one to get started." in body
    assert 'href="/me/resume"' in body


def test_the_profile_labels_read_and_confirmed_data(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed")
    body = client.get("/me").get_data(as_text=True)
    assert "Jane Doe" in body and "Read from your resume" in body
    assert "You have not confirmed what we read yet" in body


def test_confirmed_fields_say_so(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed",
                 verified_data={"name": "Janet Doe", "skills": ["Rust"]})
    body = client.get("/me").get_data(as_text=True)
    assert "Janet Doe" in body and "Confirmed by you" in body
    assert "You have not confirmed" not in body


def test_preferences_are_saved(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/preferences", data={
        "csrf_token": token(client, "/me"), "work_mode_preferences": ["remote", "hybrid"],
        "employment_type_preferences": ["full-time"], "willing_to_relocate": "y",
        "expected_salary_range": "60,000–70,000 EUR"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/me#preferences")
    saved = stored_profile(profile.slug)
    assert saved.work_mode_preferences == ["remote", "hybrid"]
    assert saved.employment_type_preferences == ["full-time"]
    assert saved.willing_to_relocate is True and saved.has_workvisa is False
    assert saved.is_available is False  # an unticked box is a "no"
    assert saved.expected_salary_range == "60,000–70,000 EUR"
    body = client.get("/me").get_data(as_text=True)
    assert "Your preferences are saved." in body
    assert ('<input checked id="work_mode_preferences-0" name="work_mode_preferences" '
            'type="checkbox" value="remote">') in body


def test_preference_errors_show_next_to_the_field_and_keep_what_was_typed(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/preferences", data={
        "csrf_token": token(client, "/me"), "work_mode_preferences": ["remote", "moon"],
        "expected_salary_range": "x" * 101})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'id="work_mode_preferences-error"' in body and "not a valid choice" in body
    assert 'id="expected_salary_range-error"' in body
    assert 'value="' + "x" * 101 + '"' in body
    assert stored_profile(profile.slug).expected_salary_range is None


def test_accommodations_are_private_until_shared(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    body = client.get("/me").get_data(as_text=True)
    assert "private to you" in body and "Share these answers with employers" in body
    response = client.post("/me/accommodations", data={
        "csrf_token": token(client, "/me"), "disability_categories": ["hearing"],
        "accommodation_needs": "Captions in meetings", "share_accommodations": "y"})
    assert response.status_code == 302
    saved = stored_profile(profile.slug)
    assert saved.disability_categories == ["hearing"] and saved.share_accommodations is True
    assert saved.accommodation_needs == "Captions in meetings"
    assert "shared with employers" in client.get("/me").get_data(as_text=True)


def test_accommodation_errors_are_shown(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/accommodations", data={
        "csrf_token": token(client, "/me"), "accommodation_needs": "y" * 5001})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'id="accommodation_needs-error"' in body and "no more than 5000 characters" in body
    assert "y" * 5001 + "</textarea>" in body


def test_a_video_pitch_is_uploaded_played_and_removed(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/video", data={"csrf_token": token(client, "/me"),
                                              "video": (io.BytesIO(MP4_BYTES), "pitch.mp4")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert stored_profile(profile.slug).video_pitch.endswith(".mp4")
    body = client.get("/me").get_data(as_text=True)
    assert "<video controls" in body and 'src="http://localhost/files/private/' in body

    response = client.post("/me/video", data={"csrf_token": token(client, "/me"), "remove": "1"})
    assert response.status_code == 302 and stored_profile(profile.slug).video_pitch is None


def test_a_video_that_is_not_a_video_is_refused_with_the_reason(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/video", data={"csrf_token": token(client, "/me"),
                                              "video": (io.BytesIO(png_bytes()), "pitch.mp4")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Upload an MP4, WebM or QuickTime video." in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/me", "/me/coach"])
def test_signed_out_visitors_are_sent_to_log_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize(("method", "path"), [("get", "/me"), ("post", "/me/preferences"),
                                              ("post", "/me/accommodations"), ("post", "/me/video"),
                                              ("get", "/me/coach")])
def test_recruiters_are_refused(client: FlaskClient, method: str, path: str) -> None:
    recruiter = make_user("rita@example.com")
    make_org("Acme", recruiter)
    login_page(client, "rita@example.com")
    response = getattr(client, method)(path, data={"csrf_token": token(client, "/account")}
                                       if method == "post" else None)
    assert response.status_code == 403


def test_a_candidate_changes_only_their_own_profile(client: FlaskClient) -> None:
    other = make_profile(make_user("other@example.com", is_candidate=True),
                         resume_data={**PARSED, "name": "Other Person"}, parsing_status="parsed")
    user = candidate(client)
    mine = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    assert "Other Person" not in client.get("/me").get_data(as_text=True)
    client.post("/me/preferences", data={"csrf_token": token(client, "/me"),
                                         "work_mode_preferences": ["remote"]})
    assert stored_profile(mine.slug).work_mode_preferences == ["remote"]
    assert stored_profile(other.slug).work_mode_preferences == []


def test_resume_text_is_rendered_inert_on_the_review_and_profile_pages(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, parsing_status="parsed", resume_file="candidate-resumes/x.pdf",
                 resume_data={**PARSED, "name": XSS_NAME, "summary": XSS_SUMMARY,
                              "skills": [XSS_NAME]})
    for path in ("/me/review", "/me", "/me/resume/status"):
        body = client.get(path).get_data(as_text=True)
        assert XSS_NAME not in body and XSS_SUMMARY not in body, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get("/me").get_data(as_text=True)
