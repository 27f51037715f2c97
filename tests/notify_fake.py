"""A stand-in for GOV.UK Notify's API: a real HTTP server on 127.0.0.1 that the real
notifications-python-client talks to, checking the JWT it signs with the key's secret as
Notify does (a wrong key gets Notify's 403), and callbacks posted the way Notify posts them.

Mocked at the wire only: everything on our side of the socket is the production code.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"yousaid_test-{SERVICE_ID}-{SECRET}"
SMS_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
EMAIL_TEMPLATE_ID = "0b3a6c4e-8b8f-4b6a-9d7a-6c1f0e2d9a11"
CALLBACK_TOKEN = "notify-callback-token-0123456789abcdef"
INBOUND_NUMBER = "07700900999"
PUBLIC_BASE_URL = "https://yousaid.example.org"


@dataclass
class Scripted:
    """What the stand-in does with one request instead of answering it at once."""

    status: int = 201
    delay: float = 0.0
    close_without_answer: bool = False
    # Store the notification first, then do the above: an answer lost after Notify had it.
    store_first: bool = False


@dataclass
class FakeNotify:
    url: str = ""
    sent: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    script: list[Scripted] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    refused_tokens: int = 0

    def then(self, *steps: Scripted) -> None:
        """Answer the next sends like this, in order; then accept again."""
        with self.lock:
            self.script.extend(steps)

    def _next(self) -> Scripted | None:
        with self.lock:
            self.requests += 1
            return self.script.pop(0) if self.script else None

    def texts_to(self, number: str) -> list[dict[str, Any]]:
        return [n for n in self.sent if n.get("phone_number") == number]

    def bodies_to(self, number: str) -> list[str]:
        return [n["personalisation"]["body"] for n in self.texts_to(number)]


def _token_ok(header: str) -> bool:
    """What Notify checks: HS256 over the service's secret, iss the service id, iat within 30 s."""
    scheme, _, token = header.partition(" ")
    if scheme != "Bearer" or not token:
        return False
    try:
        claims = jwt.decode(token, key=SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return False
    return claims.get("iss") == SERVICE_ID and abs(time.time() - int(claims.get("iat", 0))) <= 30


def _handler(fake: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _authorised(self) -> bool:
            if _token_ok(self.headers.get("Authorization", "")):
                return True
            with fake.lock:
                fake.refused_tokens += 1
            self._errors(403, "AuthError", "Invalid token: signature, api token not found")
            return False

        def do_GET(self) -> None:
            if not self._authorised():
                return
            parts = urlsplit(self.path)
            if parts.path != "/v2/notifications":
                return self._errors(404, "NotFound", "Not found")
            reference = parse_qs(parts.query).get("reference", [None])[0]
            with fake.lock:
                found = [_public(n) for n in fake.sent if n.get("reference") == reference]
            self._json(200, {"notifications": found[::-1], "links": {"current": self.path}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            if not self._authorised():
                return
            step = fake._next()
            kind = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}.get(
                self.path
            )
            if kind is None:
                return self._errors(404, "NotFound", "Not found")
            posted = json.loads(raw)
            template = SMS_TEMPLATE_ID if kind == "sms" else EMAIL_TEMPLATE_ID
            if posted.get("template_id") != template:
                return self._errors(400, "BadRequestError", "Template not found")
            if step and not step.store_first and step.status >= 400:
                if step.delay:
                    time.sleep(step.delay)
                return self._errors(step.status, "ScriptedError", "scripted failure")
            if step and not step.store_first and (step.delay or step.close_without_answer):
                time.sleep(step.delay)
                if step.close_without_answer:
                    return self._hang_up()
            notification = {
                **posted,
                "id": str(uuid.uuid4()),
                "type": kind,
                "status": "created",
                "created_at": datetime.now(UTC).isoformat(),
            }
            with fake.lock:
                fake.sent.append(notification)
            if step and step.store_first:
                time.sleep(step.delay)
                if step.close_without_answer:
                    return self._hang_up()
                if step.status >= 400:
                    return self._errors(step.status, "ScriptedError", "scripted failure")
            content: dict[str, Any] = {"body": posted["personalisation"].get("body", "")}
            if kind == "sms":
                content["from_number"] = "YouSaid"
            else:
                content["subject"] = posted["personalisation"].get("subject", "")
                content["from_email"] = "yousaid@notifications.service.gov.uk"
            self._json(
                201,
                {
                    "id": notification["id"],
                    "reference": posted.get("reference"),
                    "content": content,
                    "uri": f"{fake.url}/v2/notifications/{notification['id']}",
                    "template": {"id": template, "version": 1, "uri": f"{fake.url}/t"},
                    "scheduled_for": None,
                },
            )

        def _hang_up(self) -> None:
            self.close_connection = True
            self.connection.shutdown(2)

        def _errors(self, status: int, error: str, message: str) -> None:
            self._json(
                status, {"status_code": status, "errors": [{"error": error, "message": message}]}
            )

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            try:
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a scripted delay): as Notify would see it

    return Handler


def _public(notification: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": notification["id"],
        "reference": notification.get("reference"),
        "type": notification["type"],
        "status": notification["status"],
        "phone_number": notification.get("phone_number"),
        "email_address": notification.get("email_address"),
        "created_at": notification["created_at"],
    }


@contextmanager
def fake_notify() -> Iterator[FakeNotify]:
    fake = FakeNotify()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def notify_env(monkeypatch: Any, fake: FakeNotify, *, email: bool = False, **extra: str) -> None:
    """Settings for sending texts (and, with email, emails) through the stand-in."""
    from api.core.config import get_settings

    values = {
        "YOUSAID_SMS_PROVIDER": "notify",
        "YOUSAID_NOTIFY_API_KEY": API_KEY,
        "YOUSAID_NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE_ID,
        "YOUSAID_NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE_ID,
        "YOUSAID_NOTIFY_CALLBACK_TOKEN": CALLBACK_TOKEN,
        "YOUSAID_NOTIFY_API_BASE_URL": fake.url,
        "YOUSAID_NOTIFY_TIMEOUT_SECONDS": "2",
        "YOUSAID_PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "YOUSAID_SMS_PER_SECOND": "0",
        **({"YOUSAID_EMAIL_PROVIDER": "notify"} if email else {}),
        **extra,
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()


def bearer(token: str = CALLBACK_TOKEN) -> dict[str, str]:
    """Headers for a callback as Notify sends it."""
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def receipt(notification: dict[str, Any], status: str) -> dict[str, Any]:
    """Notify's delivery receipt for a notification the stand-in holds."""
    now = datetime.now(UTC).isoformat()
    return {
        "id": notification["id"],
        "reference": notification.get("reference"),
        "to": notification.get("phone_number") or notification.get("email_address"),
        "status": status,
        "created_at": notification["created_at"],
        "completed_at": now,
        "sent_at": now,
        "notification_type": notification["type"],
        "template_id": notification["template_id"],
        "template_version": 1,
    }


def received_text(source_number: str, message: str, notification_id: str | None = None) -> dict:
    """Notify's received-text callback: source_number as Notify writes it (447700900123)."""
    return {
        "id": notification_id or str(uuid.uuid4()),
        "source_number": source_number.lstrip("+"),
        "destination_number": "44" + INBOUND_NUMBER[1:],
        "message": message,
        "date_received": datetime.now(UTC).isoformat(),
    }
