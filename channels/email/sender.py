"""Sending email: SMTP, or a local outbox of .eml files for the embedded default and demos."""

from __future__ import annotations

import smtplib
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any, Protocol

from api.core.config import Settings


@dataclass(frozen=True)
class InlineImage:
    """A picture the HTML part shows by `cid:` (mail clients block remote images)."""

    content_id: str  # without the angle brackets
    data: bytes
    subtype: str = "png"


@dataclass(frozen=True)
class Email:
    to: tuple[str, ...]
    subject: str
    text: str
    html: str | None = None
    # Fixed by the caller when a resend must look like the same message (digests).
    message_id: str | None = None
    inline_images: tuple[InlineImage, ...] = ()


# Called once the mail server has taken the sender and recipients, before the message's
# content goes: anything that fails before it, the server cannot have accepted (decision 35).
HandOver = Callable[[], None]


class Sender(Protocol):
    def send(self, email: Email, *, handing_over: HandOver | None = None) -> str:
        """Send, or raise; returns the Message-ID."""


class _HandingOverSMTP(smtplib.SMTP):
    """smtplib's SMTP that calls `handing_over` just before DATA (after MAIL and RCPT)."""

    handing_over: HandOver | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        if self.handing_over is not None:
            self.handing_over()
        return super().data(msg)


def build_message(email: Email, *, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(email.to)
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = email.message_id or make_msgid(domain="yousaid")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to alerts
    message.set_content(email.text)
    if email.html:
        message.add_alternative(email.html, subtype="html")
        html_part = message.get_body(("html",))
        assert html_part is not None
        for image in email.inline_images:
            # multipart/alternative(text, multipart/related(html, images)): what Outlook shows.
            cid = f"<{image.content_id}>"
            html_part.add_related(image.data, "image", image.subtype, cid=cid, disposition="inline")
    return message


@dataclass(frozen=True)
class SmtpSender:
    settings: Settings

    def send(self, email: Email, *, handing_over: HandOver | None = None) -> str:
        message = build_message(email, sender=self.settings.email_from)
        s = self.settings
        with _HandingOverSMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds) as smtp:
            smtp.handing_over = handing_over
            if s.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password or "")
            smtp.send_message(message)
        return str(message["Message-ID"])


@dataclass(frozen=True)
class OutboxSender:
    """Writes each message to a file, for `make run` and demos: nothing leaves the machine."""

    directory: Path
    sender: str

    def send(self, email: Email, *, handing_over: HandOver | None = None) -> str:
        message = build_message(email, sender=self.sender)
        if handing_over is not None:
            handing_over()
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        (self.directory / name).write_bytes(bytes(message))
        return str(message["Message-ID"])


def sender_for(settings: Settings) -> Sender:
    if settings.email_provider == "smtp":
        return SmtpSender(settings)
    return OutboxSender(settings.outbox_dir, settings.email_from)
