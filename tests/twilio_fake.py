"""A stand-in for Twilio's REST API: a real HTTP server on 127.0.0.1 that the real twilio
library talks to, and webhooks signed the way Twilio signs them.

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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token-0123456789abcdef"
FROM_NUMBER = "+447700900001"
PUBLIC_BASE_URL = "https://yousaid.example.org"


@dataclass
class Scripted:
    """What the fake does with one request instead of accepting it."""

    status: int = 201
    code: int | None = None
    delay: float = 0.0
    close_without_answer: bool = False


@dataclass
class FakeTwilio:
    url: str = ""
    sent: list[dict[str, str]] = field(default_factory=list)
    requests: int = 0
    script: list[Scripted] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    auth_seen: set[str] = field(default_factory=set)

    def then(self, *steps: Scripted) -> None:
        """Answer the next requests like this, in order; then accept again."""
        with self.lock:
            self.script.extend(steps)

    def _next(self) -> Scripted | None:
        with self.lock:
            self.requests += 1
            return self.script.pop(0) if self.script else None

    def bodies_to(self, number: str) -> list[str]:
        return [m["Body"] for m in self.sent if m["To"] == number]


def _handler(fake: FakeTwilio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one segment: otherwise Nagle and delayed ACKs add 40 ms a call.
        disable_nagle_algorithm = True
        wbufsize = 64 * 1024

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            # For benchmarks in another process: how many texts, and how many distinct (to, words).
            with fake.lock:
                texts = [(m["To"], m["Body"]) for m in fake.sent]
            self._json(200, {"sent": len(texts), "distinct": len(set(texts))})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            fake.auth_seen.add(self.headers.get("Authorization", ""))
            step = fake._next()
            if step and step.delay:
                time.sleep(step.delay)
            if step and step.close_without_answer:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if not self.path.endswith("/Messages.json"):
                return self._json(404, {"code": 20404, "message": "Not found", "status": 404})
            if step and step.status >= 400:
                return self._json(
                    step.status,
                    {"code": step.code, "message": "scripted failure", "status": step.status},
                )
            sid = "SM" + uuid.uuid4().hex
            with fake.lock:
                fake.sent.append({**form, "sid": sid})
            self._json(
                201,
                {
                    "sid": sid,
                    "account_sid": ACCOUNT_SID,
                    "to": form.get("To"),
                    "from": form.get("From"),
                    "body": form.get("Body"),
                    "status": "queued",
                    "num_segments": "1",
                    "direction": "outbound-api",
                    "api_version": "2010-04-01",
                    "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
                },
            )

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def fake_twilio() -> Iterator[FakeTwilio]:
    fake = FakeTwilio()
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


def serve_forever() -> None:
    """`python -m tests.twilio_fake`: serve until killed; prints the base URL first."""
    with fake_twilio() as fake:
        print(fake.url, flush=True)
        threading.Event().wait()


def twilio_env(monkeypatch: Any, fake: FakeTwilio, **extra: str) -> None:
    """Settings for sending through the fake, as production would through Twilio."""
    from api.core.config import get_settings

    values = {
        "YOUSAID_SMS_PROVIDER": "twilio",
        "YOUSAID_TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "YOUSAID_TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "YOUSAID_TWILIO_FROM": FROM_NUMBER,
        "YOUSAID_TWILIO_API_BASE_URL": fake.url,
        "YOUSAID_TWILIO_TIMEOUT_SECONDS": "2",
        "YOUSAID_PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "YOUSAID_SMS_PER_SECOND": "0",
        **extra,
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()


def signed(path: str, params: dict[str, str], *, token: str = AUTH_TOKEN) -> dict[str, str]:
    """Headers for a webhook as Twilio would send it to PUBLIC_BASE_URL + path."""
    signature = RequestValidator(token).compute_signature(PUBLIC_BASE_URL + path, params)
    return {
        "X-Twilio-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def inbound_params(sender: str, body: str, sid: str | None = None) -> dict[str, str]:
    """The fields Twilio posts for an incoming text (and a few we do not use)."""
    return {
        "MessageSid": sid or "SM" + uuid.uuid4().hex,
        "SmsSid": sid or "",
        "AccountSid": ACCOUNT_SID,
        "From": sender,
        "To": FROM_NUMBER,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "FromCountry": "GB",
        "ApiVersion": "2010-04-01",
    }


if __name__ == "__main__":
    serve_forever()
