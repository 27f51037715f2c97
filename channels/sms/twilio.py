"""Twilio: sending through the twilio package, checking webhook signatures, and TwiML.

The client talks to a configurable API base URL (a local stand-in in tests) with a timeout,
and its errors are sorted into temporary, permanent and uncertain (channels.sms.provider).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response as TwilioResponse
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from api.models.enums import MessageStatus
from channels.sms.provider import (
    PermanentFailure,
    Sent,
    TemporaryFailure,
    UncertainFailure,
)

TWILIO_API = "https://api.twilio.com"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

# Twilio's message statuses, as ours: what it has not yet handed on is "queued".
STATUSES = {
    "accepted": MessageStatus.queued,
    "scheduled": MessageStatus.queued,
    "queued": MessageStatus.queued,
    "sending": MessageStatus.queued,
    "sent": MessageStatus.sent,
    "delivered": MessageStatus.delivered,
    "read": MessageStatus.delivered,
    "undelivered": MessageStatus.undelivered,
    "failed": MessageStatus.failed,
    "canceled": MessageStatus.cancelled,
}


class _BaseUrlHttpClient(TwilioHttpClient):  # type: ignore[misc]  # twilio is untyped
    """Sends what the library builds for api.twilio.com to the configured base URL instead."""

    def __init__(self, base_url: str, timeout: float) -> None:
        super().__init__(timeout=timeout, pool_connections=True)
        self.base_url = base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> TwilioResponse:
        if url.startswith(TWILIO_API):
            url = self.base_url + url[len(TWILIO_API) :]
        return super().request(method, url, *args, **kwargs)


@dataclass
class TwilioProvider:
    account_sid: str
    auth_token: str
    sender: str  # a number, or a Messaging Service SID (MG...)
    api_base_url: str = TWILIO_API
    timeout: float = 10.0
    name: str = "twilio"
    _client: Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        http = _BaseUrlHttpClient(self.api_base_url, self.timeout)
        self._client = Client(self.account_sid, self.auth_token, http_client=http)

    def send(
        self, *, to: str, body: str, status_callback: str | None, reference: str | None = None
    ) -> Sent:
        sender: dict[str, str] = (
            {"messaging_service_sid": self.sender}
            if self.sender.startswith("MG")
            else {"from_": self.sender}
        )
        options: dict[str, Any] = {"status_callback": status_callback} if status_callback else {}
        try:
            message = self._client.messages.create(to=to, body=body, **sender, **options)
        except TwilioRestException as exc:
            raise _sorted(exc) from exc
        except requests.exceptions.ConnectionError as exc:
            if _never_connected(exc):
                raise TemporaryFailure(f"Twilio unreachable: {exc}") from exc
            raise UncertainFailure(f"Twilio connection lost: {exc}") from exc
        except requests.exceptions.Timeout as exc:  # read timeout: it may have been sent
            raise UncertainFailure(f"Twilio timed out: {exc}") from exc
        return Sent(
            provider_id=str(message.sid),
            status=STATUSES.get(str(message.status), MessageStatus.queued),
        )


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


def _sorted(exc: TwilioRestException) -> Exception:
    code = str(exc.code) if exc.code is not None else None
    message = f"Twilio {exc.status} {code or ''}: {exc.msg}".strip()
    if exc.status == 429 or exc.status == 503:
        return TemporaryFailure(message, code=code)  # refused before doing anything
    if 400 <= exc.status < 500:
        return PermanentFailure(message, code=code)
    return UncertainFailure(message, code=code)  # a 500 may have queued it


def signature_ok(
    *, auth_token: str, url: str, params: Mapping[str, str], signature: str | None
) -> bool:
    """Twilio's X-Twilio-Signature over the public URL and the posted fields."""
    if not signature:
        return False
    validator = _validator(auth_token)
    # The URL as configured first (what Twilio signs); validate() also tries it with and
    # without an explicit port, which costs a second signature on every request.
    expected = validator.compute_signature(url, dict(params))
    if hmac.compare_digest(str(expected), signature):
        return True
    return bool(validator.validate(url, dict(params), signature))


@lru_cache(maxsize=4)
def _validator(auth_token: str) -> RequestValidator:
    return RequestValidator(auth_token)
