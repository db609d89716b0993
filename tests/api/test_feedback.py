"""Feedback (reference endpoint 15)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from tests.conftest import Outbox, bearer_token
from tests.helpers import png_bytes
from webapp.extensions import db
from webapp.models import Feedback

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def test_json_feedback_matches_reference_shape(bearer_client, user, outbox):
    response = bearer_client.post("/api/auth/add-feedback/", json={
        "urgency": "high", "subject": "Bug Report", "message": "Found an issue with login",
        "emoji": "🐛", "attachment": None,
    })
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"id", "urgency", "subject", "message", "emoji", "attachment_url",
                         "created_at"}
    assert body["urgency"] == "high"
    assert body["subject"] == "Bug Report"
    assert body["emoji"] == "🐛"
    assert body["attachment_url"] is None
    assert DATE.match(body["created_at"])
    stored = db.session.get(Feedback, body["id"])
    assert stored.user_id == user.id
    assert outbox.messages() == []  # FEEDBACK_EMAIL is not set


def test_multipart_feedback_with_private_attachment(bearer_client):
    response = bearer_client.post(
        "/api/auth/add-feedback/",
        data={"urgency": "critical", "subject": "Broken", "message": "See screenshot",
              "attachment": (io.BytesIO(png_bytes()), "screenshot.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.json
    url = response.json["attachment_url"]
    assert "/files/private/" in url
    assert bearer_client.get(url).data == png_bytes()


def test_feedback_is_mailed_when_configured(make_app, user):
    app = make_app(FEEDBACK_EMAIL="team@etb.example")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {bearer_token(client, user.email)}"
    response = client.post(
        "/api/auth/add-feedback/",
        data={"urgency": "low", "subject": "Idea", "message": "Dark mode please",
              "attachment": (io.BytesIO(png_bytes()), "idea.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    outbox = Outbox(Path(app.config["MAIL_OUTBOX_DIR"]))
    messages = outbox.to("team@etb.example")
    assert len(messages) == 1
    assert "Idea" in messages[0]["Subject"]
    body = outbox.last_body("team@etb.example")
    assert "Dark mode please" in body
    assert "alice@example.com" in body
    assert any(part.get_filename() == "attachment.png" for part in messages[0].walk())


def test_feedback_validation(bearer_client):
    cases = [
        ({"subject": "x", "message": "y", "urgency": "apocalyptic"}, "urgency"),
        ({"message": "y"}, "subject"),
        ({"subject": "x"}, "message"),
        ({"subject": " ", "message": "y"}, "subject"),
        ({"subject": "x" * 201, "message": "y"}, "subject"),
        ({"subject": "x", "message": "y" * 5001}, "message"),
        ({"subject": "x", "message": "y", "emoji": "🐛" * 20}, "emoji"),
        ({"subject": 5, "message": "y"}, "subject"),
    ]
    for body, field in cases:
        response = bearer_client.post("/api/auth/add-feedback/", json=body)
        assert response.status_code == 400, body
        assert field in response.json["errors"], body
    assert db.session.query(Feedback).count() == 0


def test_default_urgency_is_medium(bearer_client):
    response = bearer_client.post("/api/auth/add-feedback/", json={"subject": "s", "message": "m"})
    assert response.json["urgency"] == "medium"


def test_attachment_must_be_an_image(bearer_client):
    response = bearer_client.post(
        "/api/auth/add-feedback/",
        data={"subject": "s", "message": "m", "attachment": (io.BytesIO(b"%PDF-1.4 x"), "a.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "attachment" in response.json["errors"]


def test_feedback_requires_authentication(client):
    response = client.post("/api/auth/add-feedback/", json={"subject": "s", "message": "m"})
    assert response.status_code == 401
