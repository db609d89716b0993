"""Done when: a recruiter starts a ranking of a job's candidates (endpoint 27) and its progress
arrives live on the job's channel (`/events/job-<id>`, Server-Sent Events) through to the
finished status, without polling, both embedded (in-process runner) and with Redis and a
worker process; and nobody outside the job's organization may listen on that channel."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tests.api.jobs_helpers import client_for, job_url, make_job, make_org
from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from tests.jobs.conftest import Stream, token_for
from webapp.extensions import db
from webapp.models import CandidateProfile, Job, Task, User

# The stages of a running ranking task as webapp.queue and jobs.ranking report them, in order.
WORKING = ["started", "reading", "scoring", "done"]


@dataclass
class Hiring:
    recruiter: User  # created the job
    colleague: User  # another member of the job's organization
    outsider: User  # root of another organization
    candidate: User  # a candidate, in no organization
    job: Job
    best: CandidateProfile  # the candidate's: Python and Django, 6 years


def hiring() -> Hiring:
    """Acme's Python job, a pool of three candidates, and Rival next door."""
    recruiter, colleague, outsider = make_user(), make_user(), make_user()
    acme = make_org("Acme", recruiter, colleague)
    make_org("Rival", outsider)
    job = make_job(acme, recruiter, "Python Developer", skills=("Python", "Django"),
                   job_desc="3+ years of Python and Django.", workplace_type="remote")
    candidate = make_user()
    best, *_ = [make_profile(owner, parsing_status="parsed", is_available=True, resume_data={
        "skills": skills, "total_years_experience": years,
        "experience": [{"title": "Developer", "description": f"Worked with {', '.join(skills)}."}]})
        for owner, skills, years in ((candidate, ["Python", "Django"], 6),
                                     (make_user(), ["Python"], 2), (make_user(), ["Excel"], 4))]
    return Hiring(recruiter, colleague, outsider, candidate, job, best)


def rank_and_listen(app, port: int, world: Hiring) -> tuple[str, list[tuple[str, dict]]]:  # noqa: ANN001
    """Listen on the job's channel, start the ranking over the API; the task's id and the
    events seen until it succeeded."""
    stream = Stream(port, f"/events/job-{world.job.id}", token_for(app, world.recruiter))
    assert stream.response.status == 200
    assert stream.response.getheader("Content-Type").startswith("text/event-stream")
    response = client_for(app, world.recruiter).post(f"{job_url(world.job.id)}rank-candidates/")
    assert response.status_code == 202, response.json
    assert response.json["ranking_status"] == "ranking"
    received = stream.events(until="succeeded", limit=30)
    stream.close()
    return response.json["task_id"], received


def assert_ranked_live(app, world: Hiring, task_id: str, received: list[tuple[str, dict]]) -> None:  # noqa: ANN001
    errors = [task.error for task in db.session.scalars(select(Task))]
    assert received, errors
    assert all(event == "task" for event, _ in received)
    assert {data["task_id"] for _, data in received} == {task_id}
    assert {data["kind"] for _, data in received} == {"rank_candidates"}
    stages = [data["stage"] for _, data in received]
    # The runner's stages, each once and in order. ("queued" is published by the request as it
    # hands the task over, so with a quick runner it may come after "started", or even after
    # "done", where the stream is no longer read: it is not asked for.)
    working = [data for _, data in received if data["stage"] != "queued"]
    assert [data["stage"] for data in working] == WORKING, (stages, errors)
    progress = [data["progress"] for data in working]
    assert progress == sorted(progress) and progress[-1] == 100, progress
    by_stage = {data["stage"]: data for _, data in received}
    assert by_stage["reading"]["message"] == "Reading the candidates"
    assert by_stage["scoring"]["message"] == "Ranked 3 candidates"
    assert by_stage["done"]["status"] == "succeeded" and received[-1][1]["stage"] == "done"
    assert [data["status"] for _, data in received if data["stage"] in ("started", "reading", "scoring")] \
        == ["running"] * 3

    # When the stream says it is done, the ranking is there to read.
    shown = client_for(app, world.recruiter).get(f"{job_url(world.job.id)}ranking-data/").json
    assert shown["ranking_status"] == "ranked" and shown["total"] == 3, shown
    assert shown["ranked_candidates"][0]["candidate_id"] == world.best.id


def test_a_ranking_shows_its_progress_on_the_jobs_channel_embedded(server):
    app, port = server
    world = hiring()
    assert_ranked_live(app, world, *rank_and_listen(app, port, world))


@pytest.mark.redis
def test_a_ranking_shows_its_progress_on_the_jobs_channel_with_a_worker(redis_server, workers):
    app, port = redis_server
    world = hiring()
    workers("ranking")
    assert_ranked_live(app, world, *rank_and_listen(app, port, world))


def test_only_the_jobs_organization_may_listen_to_its_ranking(server):
    app, port = server
    world = hiring()
    response = client_for(app, world.recruiter).post(f"{job_url(world.job.id)}rank-candidates/")
    assert response.status_code == 202, response.json
    task_channel = f"/events/task-{response.json['task_id']}"
    job_channel = f"/events/job-{world.job.id}"

    # A colleague in the organization may follow the job (the task is the recruiter's own).
    stream = Stream(port, job_channel, token_for(app, world.colleague))
    assert stream.response.status == 200
    first = stream.events(until="succeeded", limit=10)
    stream.close()
    assert first and first[-1][1]["status"] == "succeeded"
    # Another organization's member, a candidate and an anonymous caller may not: the channel
    # is "not found" to them, as the job itself is (its ranking-data too).
    for user, path, status in [
        (world.outsider, job_channel, 404),
        (world.outsider, task_channel, 404),
        (world.candidate, job_channel, 404),
        (world.colleague, task_channel, 404),  # a task channel is its starter's only
        (None, job_channel, 401),
    ]:
        stream = Stream(port, path, token_for(app, user) if user else None)
        assert stream.response.status == status, (path, user and user.email)
        assert not stream.response.getheader("Content-Type").startswith("text/event-stream")
        stream.close()
    outsider = client_for(app, world.outsider)
    assert outsider.get(f"{job_url(world.job.id)}ranking-data/").status_code == 404
    assert outsider.post(f"{job_url(world.job.id)}rank-candidates/").status_code == 404


def test_a_late_listener_is_told_the_stage_too(server):
    app, port = server
    world = hiring()
    _, received = rank_and_listen(app, port, world)
    last = received[-1][1]
    stream = Stream(port, f"/events/job-{world.job.id}", token_for(app, world.recruiter))
    [(event, first)] = stream.events(until="succeeded", limit=3)
    stream.close()
    assert event == "task"
    assert first == last  # the finished task, as the live stream showed it
