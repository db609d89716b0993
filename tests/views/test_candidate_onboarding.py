"""Candidate onboarding pages: upload a resume, watch it being read, review and confirm."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient

from tests.api.notes_helpers import make_org
from tests.api.profile_helpers import PDF_BYTES, docx_bytes, make_profile, settled_profile, stored_profile
from tests.helpers import make_user, png_bytes
from tests.views.candidate_helpers import candidate, resume_pdf
from tests.views.helpers import login_page
from tests.views.helpers import page_token as token
from webapp import storage
from webapp.extensions import db
from webapp.models import CandidateProfile
from webapp.uploads import Upload

PARSED = {"name": "Jane Doe", "email": "jane@example.com", "location": "Berlin",
          "summary": "Backend developer.", "skills": ["Python", "Django", "PostgreSQL"],
          "experience": [{"company": "Acme", "title": "Developer", "start": "2019-01", "end": None,
                          "current": True, "description": "Built things."}],
          "education": [{"institution": "TU Berlin", "degree": "BSc", "field": "Computer Science",
                         "start": "2014", "end": "2018"}]}


def upload(client: FlaskClient, data: bytes, name: str = "cv.pdf", **extra):  # noqa: ANN201
    return client.post("/me/resume", data={"csrf_token": token(client, "/me/resume"),
                                           "resume": (io.BytesIO(data), name), **extra},
                       content_type="multipart/form-data")


def review_form(profile: CandidateProfile | None = None, **changes) -> dict:
    data = {"name": "Jane Doe", "email": "jane@example.com", "phone": "", "location": "Berlin",
            "headline": "Backend developer", "linkedin": "", "summary": "Backend developer.",
            "skills": ["Python", "Django"], "skill": "",
            "work_experience-0-position": "Developer", "work_experience-0-company": "Acme",
            "work_experience-0-duration": "2019-01 – present", "work_experience-0-location": "",
            "work_experience-0-description": "Built things.",
            "education-3-institution": "TU Berlin", "education-3-degree": "BSc",
            "education-3-field": "", "education-3-duration": "2014 – 2018",
            "education-3-description": ""}
    data.update(changes)
    return data


# --- upload -------------------------------------------------------------------------------

def test_the_upload_page_says_there_is_no_resume_yet(client: FlaskClient) -> None:
    candidate(client)
    page = client.get("/me/resume")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "No resume yet — upload one to get started" in body
    assert 'enctype="multipart/form-data"' in body and 'for="resume"' in body


def test_a_first_upload_creates_the_profile_and_the_page_shows_what_was_read(client: FlaskClient) -> None:
    user = candidate(client)
    response = upload(client, resume_pdf())
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/resume")
    profile = settled_profile(CandidateProfile.query.filter_by(user_id=user.id).one().slug)
    assert profile.parsing_status == "parsed" and profile.resume_data["name"] == "Jane Doe"

    page = client.get("/me/resume").get_data(as_text=True)
    assert "Your resume is uploaded" in page
    assert "sse-connect" not in page  # read already: the page holds no stream
    assert 'hx-trigger="sse:task"' in page and 'aria-live="polite"' in page
    partial = client.get("/me/resume/status", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in partial and 'id="parse-status"' in partial
    profile.parsing_status = "parsing"  # while it is read again, the page follows it live
    db.session.commit()
    page = client.get("/me/resume").get_data(as_text=True)
    assert f'sse-connect="/events/profile-{profile.id}?until=done"' in page and 'sse-close="end"' in page
    profile.parsing_status = "parsed"
    db.session.commit()
    assert "Jane Doe" in partial and "Python, Django, PostgreSQL" in partial
    assert 'href="/me/review?source=resume"' in partial


def test_a_second_upload_replaces_the_resume_of_the_same_profile(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    assert upload(client, docx_bytes("Jane Doe, Python developer"), "cv.docx").status_code == 302
    again = settled_profile(profile.slug)
    assert again.resume_filename == "cv.docx" and again.id == profile.id


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"just some text", "cv.txt", "Upload a PDF or DOCX file."),
    (png_bytes(), "cv.pdf", "Upload a PDF or DOCX file."),
    (b"", "cv.pdf", "The submitted file is empty."),
])
def test_a_refused_upload_says_why_next_to_the_field(client: FlaskClient, data: bytes, name: str,
                                                    message: str) -> None:
    candidate(client)
    response = upload(client, data, name)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert f'<p class="error" id="resume-error" role="alert">{message}</p>' in body
    assert 'aria-invalid="true"' in body
    assert CandidateProfile.query.count() == 0


def test_a_too_large_upload_says_how_large_it_may_be(app, make_app) -> None:  # noqa: ANN001
    client = make_app(RESUME_MAX_MB=1).test_client()
    candidate(client)
    response = upload(client, PDF_BYTES + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 413
    assert "The file is too large (at most 1 MB)." in response.get_data(as_text=True)


def test_no_file_chosen_is_explained(client: FlaskClient) -> None:
    candidate(client)
    response = client.post("/me/resume", data={"csrf_token": token(client, "/me/resume")})
    assert response.status_code == 400
    assert "Choose a PDF or DOCX file to upload." in response.get_data(as_text=True)


def test_an_upload_without_the_csrf_token_is_refused(client: FlaskClient) -> None:
    candidate(client)
    response = client.post("/me/resume", data={"resume": (io.BytesIO(PDF_BYTES), "cv.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert CandidateProfile.query.count() == 0


def test_a_failed_parse_offers_to_read_it_again(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_file="candidate-resumes/x.pdf", parsing_status="failed",
                 parsing_error="The file has no text")
    body = client.get("/me/resume/status").get_data(as_text=True)
    assert "We could not read this resume: The file has no text" in body
    assert "Try reading it again" in body


# --- review -------------------------------------------------------------------------------

def test_the_review_form_is_prefilled_with_what_was_read(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed")
    body = client.get("/me/review").get_data(as_text=True)
    assert 'value="Jane Doe"' in body and 'value="jane@example.com"' in body
    for skill in PARSED["skills"]:
        assert f'aria-label="Remove {skill}"' in body
        assert f'<input type="hidden" name="skills" value="{skill}">' in body
    assert 'name="work_experience-0-position" value="Developer"' in body
    assert 'name="work_experience-0-duration" value="2019-01 – present"' in body
    assert 'name="education-0-institution" value="TU Berlin"' in body
    assert 'list="skill-suggestions"' in body and 'hx-get="/skills/suggest"' in body
    assert "<template data-group-template=\"work_experience\">" in body


def test_the_review_form_prefers_what_the_candidate_confirmed(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed",
                 verified_data={"name": "Janet Doe", "skills": ["Rust"]})
    body = client.get("/me/review").get_data(as_text=True)
    assert 'value="Janet Doe"' in body and 'aria-label="Remove Rust"' in body
    assert "Remove Django" not in body


def test_after_a_new_resume_the_review_can_start_from_what_was_read(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed",
                 verified_data={"name": "Janet Doe", "skills": ["Rust"]})
    body = client.get("/me/review?source=resume").get_data(as_text=True)
    assert 'value="Jane Doe"' in body and 'aria-label="Remove Django"' in body
    assert "Remove Rust" not in body and "what we read from your newest resume" in body
    assert 'href="/me/review?source=resume"' in client.get("/me/review").get_data(as_text=True)


def test_confirming_stores_verified_data_through_the_service(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/review", data={**review_form(), "skill": "Kubernetes",
                                                "csrf_token": token(client, "/me/review")})
    assert response.status_code == 302 and response.headers["Location"].endswith("/me")
    verified = stored_profile(profile.slug).verified_data
    assert verified["name"] == "Jane Doe" and verified["headline"] == "Backend developer"
    assert verified["skills"] == ["Python", "Django", "Kubernetes"]
    assert verified["work_experience"] == [{"position": "Developer", "company": "Acme",
                                            "duration": "2019-01 – present",
                                            "description": "Built things."}]
    assert verified["education"][0]["institution"] == "TU Berlin"
    assert verified["phone"] is None  # left empty: nothing shows through from the resume
    assert {skill.name for skill in stored_profile(profile.slug).skills} >= {"Python", "Django"}
    assert "your profile is confirmed" in client.get("/me").get_data(as_text=True)


def test_review_errors_are_shown_next_to_the_fields_and_nothing_typed_is_lost(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    response = client.post("/me/review", data={
        **review_form(name="", email="not-an-email", linkedin="ftp://x", summary="Kept summary",
                      skills=["Python", "x" * 65]),
        "csrf_token": token(client, "/me/review")})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert '<p class="error" id="name-error">This field is required.</p>' in body
    assert 'id="email-error"' in body and 'id="linkedin-error"' in body
    assert "At most 100 skills of at most 64 characters each." in body
    assert "Kept summary</textarea>" in body and 'value="not-an-email"' in body
    assert 'name="education-0-institution" value="TU Berlin"' in body
    assert f'aria-label="Remove {"x" * 65}"' in body
    assert stored_profile(profile.slug).verified_data is None


def test_without_javascript_buttons_add_and_remove_skills_and_groups(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, resume_data=PARSED, parsing_status="parsed")
    csrf = token(client, "/me/review")
    body = client.post("/me/review", data={**review_form(skill="Go"), "add_skill": "1",
                                           "csrf_token": csrf}).get_data(as_text=True)
    assert 'aria-label="Remove Go"' in body
    body = client.post("/me/review", data={**review_form(), "remove_skill": "Django",
                                           "csrf_token": csrf}).get_data(as_text=True)
    assert "Remove Django" not in body and 'aria-label="Remove Python"' in body
    body = client.post("/me/review", data={**review_form(), "add_group": "work_experience",
                                           "csrf_token": csrf}).get_data(as_text=True)
    assert 'name="work_experience-1-position" value=""' in body
    body = client.post("/me/review", data={**review_form(), "remove_group": "work_experience:0",
                                           "csrf_token": csrf}).get_data(as_text=True)
    assert "work_experience-0-position" not in body and "No jobs listed." in body
    assert stored_profile(profile.slug).verified_data is None


def test_review_without_a_profile_sends_to_the_upload_page(client: FlaskClient) -> None:
    candidate(client)
    response = client.get("/me/review")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/resume")


# --- who may open these pages ---------------------------------------------------------------

@pytest.mark.parametrize("path", ["/me/resume", "/me/resume/status", "/me/review"])
def test_signed_out_visitors_are_sent_to_log_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/me/resume", "/me/resume/status", "/me/review"])
def test_recruiters_may_not_open_candidate_pages(client: FlaskClient, path: str) -> None:
    recruiter = make_user("rita@example.com")
    make_org("Acme", recruiter)
    login_page(client, "rita@example.com")
    assert client.get(path).status_code == 403


def test_a_candidate_sees_only_their_own_resume_and_review(client: FlaskClient) -> None:
    other = make_user("other@example.com", is_candidate=True)
    make_profile(other, resume_data={**PARSED, "name": "Other Person"}, parsing_status="parsed")
    user = candidate(client)
    make_profile(user, resume_data=PARSED, parsing_status="parsed", resume_file="candidate-resumes/a.pdf")
    for path in ("/me/review", "/me/resume/status"):
        body = client.get(path).get_data(as_text=True)
        assert "Other Person" not in body and "Jane Doe" in body


def test_a_candidate_may_not_listen_to_another_profiles_parsing(client: FlaskClient) -> None:
    other = make_profile(make_user("other@example.com", is_candidate=True), parsing_status="parsing")
    candidate(client)
    assert client.get(f"/events/profile-{other.id}").status_code == 404


def test_the_parse_status_keeps_itself_current_while_parsing(app) -> None:  # noqa: ANN001
    """Live events drive the status; while parsing it also polls and queues the latest
    refresh, so an event arriving during a refresh cannot leave it stale."""
    user = make_user("reading@example.com", is_candidate=True)
    make_profile(user, parsing_status="parsing",
                 resume_file=storage.store_upload("candidate-resumes", Upload(
                     data=PDF_BYTES, extension="pdf", content_type="application/pdf",
                     filename="cv.pdf")))
    client = login_page(app.test_client(), user.email)

    html = client.get("/me/resume/status", headers={"HX-Request": "true"}).get_data(as_text=True)

    assert 'hx-sync="this:queue last"' in html
    assert 'hx-trigger="sse:task, every 2s"' in html


# --- what the parse could not read; languages and certifications ---------------------------

def test_the_review_page_says_what_the_parse_could_not_read(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, parsing_status="parsed", resume_data={
        **PARSED, "experience": [], "language": "de", "unread_fields": ["phone", "experience"],
        "notices": ["Only the first 12 of 15 pages were read; move what matters most to them."]})
    body = client.get("/me/review").get_data(as_text=True)
    assert "your resume reads as German" in body
    assert "Only the first 12 of 15 pages were read" in body
    assert "We found nothing for your phone, work experience: please fill them in." in body


def test_the_review_page_says_why_a_parse_failed(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, parsing_status="failed", parsing_error="This PDF has no text (it may be a scan).")
    body = client.get("/me/review").get_data(as_text=True)
    assert "We could not read your resume: This PDF has no text (it may be a scan)." in body


def test_an_english_resume_read_in_full_shows_no_notice(client: FlaskClient) -> None:
    user = candidate(client)
    make_profile(user, parsing_status="parsed",
                 resume_data={**PARSED, "language": "en", "unread_fields": [], "notices": []})
    assert "data-parse-notices" not in client.get("/me/review").get_data(as_text=True)


def test_languages_certifications_and_a_parsed_link_are_confirmed_as_read(client: FlaskClient) -> None:
    user = candidate(client)
    profile = make_profile(user, parsing_status="parsed", resume_data={
        **PARSED, "languages": ["German", "French (B2)"], "certifications": ["AWS Solutions Architect"],
        "links": {"linkedin": "linkedin.com/in/jane-doe"}})
    body = client.get("/me/review").get_data(as_text=True)
    assert ">\r\nGerman\nFrench (B2)</textarea>" in body
    assert ">\r\nAWS Solutions Architect</textarea>" in body
    assert 'value="https://linkedin.com/in/jane-doe"' in body

    form = review_form(languages="German\nFrench (B2)\n\ngerman", certifications="AWS Solutions Architect",
                       linkedin="https://linkedin.com/in/jane-doe")  # as the form showed it
    response = client.post("/me/review", data={**form, "csrf_token": token(client, "/me/review")})

    assert response.status_code == 302
    verified = stored_profile(profile.slug).verified_data
    assert verified["languages"] == ["German", "French (B2)"]
    assert verified["certifications"] == ["AWS Solutions Architect"]
    assert verified["linkedin"] == "https://linkedin.com/in/jane-doe"
