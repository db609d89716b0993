"""`flask seed`: the demo data of `make run`, safe to load again."""

from __future__ import annotations

from webapp.cli import DEMO_CANDIDATES, DEMO_JOBS, DEMO_PASSWORD, DEMO_USERS
from webapp.extensions import db
from webapp.models import CandidateProfile, Job, Organization, Skill, User


def test_seed_is_idempotent_and_prints_logins(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert f"{7 + len(DEMO_CANDIDATES)} item(s) created" in first.output
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
