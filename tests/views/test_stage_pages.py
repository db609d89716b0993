"""The pages around the board: the organization's stages (owner edits, members read), the job
page's pipeline link, status and "Add to this job", search results' "Add to job", and the
dashboard's candidates by stage."""

from __future__ import annotations

import pytest

from tests.api.jobs_helpers import ranked, stored_job
from tests.api.pipeline_helpers import candidate_with_resume, stage_named
from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from tests.views.recruiter_helpers import Recruiting, post, text_of
from tests.views.recruiter_helpers import recruiting_fixture as recruiting_fixture  # fixture
from tests.views.recruiter_helpers import staged_fixture as staged_fixture  # fixture
from webapp.extensions import db
from webapp.models import Application, Stage
from webapp.services import applications, pipeline, stages


@pytest.fixture
def org(staged: Recruiting) -> Recruiting:
    return staged


def stages_url(recruiting: Recruiting) -> str:
    return f"/organizations/{recruiting.acme.id}/stages/"


def test_owner_adds_renames_and_deletes_stages(org: Recruiting) -> None:
    client = org.client(org.owner)
    assert "Edit the hiring stages" in text_of(client.get(f"/organizations/{org.acme.id}"))
    post(client, stages_url(org), {"name": "Take-home", "kind": "interview", "position": "3",
                                   "notify_shown": "1", "notify_candidate": "1"})
    added = db.session.scalar(db.select(Stage).where(Stage.name == "Take-home"))
    assert added.position == 3 and added.notify_candidate
    response = post(client, f"{stages_url(org)}{added.id}", {"name": "Case study", "kind": "interview",
                                                             "notify_shown": "1"}, follow_redirects=True)
    assert "The stage is saved." in text_of(response)
    db.session.expire_all()
    assert added.name == "Case study" and not added.notify_candidate
    hired = stage_named(org.acme, "Hired")
    refused = post(client, f"{stages_url(org)}{hired.id}/delete", follow_redirects=True)
    assert "at least one" in text_of(refused)
    assert post(client, f"{stages_url(org)}{added.id}/delete").status_code == 302
    assert db.session.scalar(db.select(Stage.id).where(Stage.id == added.id)) is None
    blank = post(client, stages_url(org), {"name": " ", "kind": "screen"}, follow_redirects=True)
    assert "required" in text_of(blank)


def test_a_stage_with_candidates_is_not_deleted(org: Recruiting) -> None:
    candidate = make_user("jane@mail.example", first_name="Jane")
    candidate_with_resume(candidate)
    applications.apply(candidate, org.job.id, None)
    db.session.commit()
    applied = stage_named(org.acme, "Applied")
    extra = stages.create(org.owner, org.acme.id, {"name": "Second inbox", "kind": "new"})
    db.session.commit()
    response = post(org.client(org.owner), f"{stages_url(org)}{applied.id}/delete", follow_redirects=True)
    assert "1 active application is in this stage" in text_of(response)
    assert db.session.get(Stage, applied.id) is not None and extra.id


def test_members_read_outsiders_do_not_see(org: Recruiting) -> None:
    member = org.client(org.colleague)
    html = text_of(member.get(stages_url(org)))
    assert "Only the organization&#39;s owner" in html or "Only the organization's owner" in html
    assert 'name="name"' not in html
    offer = stage_named(org.acme, "Offer")
    post(member, f"{stages_url(org)}{offer.id}", {"name": "Hacked", "kind": "offer"})
    db.session.expire_all()
    assert offer.name == "Offer"
    assert org.client(org.outsider).get(stages_url(org)).status_code == 404


def test_job_page_links_the_board_and_adds_ranked_candidates(org: Recruiting) -> None:
    profile = make_profile(organization=org.acme, slug="ann-lee-abc123", resume_data={"name": "Ann Lee"})
    job = ranked(org.job)
    job.candidate_ranking_data = {**job.candidate_ranking_data, "ranked_candidates": [
        {**job.candidate_ranking_data["ranked_candidates"][0], "candidate_id": profile.id}]}
    db.session.commit()
    client = org.client(org.owner)
    html = text_of(client.get(f"/jobs/{org.job.id}"))
    assert f'href="/jobs/{org.job.id}/pipeline/"' in html and "Add to this job" in html
    response = post(client, f"/jobs/{org.job.id}/pipeline/add",
                    {"candidate": profile.slug, "next": f"/jobs/{org.job.id}"}, follow_redirects=True)
    assert "In the pipeline: Applied" in text_of(response)
    assert db.session.scalar(db.select(Application.score)) == pytest.approx(0.91)


def test_job_form_sets_the_status(org: Recruiting) -> None:
    client = org.client(org.owner)
    html = text_of(client.get(f"/jobs/{org.job.id}/edit"))
    assert 'name="status"' in html
    data = {"title": org.job.title, "job_desc": "About it", "status": "closed", "skills": ["Python"]}
    assert post(client, f"/jobs/{org.job.id}/edit", data).status_code == 302
    assert stored_job(org.job.id).status == "closed"


def test_search_results_add_to_a_chosen_job(org: Recruiting) -> None:
    profile = make_profile(organization=org.acme, resume_data={"name": "Sam Source"})
    client = org.client(org.owner)
    response = post(client, "/pipeline/add", {"candidate": profile.slug, "job": org.job.id,
                                              "next": "/candidates/search?q=python"})
    assert response.status_code == 302 and response.headers["Location"] == "/candidates/search?q=python"
    assert db.session.scalar(db.select(Application.job_id)) == org.job.id
    other = post(client, "/pipeline/add", {"candidate": profile.slug, "job": org.rival_job.id},
                 follow_redirects=True)
    assert "Choose one of your jobs." in text_of(other)
    assert db.session.scalar(db.select(db.func.count()).select_from(Application)) == 1


def test_dashboard_counts_candidates_by_stage(org: Recruiting) -> None:
    for number in range(3):
        candidate = make_user(f"c{number}@mail.example")
        candidate_with_resume(candidate)
        application = applications.apply(candidate, org.job.id, None)
        if number == 0:
            pipeline.move(org.owner, application, stage_named(org.acme, "Interview").id)
    db.session.commit()
    html = text_of(org.client(org.owner).get("/dashboard"))
    assert "New 2" in html and "Interview 1" in html
