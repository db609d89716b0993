"""Outgoing mail, rendered from templates/mail/<name>.txt (and .html when present).

Default backend: write .eml files to MAIL_OUTBOX_DIR and log one line. With SMTP_URL
(smtp://user:pass@host:587?starttls=true or smtps://host:465): send over SMTP.
Messages are sent once the transaction that produced them commits.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask, current_app, render_template
from jinja2 import TemplateNotFound

from webapp import aftercommit

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    smtp_url = app.config.get("SMTP_URL")
    app.extensions["etb_mail"] = (
        SmtpBackend(smtp_url, app.config["SMTP_TIMEOUT"]) if smtp_url
        else OutboxBackend(app.config["MAIL_OUTBOX_DIR"])
    )


class OutboxBackend:
    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    def deliver(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(message.as_bytes())
        log.info("mail to=%s subject=%r saved=%s", message["To"], message["Subject"], path)


class SmtpBackend:
    def __init__(self, url: str, timeout: int) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise RuntimeError("SMTP_URL must look like smtp://user:pass@host:587?starttls=true")
        options = parse_qs(parts.query)
        self.ssl = parts.scheme == "smtps"
        self.starttls = options.get("starttls", ["false"])[0].lower() in {"1", "true", "yes"}
        self.host = parts.hostname
        self.port = parts.port or (465 if self.ssl else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout

    def deliver(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        smtp_class = smtplib.SMTP_SSL if self.ssl else smtplib.SMTP
        kwargs = {"context": context} if self.ssl else {}
        with smtp_class(self.host, self.port, timeout=self.timeout, **kwargs) as smtp:
            if self.starttls:
                smtp.starttls(context=context)
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)
        log.info("mail to=%s subject=%r sent via %s:%s", message["To"], message["Subject"],
                 self.host, self.port)


def build(to: str, subject: str, template: str, *,
          attachments: list[tuple[str, bytes, str]] | None = None, **context) -> EmailMessage:
    """Render templates/mail/<template>.txt (and .html if it exists) into a message."""
    context = {"subject": subject, "site_url": current_app.config["SITE_URL"], **context}
    html = None
    with contextlib.suppress(TemplateNotFound):
        html = render_template(f"mail/{template}.html", **context)
    return compose(to, subject, render_template(f"mail/{template}.txt", **context), html,
                   attachments=attachments)


def compose(to: str, subject: str, text: str, html: str | None = None, *,
            attachments: list[tuple[str, bytes, str]] | None = None) -> EmailMessage:
    """A message from its rendered parts: plain text always, HTML as an alternative."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = " ".join(subject.split())  # user text (names) must not break headers
    message["Message-ID"] = make_msgid(domain="etb.local")
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for filename, data, content_type in attachments or []:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def deliver(message: EmailMessage) -> None:
    current_app.extensions["etb_mail"].deliver(message)


def send(to: str, subject: str, template: str, *,
         attachments: list[tuple[str, bytes, str]] | None = None, **context) -> None:
    """Render now, deliver after the current transaction commits (never for a rolled-back one)."""
    message = build(to, subject, template, attachments=attachments, **context)
    app = current_app._get_current_object()

    def deliver_later() -> None:
        with app.app_context():
            try:
                deliver(message)
            except (OSError, smtplib.SMTPException):
                log.exception("could not deliver mail to %s (%s)", to, subject)

    aftercommit.on_commit(deliver_later)
