"""The board and the application page: columns and cards, moving by the menu (what the
keyboard and drag and drop use), rejecting with a reason, reopening, bulk changes, adding a
candidate from the ranking, and who may see them."""

from __future__ import annotations

import re

import pytest

from tests.api.pipeline_helpers import candidate_with_resume, stage_named, stored_application
from tests.api.profile_helpers import make_profile
from tests.helpers import count_queries, make_user
from tests.views.helpers import HX
from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from tests.views.recruiter_helpers import staged_fixture as staged_fixture  # fixture
from webapp import queue
from webapp.extensions import db
from webapp.models import Application
from webapp.services import applications


@pytest.fixture
def pipeline(staged: Recruiting) -> Recruiting:
    return staged


def applicant(recruiting: Recruiting, email: str = "jane@mail.example", first: str = "Jane") -> Application:
    user = make_user(email, first_name=first, last_name="Doe")
    candidate_with_resume(user)
    application = applications.apply(user, recruiting.job.id, "Hello")
    db.session.commit()
    return application


def board_url(recruiting: Recruiting, **query) -> str:
    suffix = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/jobs/{recruiting.job.id}/pipeline/" + (f"?{suffix}" if suffix else "")


def test_board_shows_columns_with_counts_and_cards(pipeline: Recruiting) -> None:
    applicant(pipeline)
    html = text_of(pipeline.client(pipeline.colleague).get(board_url(pipeline)))
    assert [name.strip() for name in re.findall(r'<h2 class="h3" id="stage-\d+">([^<]+)<', html)] == [
        "Applied", "Phone screen", "Interview", "Offer", "Hired"]
    assert "Jane Doe" in html and "Applied\n    · not ranked" in html
    assert 'sse-connect="/events/board-' in html
    assert 'aria-label="1 candidate"' in html


def test_move_by_the_menu_redraws_the_board_and_records_it(pipeline: Recruiting, outbox) -> None:  # noqa: ANN001
    application = applicant(pipeline)
    client = pipeline.client(pipeline.colleague)
    interview = stage_named(pipeline.acme, "Interview")
    response = post(client, f"/jobs/{pipeline.job.id}/pipeline/move",
                    {"application_id": application.id, "stage": interview.id}, headers=HX)
    assert response.status_code == 200
    html = text_of(response)
    assert 'id="board"' in html and "The candidate is moved." in html and "data-focus" in html
    assert stored_application(application.id).stage.name == "Interview"
    assert queue.wait_idle(pipeline.app)
    assert "Interviewing" in outbox.last_body("jane@mail.example")
    plain = post(client, f"/jobs/{pipeline.job.id}/pipeline/move",
                 {"application_id": application.id, "stage": stage_named(pipeline.acme, "Offer").id})
    assert plain.status_code == 302
    assert plain.headers["Location"].endswith(f"/jobs/{pipeline.job.id}/pipeline/")


def test_bad_moves_say_why_without_a_500(pipeline: Recruiting) -> None:
    application = applicant(pipeline)
    client = pipeline.client(pipeline.colleague)
    url = f"/jobs/{pipeline.job.id}/pipeline/move"
    rival_stage = stage_named(pipeline.rival, "Offer")
    for data in ({"application_id": application.id, "stage": rival_stage.id},
                 {"application_id": application.id, "stage": "x"},
                 {"application_id": "nope", "stage": 1}):
        response = post(client, url, data, headers=HX)
        assert response.status_code == 200, data  # HTMX swaps only a success: the board says why
        assert 'class="alert alert-error"' in text_of(response)
    expired = client.post(url, data={"application_id": application.id, "stage": 1}, headers=HX)
    assert expired.status_code == 400  # the site-wide CSRF check answers before the board
    assert stored_application(application.id).stage.name == "Applied"


def test_reject_with_a_listed_or_written_reason_and_reopen(pipeline: Recruiting, outbox) -> None:  # noqa: ANN001
    application = applicant(pipeline)
    client = pipeline.client(pipeline.owner)
    response = post(client, f"/jobs/{pipeline.job.id}/pipeline/reject",
                    {"application_id": application.id, "reason": "other", "other_reason": "Went quiet"},
                    headers=HX)
    assert response.status_code == 200
    stored = stored_application(application.id)
    assert stored.status == "rejected" and stored.rejection_reason == "Went quiet"
    assert queue.wait_idle(pipeline.app)
    assert len(outbox.to("jane@mail.example")) == 1  # only the application email: not asked to notify
    closed = text_of(client.get(board_url(pipeline, show="closed")))
    assert "Jane Doe" in closed and "Reopen" in closed
    assert "Jane Doe" not in text_of(client.get(board_url(pipeline)))
    post(client, f"/jobs/{pipeline.job.id}/pipeline/reopen", {"application_id": application.id})
    assert stored_application(application.id).status == "active"
    empty = post(client, f"/jobs/{pipeline.job.id}/pipeline/reject",
                 {"application_id": application.id, "reason": "other", "other_reason": " "}, headers=HX)
    assert empty.status_code == 200 and "required" in text_of(empty)


def test_bulk_move_and_reject(pipeline: Recruiting) -> None:
    ids = [applicant(pipeline, f"c{n}@mail.example", f"C{n}").id for n in range(3)]
    client = pipeline.client(pipeline.owner)
    offer = stage_named(pipeline.acme, "Offer")
    response = post(client, f"/jobs/{pipeline.job.id}/pipeline/bulk",
                    {"ids": ids[:2], "action": "move", "stage": offer.id}, headers=HX)
    assert response.status_code == 200
    assert [stored_application(i).stage.name for i in ids] == ["Offer", "Offer", "Applied"]
    post(client, f"/jobs/{pipeline.job.id}/pipeline/bulk",
         {"ids": ids, "action": "reject", "reason": "Position filled or closed"})
    assert {stored_application(i).status for i in ids} == {"rejected"}
    nothing = post(client, f"/jobs/{pipeline.job.id}/pipeline/bulk", {"action": "move", "stage": offer.id},
                   headers=HX)
    assert nothing.status_code == 200 and "at least one" in text_of(nothing)


def test_more_cards_and_constant_queries(pipeline: Recruiting) -> None:
    for number in range(30):
        profile = make_profile(organization=pipeline.acme, resume_data={"name": f"Source {number:02d}"})
        applications.add(pipeline.owner, pipeline.job.id, profile.slug)
    db.session.commit()
    client = pipeline.client(pipeline.owner)
    html = text_of(client.get(board_url(pipeline)))
    assert html.count('class="card board-card"') == 25 and "Show more" in html and "(5)" in html
    applied = stage_named(pipeline.acme, "Applied")
    more = text_of(client.get(f"/jobs/{pipeline.job.id}/pipeline/stages/{applied.id}/cards?offset=25",
                              headers=HX))
    assert more.count('class="card board-card"') == 5 and "Show more" not in more
    expanded = text_of(client.get(board_url(pipeline, expand=applied.id)))
    assert expanded.count('class="card board-card"') == 30

    def queries_for_board() -> int:
        with count_queries(pipeline.app) as statements:
            client.get(board_url(pipeline))
        return len(statements)

    before = queries_for_board()
    for number in range(30, 60):
        profile = make_profile(organization=pipeline.acme, resume_data={"name": f"Source {number:02d}"})
        application = applications.add(pipeline.owner, pipeline.job.id, profile.slug)
        if number % 2:
            application.stage = stage_named(pipeline.acme, "Interview")
    db.session.commit()
    assert queries_for_board() == before + 1  # one more column holds cards now


def test_application_page_shows_the_candidate_actions_and_timeline(pipeline: Recruiting) -> None:
    application = applicant(pipeline)
    client = pipeline.client(pipeline.colleague)
    post(client, f"/jobs/{pipeline.job.id}/pipeline/move",
         {"application_id": application.id, "stage": stage_named(pipeline.acme, "Interview").id,
          "back": "application"})
    html = text_of(client.get(f"/applications/{application.id}"))
    assert "Jane Doe" in html and "Hello" in html
    assert "Moved from Applied to Interview by Carl" in html and "Applied, into Applied" in html
    assert "latest ranking" in html


def test_add_to_this_job_from_elsewhere(pipeline: Recruiting) -> None:
    profile = make_profile(organization=pipeline.acme, resume_data={"name": "Sam Source"})
    client = pipeline.client(pipeline.owner)
    response = post(client, f"/jobs/{pipeline.job.id}/pipeline/add",
                    {"candidate": profile.slug, "next": f"/jobs/{pipeline.job.id}"})
    assert response.status_code == 302 and response.headers["Location"] == f"/jobs/{pipeline.job.id}"
    assert db.session.scalar(db.select(Application.source)) == "sourced"
    again = post(client, f"/jobs/{pipeline.job.id}/pipeline/add",
                 {"candidate": profile.slug, "next": "https://evil.example/"}, follow_redirects=True)
    assert "already in this job" in text_of(again)


def test_who_may_see_the_board_and_applications(pipeline: Recruiting) -> None:
    application = applicant(pipeline)
    outsider = pipeline.client(pipeline.outsider)
    assert outsider.get(board_url(pipeline)).status_code == 404
    assert outsider.get(f"/applications/{application.id}").status_code == 404
    response = post(outsider, f"/jobs/{pipeline.job.id}/pipeline/move",
                    {"application_id": application.id, "stage": stage_named(pipeline.acme, "Offer").id})
    assert response.status_code in (302, 404)
    assert stored_application(application.id).stage.name == "Applied"
    assert pipeline.client(pipeline.candidate).get(board_url(pipeline)).status_code == 403
    anonymous = pipeline.app.test_client().get(board_url(pipeline))
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
