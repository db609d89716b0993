"""Deleting from the pages: an organization (by its owner, on /organizations/<id>), a candidate's
own profile (on /me) and a profile an organization sourced (on /candidates/<slug>). Each asks
first (data-confirm), works as a plain POST and redirect, and removes the files too."""

from __future__ import annotations

from flask import Flask

from tests.api.jobs_helpers import make_job, make_org, stored_job
from tests.api.notes_helpers import key_path, make_note, note_count, put_file, stored_note
from tests.api.profile_helpers import MP4_BYTES, PDF_BYTES, make_profile, stored_profile
from tests.helpers import make_user, png_bytes
from tests.views.candidates_helpers import World
from tests.views.candidates_helpers import world as world  # fixture
from tests.views.helpers import login_page
from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from webapp.extensions import db
from webapp.models import Organization


def stored_org(organization_id: int) -> Organization | None:
    db.session.expire_all()
    return db.session.get(Organization, organization_id)


def signed_out(response) -> bool:  # noqa: ANN001
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


# --- organization ------------------------------------------------------------------------------

def test_the_owner_is_warned_before_deleting_the_organization(recruiting: Recruiting) -> None:
    html = text_of(recruiting.client(recruiting.owner).get(f"/organizations/{recruiting.acme.id}"))
    assert f'action="/organizations/{recruiting.acme.id}/delete"' in html
    assert ('data-confirm="Delete Acme for good? Its jobs, its sourced candidates and their files '
            'go too."') in html
    assert "Its jobs and their rankings, its sourced candidates" in html
    assert "with their resumes, videos and notes" in html
    assert ">Delete organization</button>" in html


def test_members_are_not_offered_the_delete_button(recruiting: Recruiting) -> None:
    html = text_of(recruiting.client(recruiting.colleague).get(f"/organizations/{recruiting.acme.id}"))
    assert "Delete organization" not in html and "/delete" not in html


def test_the_owner_deletes_the_organization_with_its_jobs_candidates_and_files(
        recruiting: Recruiting) -> None:
    app, acme = recruiting.app, recruiting.acme
    logo = put_file(app, "organization-avatars", png_bytes(), "png")
    acme.avatar = logo
    db.session.commit()
    resume = put_file(app, "candidate-resumes", PDF_BYTES)
    video = put_file(app, "candidate-video-pitches", MP4_BYTES, "mp4")
    sourced = make_profile(organization=acme, resume_file=resume, video_pitch=video)
    attachment = put_file(app, "candidate-notes", PDF_BYTES)
    make_note(sourced, recruiting.owner, "Call back", note_file=attachment)
    client = recruiting.client(recruiting.owner)
    acme_id, job_id, slug = acme.id, recruiting.job.id, sourced.slug
    rival_id, rival_job_id = recruiting.rival.id, recruiting.rival_job.id

    response = post(client, f"/organizations/{acme_id}/delete")

    # Rita owned only Acme: now a member without an organization, she is offered to create one.
    assert response.status_code == 302 and response.headers["Location"] == "/organizations/new"
    landing = text_of(client.get("/organizations/new"))
    assert "Acme is deleted, with its jobs and sourced candidates." in landing
    assert stored_org(acme_id) is None and stored_job(job_id) is None
    assert stored_profile(slug) is None and note_count() == 0
    for key in (logo, resume, video, attachment):
        assert not key_path(app, key).exists(), key
    assert stored_org(rival_id) is not None and stored_job(rival_job_id) is not None


def test_an_owner_with_another_organization_lands_on_the_dashboard(recruiting: Recruiting) -> None:
    make_org("Second", recruiting.owner)
    acme_id = recruiting.acme.id
    response = post(recruiting.client(recruiting.owner), f"/organizations/{acme_id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"
    assert stored_org(acme_id) is None


def test_only_the_owner_deletes_and_outsiders_do_not_see(recruiting: Recruiting) -> None:
    url = f"/organizations/{recruiting.acme.id}/delete"
    assert post(recruiting.client(recruiting.colleague), url).status_code == 403
    assert post(recruiting.client(recruiting.outsider), url).status_code == 404
    assert post(recruiting.client(recruiting.candidate), url).status_code == 404
    assert post(recruiting.client(recruiting.owner), "/organizations/999999/delete").status_code == 404
    assert signed_out(post(recruiting.client(), url))
    assert stored_org(recruiting.acme.id) is not None and stored_job(recruiting.job.id) is not None


def test_deleting_without_the_csrf_token_is_refused(recruiting: Recruiting) -> None:
    client = recruiting.client(recruiting.owner)
    response = client.post(f"/organizations/{recruiting.acme.id}/delete")
    assert response.status_code == 400
    assert stored_org(recruiting.acme.id) is not None


def test_deleting_is_a_post(recruiting: Recruiting) -> None:
    response = recruiting.client(recruiting.owner).get(f"/organizations/{recruiting.acme.id}/delete")
    assert response.status_code == 405
    assert stored_org(recruiting.acme.id) is not None


# --- a candidate's own profile -------------------------------------------------------------------

def test_a_candidate_deletes_their_profile_and_its_files(app: Flask) -> None:
    user = make_user("cara@example.com", first_name="Cara")
    resume = put_file(app, "candidate-resumes", PDF_BYTES)
    video = put_file(app, "candidate-video-pitches", MP4_BYTES, "mp4")
    profile = make_profile(user, resume_file=resume, resume_filename="cara.pdf", video_pitch=video,
                           parsing_status="parsed", resume_data={"name": "Cara"})
    recruiter = make_user("rita@example.com")
    make_org("Acme", recruiter)
    attachment = put_file(app, "candidate-notes", PDF_BYTES)
    note = make_note(profile, recruiter, "Strong", note_file=attachment)
    client = login_page(app.test_client(), user.email)
    html = text_of(client.get("/me"))
    assert '<h2 id="delete-heading">Delete my profile</h2>' in html
    assert 'action="/me/delete"' in html
    assert 'data-confirm="Delete your profile for good? Your resume and video go too."' in html

    slug, note_id = profile.slug, note.id

    response = post(client, "/me/delete")

    assert response.status_code == 302 and response.headers["Location"] == "/me/resume"
    assert "Your profile is deleted, with your resume and video." in text_of(client.get("/me/resume"))
    assert stored_profile(slug) is None and stored_note(note_id) is None
    for key in (resume, video, attachment):
        assert not key_path(app, key).exists(), key
    assert "No resume yet" in text_of(client.get("/me"))


def test_a_candidate_without_a_profile_is_sent_to_the_upload(app: Flask) -> None:
    make_user("cara@example.com", is_candidate=True)
    client = login_page(app.test_client(), "cara@example.com")
    response = post(client, "/me/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/me/resume"


def test_deleting_a_profile_on_me_is_for_signed_in_candidates(world: World) -> None:
    assert post(world.client(world.recruiter), "/me/delete").status_code == 403
    assert signed_out(post(world.client(None), "/me/delete"))
    assert stored_profile(world.profile.slug) is not None


# --- a sourced profile -------------------------------------------------------------------------

def test_a_member_deletes_a_sourced_profile_with_its_files_and_notes(world: World) -> None:
    app, sourced, slug = world.app, world.sourced, world.sourced.slug
    sourced.resume_file = put_file(app, "candidate-resumes", PDF_BYTES)
    db.session.commit()
    resume = sourced.resume_file
    attachment = put_file(app, "candidate-notes", PDF_BYTES)
    make_note(sourced, world.colleague, "Colleague's note", note_file=attachment)
    make_note(world.profile, world.recruiter, "Kept")
    client = world.client(world.recruiter)
    html = text_of(client.get(f"/candidates/{sourced.slug}"))
    assert f'action="/candidates/{sourced.slug}/delete"' in html
    assert 'data-confirm="Delete Sam Sourced for good?' in html

    response = post(client, f"/candidates/{sourced.slug}/delete")

    assert response.status_code == 302 and response.headers["Location"] == "/candidates/sourced"
    page = text_of(client.get("/candidates/sourced"))
    assert "Sam Sourced is deleted, with the resume and the notes on it." in page
    assert stored_profile(slug) is None and note_count() == 1
    assert not key_path(app, resume).exists() and not key_path(app, attachment).exists()
    assert stored_profile(world.profile.slug) is not None


def test_a_colleague_may_delete_it_too(world: World) -> None:
    slug = world.sourced.slug
    response = post(world.client(world.colleague), f"/candidates/{slug}/delete")
    assert response.status_code == 302 and stored_profile(slug) is None


def test_a_candidates_own_profile_offers_no_delete_and_refuses_it(world: World) -> None:
    client = world.client(world.recruiter)
    html = text_of(client.get(f"/candidates/{world.profile.slug}"))
    assert "Delete this candidate" not in html and "/delete" not in html
    assert post(client, f"/candidates/{world.profile.slug}/delete").status_code == 403
    assert stored_profile(world.profile.slug) is not None
    assert world.profile.resume_file and key_path(world.app, world.profile.resume_file).exists()


def test_another_organizations_profile_is_not_found(world: World) -> None:
    client = world.client(world.recruiter)
    assert post(client, f"/candidates/{world.rival_sourced.slug}/delete").status_code == 404
    assert post(client, "/candidates/no-such-profile-abc123/delete").status_code == 404
    assert post(world.client(world.candidate), f"/candidates/{world.sourced.slug}/delete").status_code == 404
    assert signed_out(post(world.client(None), f"/candidates/{world.sourced.slug}/delete"))
    assert stored_profile(world.rival_sourced.slug) is not None
    assert stored_profile(world.sourced.slug) is not None


def test_a_sourced_profile_is_not_deleted_without_the_csrf_token(world: World) -> None:
    response = world.client(world.recruiter).post(f"/candidates/{world.sourced.slug}/delete")
    assert response.status_code == 400 and stored_profile(world.sourced.slug) is not None


def test_deleting_an_organization_leaves_other_organizations_candidates(app: Flask) -> None:
    owner = make_user("o@example.com")
    acme, other = make_org("Acme", owner), make_org("Other", owner)
    make_job(other, owner, "Kept job")
    kept = make_profile(organization=other)
    gone = make_profile(organization=acme)
    client = login_page(app.test_client(), owner.email)
    gone_slug, kept_slug = gone.slug, kept.slug
    assert post(client, f"/organizations/{acme.id}/delete").status_code == 302
    assert stored_profile(gone_slug) is None and stored_profile(kept_slug) is not None
