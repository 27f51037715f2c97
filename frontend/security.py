"""Public-form safeguards: CSRF tokens, a honeypot, and rate limits on form posts per form
session (the draft cookie) and per address (decision 34)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from typing import Protocol

from fastapi import Request

from api.core.config import get_settings

CSRF_COOKIE = "ys_csrf"
HONEYPOT_FIELD = "website"
WINDOW_SECONDS = 600  # the settings count posts per 10 minutes


def draft_cookie(survey: str) -> str:
    """The cookie holding this browser's draft of a survey: one form session."""
    return f"ys_form_{survey.replace('-', '_')}"


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


class Limiter(Protocol):
    def allow(self, client: str) -> bool: ...


class RedisRateLimiter:
    """The same limit shared by every replica: a counter per client per window in Redis.

    The key is a keyed hash of the client's address, so not even Redis holds the address.
    If Redis is down the form stays open (a person's feedback matters more than the limit)."""

    def __init__(
        self, url: str, limit: int, window_seconds: int, purpose: str = "form-posts"
    ) -> None:
        import redis

        self.purpose = purpose

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.limit = limit
        self.window = window_seconds

    def allow(self, client: str) -> bool:
        import redis

        window = int(time.time() // self.window)
        secret = get_settings().secret_key.encode()
        who = hmac.new(secret, client.encode(), hashlib.sha256).hexdigest()[:24]
        key = f"yousaid:{self.purpose}:{who}:{window}"
        try:
            pipe = self.client.pipeline()
            pipe.incr(key)
            pipe.expire(key, self.window)
            count = int(pipe.execute()[0])
        except redis.RedisError:
            return True
        return count <= self.limit


def limiter_for(limit: int, window_seconds: int, purpose: str = "form-posts") -> Limiter:
    """Shared by every replica through Redis when it is set, else in this process; each
    purpose counts on its own."""
    url = get_settings().redis_url
    if url:
        return RedisRateLimiter(url, limit, window_seconds, purpose)
    return RateLimiter(limit, window_seconds)


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


class FormPostLimits:
    """Form posts are counted twice over, with the same limiter for both keys: per form
    session (the draft cookie), so one person or script hammering a form is stopped early;
    and per address, with a ceiling a whole classroom behind one school network fits under,
    so a flood that drops or invents cookies is still stopped."""

    def __init__(self, per_draft: Limiter, per_address: Limiter) -> None:
        self.per_draft = per_draft
        self.per_address = per_address

    def allow(self, *, address: str, draft: str | None) -> bool:
        # The draft first: a session over its own limit is refused without spending the
        # address's allowance, which the rest of the classroom still needs.
        if draft and not self.per_draft.allow(_session_key(draft)):
            return False
        return self.per_address.allow(address)


def _session_key(draft: str) -> str:
    """The draft token is a secret, and a cookie any length a client likes: count a short
    digest of it instead (Redis keys it again with the secret key)."""
    return hashlib.sha256(draft.encode()).hexdigest()[:32]


def form_post_limits() -> FormPostLimits:
    """The form posts' limits from settings, in Redis when it is set, else in this process."""
    settings = get_settings()
    return FormPostLimits(
        per_draft=limiter_for(
            settings.form_posts_per_draft_per_10_minutes, WINDOW_SECONDS, "form-draft-posts"
        ),
        per_address=limiter_for(settings.form_posts_per_10_minutes, WINDOW_SECONDS, "form-posts"),
    )
