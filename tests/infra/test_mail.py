"""Outgoing mail: rendered from templates, delivered only after the transaction commits,
to the .eml outbox by default or over SMTP (a real aiosmtpd server here)."""

from __future__ import annotations

import email
import logging
import socket
from collections.abc import Iterator
from email import policy
from email.message import Message
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from webapp import mail, storage
from webapp.extensions import db
from webapp.models import User

USER = SimpleNamespace(first_name="Alice")


def _parts(message: Message) -> dict[str, str]:
    return {part.get_content_type(): part.get_payload(decode=True).decode()
            for part in message.walk() if not part.is_multipart()
            and part.get_content_disposition() != "attachment"}


def _touch_database() -> None:
    db.session.scalars(db.select(User)).all()


def _send_code(to: str = "alice@example.com", code: str = "483920") -> None:
    mail.send(to, f"Your ETB verification code: {code}", "verify_email",
              user=USER, code=code, minutes=15)


# --- outbox backend -------------------------------------------------------------------------

def test_send_writes_one_eml_per_message_after_commit(app: Flask, outbox) -> None:  # noqa: ANN001
    _touch_database()
    _send_code("alice@example.com", "111111")
    _send_code("bob@example.com", "222222")
    assert outbox.messages() == []  # nothing leaves before the commit

    db.session.commit()

    files = sorted(Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml"))
    assert len(files) == 2
    assert sorted(m["To"] for m in outbox.messages()) == ["alice@example.com", "bob@example.com"]
    assert "111111" in outbox.last_body("alice@example.com")
    assert "222222" in outbox.last_body("bob@example.com")


def test_mail_is_sent_once_even_with_later_commits(app: Flask, outbox) -> None:  # noqa: ANN001
    _touch_database()
    _send_code()
    db.session.commit()
    _touch_database()
    db.session.commit()

    assert len(outbox.messages()) == 1


def test_send_in_rolled_back_transaction_sends_nothing(app: Flask, outbox) -> None:  # noqa: ANN001
    _touch_database()
    _send_code()
    db.session.rollback()
    assert outbox.messages() == []

    _touch_database()
    db.session.commit()  # a later transaction must not deliver the dropped message

    assert outbox.messages() == []


def test_send_before_any_query_then_rollback_sends_nothing(app: Flask, outbox) -> None:  # noqa: ANN001
    """The rollback must drop the mail even when nothing had touched the database yet."""
    _send_code()
    db.session.rollback()
    db.session.commit()

    assert outbox.messages() == []


def test_message_headers_and_alternatives(app: Flask, outbox) -> None:  # noqa: ANN001
    _send_code("alice@example.com", "654321")
    db.session.commit()

    [message] = outbox.messages()
    assert message["From"] == app.config["MAIL_FROM"]
    assert message["To"] == "alice@example.com"
    assert message["Subject"] == "Your ETB verification code: 654321"
    assert message["Message-ID"]
    assert message.get_content_type() == "multipart/alternative"
    parts = _parts(message)
    assert set(parts) == {"text/plain", "text/html"}
    assert "Hello Alice," in parts["text/plain"]
    assert "654321" in parts["text/plain"]
    assert "15 minutes" in parts["text/plain"]
    assert "654321" in parts["text/html"]
    assert "<p>" in parts["text/html"] and "<p>" not in parts["text/plain"]


def test_template_without_html_gives_plain_text_only(app: Flask, outbox) -> None:  # noqa: ANN001
    mail.send("alice@example.com", "Reset your ETB password", "password_reset",
              user=USER, token="reset-token-xyz", minutes=60)
    db.session.commit()

    [message] = outbox.messages()
    assert message.get_content_type() == "text/plain"
    assert "reset-token-xyz" in outbox.last_body("alice@example.com")


def test_html_alternative_escapes_user_input(app: Flask, outbox) -> None:  # noqa: ANN001
    _send_code(code="<b>x</b>")
    db.session.commit()

    html = _parts(outbox.messages()[0])["text/html"]
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_attachments_are_included(app: Flask, outbox) -> None:  # noqa: ANN001
    feedback = SimpleNamespace(id=7, urgency="high", emoji=None, subject="Broken", message="It broke")
    png = b"\x89PNG\r\n\x1a\n fake"
    mail.send("team@example.com", "[high] Feedback: Broken", "feedback",
              feedback=feedback, user=SimpleNamespace(email="alice@example.com"),
              attachments=[("attachment.png", png, "image/png")])
    db.session.commit()

    [message] = outbox.messages()
    attachments = [p for p in message.walk() if p.get_content_disposition() == "attachment"]
    assert [(a.get_filename(), a.get_content_type(), a.get_payload(decode=True))
            for a in attachments] == [("attachment.png", "image/png", png)]
    assert "Feedback #7 from alice@example.com" in outbox.last_body("team@example.com")


def test_outbox_directory_is_created(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    directory = tmp_path / "nested" / "outbox"
    app = make_app(MAIL_OUTBOX_DIR=str(directory))
    with app.app_context():
        mail.deliver(mail.build("alice@example.com", "Hi", "verify_email", user=USER, code="1",
                                minutes=1))

    assert len(list(directory.glob("*.eml"))) == 1


# --- SMTP backend ---------------------------------------------------------------------------

class Collector:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Collector, int]]:
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def _received(envelope) -> Message:  # noqa: ANN001
    return email.message_from_bytes(envelope.content, policy=policy.default)


def test_smtp_deliver_sends_the_rendered_message(make_app, smtp_server) -> None:  # noqa: ANN001
    handler, port = smtp_server
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{port}", SMTP_TIMEOUT=5)
    with app.app_context():
        mail.deliver(mail.build("carol@example.com", "Your ETB verification code: 777123",
                                "verify_email", user=USER, code="777123", minutes=15))

    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == ["carol@example.com"]
    assert envelope.mail_from == "no-reply@etb.local"
    message = _received(envelope)
    assert message["To"] == "carol@example.com"
    assert message["Subject"] == "Your ETB verification code: 777123"
    assert "777123" in message.get_body(("plain",)).get_content()
    assert "777123" in message.get_body(("html",)).get_content()


def test_smtp_send_delivers_after_commit_only(make_app, smtp_server) -> None:  # noqa: ANN001
    handler, port = smtp_server
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{port}", SMTP_TIMEOUT=5)
    with app.app_context():
        _touch_database()
        _send_code("dave@example.com", "246810")
        assert handler.envelopes == []

        db.session.commit()

    assert [e.rcpt_tos for e in handler.envelopes] == [["dave@example.com"]]
    assert "246810" in _received(handler.envelopes[0]).get_body(("plain",)).get_content()
    assert not list(Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml"))  # SMTP replaces the outbox


def test_smtp_send_in_rolled_back_transaction_sends_nothing(make_app, smtp_server) -> None:  # noqa: ANN001
    handler, port = smtp_server
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{port}", SMTP_TIMEOUT=5)
    with app.app_context():
        _touch_database()
        _send_code("erin@example.com")
        db.session.rollback()
        _touch_database()
        db.session.commit()

    assert handler.envelopes == []


def test_unreachable_smtp_server_does_not_break_commit(make_app, caplog) -> None:  # noqa: ANN001
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{_free_port()}", SMTP_TIMEOUT=2)
    with app.app_context(), caplog.at_level(logging.ERROR, logger="webapp.mail"):
        _touch_database()
        _send_code("frank@example.com")
        db.session.commit()  # must not raise

    failures = [r for r in caplog.records if r.name == "webapp.mail" and r.levelno == logging.ERROR]
    assert len(failures) == 1
    assert "frank@example.com" in failures[0].getMessage()
    assert failures[0].exc_info is not None


def test_unreachable_smtp_server_does_not_stop_other_actions(make_app) -> None:  # noqa: ANN001
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{_free_port()}", SMTP_TIMEOUT=2)
    with app.app_context():
        key = storage.save("avatars", "old.png", b"x", "image/png")
        db.session.commit()
        path = Path(app.config["UPLOAD_DIR"]) / key

        _touch_database()
        _send_code("grace@example.com")
        storage.delete(key)
        db.session.commit()

    assert not path.exists()


@pytest.mark.parametrize("url", ["http://mail.example.com", "smtp://", "mail.example.com:25"])
def test_invalid_smtp_url_is_refused_at_startup(make_app, url: str) -> None:  # noqa: ANN001
    with pytest.raises(RuntimeError, match="SMTP_URL"):
        make_app(SMTP_URL=url)
