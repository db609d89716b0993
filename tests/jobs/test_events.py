"""Live status events over Server-Sent Events, read by an HTTP client from a real server."""

from __future__ import annotations

import http.client
import json
import threading
import time

from werkzeug.serving import make_server

from tests.api.profile_helpers import make_profile
from tests.helpers import make_user
from tests.jobs.conftest import Stream, start, token_for
from webapp import events, queue


def test_a_job_progress_arrives_live_without_polling(server):
    app, port = server
    owner = make_user()
    profile = make_profile(owner, parsing_status="parsing")
    stream = Stream(port, f"/events/profile-{profile.id}", token_for(app, owner))
    assert stream.response.status == 200
    assert stream.response.getheader("Content-Type").startswith("text/event-stream")
    with app.app_context():
        start("quick", profile)
    received = stream.events(until="succeeded")
    stream.close()
    statuses = [data["status"] for _, data in received]
    assert statuses[-1] == "succeeded"
    assert "running" in statuses
    assert any(data["message"] == "Halfway" for _, data in received)
    assert all(event == "task" for event, _ in received)


def test_a_late_listener_gets_the_current_state_first(server):
    app, port = server
    owner = make_user()
    profile = make_profile(owner, parsing_status="parsing")
    with app.app_context():
        task = start("quick", profile)
    time.sleep(0.5)
    stream = Stream(port, f"/events/profile-{profile.id}", token_for(app, owner))
    first = stream.events(until="succeeded", limit=3)
    stream.close()
    assert first and first[0][1]["task_id"] == task.id


def test_idle_streams_get_heartbeats_and_closing_releases_the_subscription(server):
    app, port = server
    owner = make_user()
    profile = make_profile(owner)
    stream = Stream(port, f"/events/profile-{profile.id}", token_for(app, owner))
    lines = [stream.response.readline() for _ in range(4)]
    assert b": heartbeat\n" in lines
    broker = app.extensions["etb_events"]
    assert f"profile-{profile.id}" in broker._subscribers
    stream.close()
    deadline = time.monotonic() + 5
    while f"profile-{profile.id}" in broker._subscribers and time.monotonic() < deadline:
        time.sleep(0.1)
    assert f"profile-{profile.id}" not in broker._subscribers


def test_published_events_reach_every_listener_of_the_channel(server):
    app, port = server
    owner = make_user()
    profile = make_profile(owner)
    streams = [Stream(port, f"/events/profile-{profile.id}", token_for(app, owner)) for _ in range(2)]
    time.sleep(0.3)
    with app.app_context():
        events.publish(f"profile-{profile.id}", "task", {"status": "parsed", "message": "Done"})
    for stream in streams:
        assert stream.events(until="parsed", limit=3)[-1][1]["message"] == "Done"
        stream.close()


def test_channels_are_only_for_those_who_may_see_them(server):
    app, port = server
    owner, stranger = make_user(), make_user()
    profile = make_profile(owner)
    for path, token, status in [
        (f"/events/profile-{profile.id}", None, 401),
        (f"/events/profile-{profile.id}", token_for(app, stranger), 404),
        ("/events/profile-999999", token_for(app, owner), 404),
        ("/events/job-1", token_for(app, owner), 404),
        ("/events/job-9999999999", token_for(app, owner), 404),
        ("/events/task-00000000-0000-0000-0000-000000000000", token_for(app, owner), 404),
        ("/events/anything-else", token_for(app, owner), 404),
    ]:
        stream = Stream(port, path, token)
        assert stream.response.status == status, path
        stream.close()


def _frames(stream: Stream, limit: float = 5.0) -> list[str]:
    """Every line the stream sends until it ends (or the time limit)."""
    lines: list[str] = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = stream.response.readline()
        if not line:
            break
        lines.append(line.decode().rstrip("\n"))
    return lines


def _read_already(app):  # noqa: ANN001, ANN202
    """A candidate and their profile whose (quick) task has already ended."""
    owner = make_user()
    profile = make_profile(owner, parsing_status="parsing")
    with app.app_context():
        start("quick", profile)
    assert queue.wait_idle(app)
    return owner, profile


def test_a_stream_until_done_ends_when_the_work_does(server):
    app, port = server
    owner = make_user()
    profile = make_profile(owner, parsing_status="parsing")
    stream = Stream(port, f"/events/profile-{profile.id}?until=done", token_for(app, owner))
    with app.app_context():
        start("quick", profile)
    lines = _frames(stream)
    stream.close()
    assert lines[-3:] == ["event: end", "data: {}", ""]
    assert any('"status": "succeeded"' in line for line in lines)


def test_a_finished_task_ends_a_stream_until_done_at_once(server):
    app, port = server
    owner, profile = _read_already(app)
    stream = Stream(port, f"/events/profile-{profile.id}?until=done", token_for(app, owner))
    lines = _frames(stream, limit=3)
    stream.close()
    assert "event: end" in lines and any('"status": "succeeded"' in line for line in lines)


def test_a_reconnect_is_not_sent_the_state_it_already_has(server):
    app, port = server
    owner, profile = _read_already(app)
    path, token = f"/events/profile-{profile.id}", token_for(app, owner)
    first = Stream(port, path, token)
    head = [first.response.readline().decode() for _ in range(5)]
    first.close()
    [event_id] = [line[4:].strip() for line in head if line.startswith("id: ")]
    again = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    again.request("GET", path, headers={"Authorization": f"Bearer {token}", "Last-Event-ID": event_id})
    response = again.getresponse()
    assert response.readline() == b"retry: 3000\n" and response.readline() == b"\n"
    assert response.readline() == b": heartbeat\n"  # no repeat of the state: straight to waiting
    response.close()
    again.close()


def test_closing_the_streams_of_a_stopping_process_tells_browsers_to_come_back(server):
    app, port = server
    owner = make_user()
    profile = make_profile(owner)
    streams = [Stream(port, f"/events/profile-{profile.id}", token_for(app, owner)) for _ in range(3)]
    time.sleep(0.3)
    events.close_streams(app)
    try:
        for stream in streams:
            assert "retry: 500" in _frames(stream)
            stream.close()
        late = Stream(port, f"/events/profile-{profile.id}", token_for(app, owner))
        assert "retry: 500" in _frames(late)  # streams opened while stopping end at once too
        late.close()
    finally:
        events.broker(app).closing = False  # the app serves the next tests


def test_a_user_holds_at_most_the_configured_number_of_streams(make_app):
    app = make_app(REDIS_URL=None, EVENTS_HEARTBEAT_SECONDS=0.2, EVENTS_MAX_PER_USER=2)
    with app.app_context():
        owner = make_user()
        channel, token = f"/events/profile-{make_profile(owner).id}", token_for(app, owner)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        open_now = [Stream(httpd.server_port, channel, token) for _ in range(2)]
        refused = Stream(httpd.server_port, channel, token)
        assert refused.response.status == 429
        assert json.loads(refused.response.read())["detail"].startswith("Too many live updates")
        refused.close()
        for stream in open_now:
            stream.close()
        time.sleep(1)  # the server notices at the next heartbeat
        freed = Stream(httpd.server_port, channel, token)
        assert freed.response.status == 200
        freed.close()
    finally:
        httpd.shutdown()
