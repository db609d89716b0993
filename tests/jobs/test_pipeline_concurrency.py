"""Two recruiters move the same card at the same moment, over HTTP to a threaded server:
both moves land, one after the other, and the later one starts from where the earlier one
left the card (no lost move, no 500)."""

from __future__ import annotations

import http.client
import json
import threading

from tests.api.jobs_helpers import make_job
from tests.api.pipeline_helpers import candidate_with_resume, make_org, stage_named
from tests.helpers import make_user
from tests.jobs.conftest import token_for
from webapp.extensions import db
from webapp.models import Activity
from webapp.services import applications


def test_simultaneous_moves_are_both_recorded(server) -> None:  # noqa: ANN001
    app, port = server
    owner, colleague = make_user("owner@example.com"), make_user("colleague@example.com")
    organization = make_org("Acme", owner, colleague)
    job = make_job(organization, owner)
    candidate = make_user("jane@example.com")
    candidate_with_resume(candidate)
    application_id = applications.apply(candidate, job.id, None).id
    db.session.commit()
    moves = {token_for(app, owner): stage_named(organization, "Phone screen").id,
             token_for(app, colleague): stage_named(organization, "Interview").id}
    start, statuses = threading.Barrier(len(moves)), []

    def move(token: str, stage: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        connection.request("POST", f"/api/applications/{application_id}/move/", json.dumps({"stage": stage}),
                           {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        statuses.append(connection.getresponse().status)
        connection.close()

    threads = [threading.Thread(target=move, args=pair) for pair in moves.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200, 200]
    db.session.expire_all()
    recorded = list(db.session.scalars(db.select(Activity).where(Activity.kind == "moved")
                                       .order_by(Activity.id)))
    assert len(recorded) == 2
    assert recorded[0].data["from"] == "Applied" and recorded[1].data["from"] == recorded[0].data["to"]
