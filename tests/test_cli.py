"""`flask seed`: the demo data of `make run`, safe to load again."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from tests.conftest import bearer_token
from tests.views.helpers import login_page
from webapp.cli import DEMO_APPLICATIONS, DEMO_CANDIDATES, DEMO_JOBS, DEMO_PASSWORD, DEMO_USERS, RECRUITER
from webapp.extensions import db
from webapp.models import (
    Activity,
    Application,
    ApplicationEmail,
    CandidateProfile,
    Job,
    Organization,
    Skill,
    Stage,
    Task,
    User,
)


def test_seed_is_idempotent_and_prints_logins(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert f"{7 + len(DEMO_CANDIDATES) + len(DEMO_APPLICATIONS)} item(s) created" in first.output
    for spec in DEMO_USERS:
        assert spec["email"] in first.output
    assert DEMO_PASSWORD in first.output

    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0
    assert "0 item(s) created" in second.output
    assert db.session.query(User).count() == len(DEMO_USERS)
    organization = db.session.query(Organization).one()
    assert organization.root_user.email == "recruiter@demo.etb.local"
    assert [m.email for m in organization.members] == ["recruiter@demo.etb.local"]
    jobs = db.session.query(Job).all()
    assert len(jobs) == len(DEMO_JOBS) >= 3
    assert all(job.skills for job in jobs)
    assert db.session.query(Skill).filter_by(key="python").count() == 1  # shared by two jobs
    profiles = db.session.query(CandidateProfile).all()
    sourced = [p for p in profiles if p.user_id is None]
    assert len(sourced) == len(DEMO_CANDIDATES)
    assert all(p.organization_id == organization.id and p.rank_features for p in sourced)
    [own] = [p for p in profiles if p.user_id is not None]
    assert own.user.email == "candidate@demo.etb.local" and own.organization_id is None
    assert own.parsing_status == "parsed" and "Python" in {skill.name for skill in own.skills}

    for spec in DEMO_USERS:
        login = client.post("/api/token/", json={"email": spec["email"], "password": DEMO_PASSWORD})
        assert login.status_code == 200, spec["email"]


def test_demo_jobs_have_applications_in_several_stages(app, client):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed"]).exit_code == 0
    job = db.session.scalar(select(Job).where(Job.title == "Senior Python Engineer"))
    rows = db.session.execute(select(Stage.name, Application.status, Application.rejection_reason)
                              .join(Stage, Stage.id == Application.stage_id)
                              .where(Application.job_id == job.id)).all()
    active = Counter(name for name, status, _ in rows if status == "active")
    assert set(active) >= {"Applied", "Phone screen", "Interview", "Offer"}
    assert [reason for _, status, reason in rows if status == "rejected"] == ["Skills do not match the role"]
    assert db.session.scalar(select(func.count()).select_from(Application)
                             .where(Application.status == "hired")) == 1
    # Each step is in the timeline, done by the demo recruiter, in order and in the past.
    recruiter = db.session.scalar(select(User).where(User.email == RECRUITER["email"]))
    activity = db.session.scalars(select(Activity).order_by(Activity.application_id, Activity.id)).all()
    moves = sum(len(path) for _, _, path, _, _ in DEMO_APPLICATIONS)
    assert Counter(a.kind for a in activity) == {"sourced": len(DEMO_APPLICATIONS), "moved": moves,
                                                 "rejected": 1}
    assert {a.actor_id for a in activity} == {recruiter.id}
    for application in db.session.scalars(select(Application)):
        story = [a for a in activity if a.application_id == application.id]
        assert [a.at for a in story] == sorted(a.at for a in story)
        assert application.applied_at == story[0].at
        assert application.stage_entered_at == [a.at for a in story if a.kind != "rejected"][-1]
    # History, not news: nobody behind the demo addresses is emailed, no work is left queued.
    assert db.session.query(ApplicationEmail).count() == 0
    assert db.session.query(Task).count() == 0

    counts = (db.session.query(Application).count(), db.session.query(Activity).count())
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0 and "0 item(s) created" in second.output
    assert f"/jobs/{job.id}/pipeline/" in second.output
    assert (db.session.query(Application).count(), db.session.query(Activity).count()) == counts

    # What the newcomer sees: the recruiter's board, and the candidate's own applications.
    board = login_page(app.test_client(), RECRUITER["email"], DEMO_PASSWORD).get(f"/jobs/{job.id}/pipeline/")
    assert board.status_code == 200
    page = board.get_data(as_text=True)
    assert all(name in page for name in ("Ana Lima", "Carl Candidate", "Dara Novak", "Chen Wei"))
    token = bearer_token(client, "candidate@demo.etb.local", DEMO_PASSWORD)
    mine = client.get("/api/applications/", headers={"Authorization": f"Bearer {token}"}).json
    assert sorted(item["status_for_candidate"] for item in mine["results"]) == ["Interviewing", "Received"]
