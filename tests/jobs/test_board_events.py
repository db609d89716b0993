"""A job's board stream: members get the pipeline's state on opening and every change made
by a colleague or a candidate afterwards; nobody else may open it."""

from __future__ import annotations

import time

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org, stage_named
from tests.helpers import make_user
from tests.jobs.conftest import Stream, token_for
from webapp.extensions import db
from webapp.services import applications, pipeline


def test_a_board_hears_moves_and_withdrawals(server):
    app, port = server
    owner, colleague, stranger = make_user(), make_user(), make_user()
    organization = make_org("Acme", owner, colleague)
    make_org("Rival", stranger)
    job = make_job(organization, owner)
    candidate = make_user(first_name="Jane")
    candidate_with_resume(candidate)
    application = applications.apply(candidate, job.id, None)
    db.session.commit()
    stream = Stream(port, f"/events/board-{job.id}", token_for(app, owner))
    assert stream.response.status == 200
    first = stream.events(until=None, limit=1)
    assert first[0][0] == "application" and first[0][1]["applications"] == 1
    time.sleep(0.3)
    with app.app_context():
        moved = applications.for_member(colleague, application.id, lock=True)
        pipeline.move(colleague, moved, stage_named(organization, "Interview").id)
        db.session.commit()
        withdrawn = applications.for_candidate(candidate, application.id, lock=True)
        pipeline.withdraw(candidate, withdrawn)
        db.session.commit()
    received = stream.events(until="withdrawn", limit=4)
    stream.close()
    assert [data.get("status") for _, data in received][-2:] == ["active", "withdrawn"]
    for token, status in ((token_for(app, stranger), 404), (token_for(app, candidate), 404), (None, 401)):
        refused = Stream(port, f"/events/board-{job.id}", token)
        assert refused.response.status == status
        refused.close()
