"""Helpers shared by the job post API tests (reference endpoints 22-26)."""

from __future__ import annotations

import re
from datetime import datetime

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import bearer_token
from webapp.extensions import db
from webapp.models import Job, Organization, User
from webapp.services.skills import skills_named

JOBS_URL = "/api/channels/jobs/"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
JOB_KEYS = {"id", "title", "job_desc", "workplace_type", "location", "job_type", "estimated_salary",
            "visa_required", "ranking_status", "ranking_task_id", "candidate_ranking_data",
            "skills", "user", "organization", "created_at", "updated_at",
            # from the pipeline contract
            "status", "applications_count"}
# The shape the ranking job stores (webapp.services.ranking.rank_job), kept small.
RANKING = {"ranked_at": "2026-11-20T09:15:00Z", "engine": "offline", "pool_size": 12,
           "required_skills": ["Python"],
           "ranked_candidates": [{"candidate_id": 7, "slug": "ann-lee-abc123", "score": 0.91,
                                  "match_reason": "Python, 6 years", "breakdown": {}}]}
# What the job list shows of it.
RANKING_SUMMARY = {"ranked_at": "2026-11-20T09:15:00Z", "engine": "offline", "pool_size": 12,
                   "ranked_count": 1}

VALID_JOB = {
    "title": "Senior Software Engineer",
    "job_desc": "We are looking for an experienced software engineer with Python and Django.",
    "workplace_type": "remote",
    "location": "San Francisco, CA",
    "job_type": "full-time",
    "estimated_salary": "$120,000 - $150,000",
    "visa_required": False,
    "skills": ["Python", "Django", "PostgreSQL"],
}




def job_url(job_id: int) -> str:
    return f"{JOBS_URL}{job_id}/"


def client_for(app: Flask, user: User | None) -> FlaskClient:
    """A client that authenticates as `user` with a Bearer header (anonymous for None)."""
    client = app.test_client()
    if user is not None:
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {bearer_token(client, user.email)}"
    return client


def make_org(name: str, root: User, *members: User) -> Organization:
    organization = Organization(name=name, root_user=root, members=[root, *members])
    db.session.add(organization)
    db.session.commit()
    return organization


def make_job(organization: Organization, author: User | None, title: str = "Backend Engineer", *,
             skills: tuple[str, ...] = (), created_at: datetime | None = None, **fields) -> Job:
    """A job row written directly to the database (not through the API)."""
    fields.setdefault("job_desc", f"About the {title} role.")
    job = Job(title=title, organization=organization, user=author, **fields)
    if created_at is not None:
        job.created_at = created_at
        job.updated_at = created_at
    job.skills = skills_named(list(skills))
    db.session.add(job)
    db.session.commit()
    return job


def ranked(job: Job) -> Job:
    """Give a job a finished ranking, as the ranking worker would."""
    job.ranking_status = "ranked"
    job.ranking_task_id = "task-uuid-1"
    job.candidate_ranking_data = RANKING
    db.session.commit()
    return job


def stored_job(job_id: int) -> Job | None:
    """The job as the database has it now (not a copy cached by the test's session)."""
    db.session.expire_all()
    return db.session.get(Job, job_id)


def job_count() -> int:
    db.session.expire_all()
    return db.session.query(Job).count()


def skill_names(body: dict) -> set[str]:
    return {skill["name"] for skill in body["skills"]}
