"""Public-form safeguards: CSRF tokens, a honeypot and a per-client rate limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque

from fastapi import Request

from api.config import get_settings

CSRF_COOKIE = "ys_csrf"
HONEYPOT_FIELD = "website"


def csrf_cookie(request: Request) -> str:
    """The browser's CSRF secret, or a new one (the caller sets it as a cookie)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


def csrf_token(cookie: str) -> str:
    """The form field that proves a post came from our page (double-submit, signed)."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, cookie.encode(), hashlib.sha256).hexdigest()


def csrf_ok(request: Request, field: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and field and hmac.compare_digest(csrf_token(cookie), field))


def is_bot(form_value: str | None) -> bool:
    """People never see the honeypot field; software fills every field it finds."""
    return bool(form_value and form_value.strip())


class RateLimiter:
    """A sliding window per client, in memory: the client's address is never stored on disk."""

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 100_000:  # forget idle clients rather than grow forever
                self._hits = {
                    k: v for k, v in self._hits.items() if v and v[-1] > now - self.window
                }
            return True
