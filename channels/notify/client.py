"""The notifications-python-client library, and what Notify's answers mean for a send.

Its errors are sorted as Twilio's are (channels.sms.provider): temporary when Notify refused
before doing anything, permanent when it refused this message for good, uncertain when the
request may have reached it. A reference goes with every send, and the same reference finds
the notification again, so a send whose answer was lost can be settled by asking (decision 42).
"""

from __future__ import annotations

import hmac
from typing import Any

import requests
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from api.models.enums import MessageStatus
from channels.sms.provider import (
    PermanentFailure,
    SendFailure,
    TemporaryFailure,
    UncertainFailure,
)

NOTIFY_API = "https://api.notifications.service.gov.uk"

# Notify's statuses, as ours. Receipts come for the final ones; the others are what a look-up
# by reference can find. Notify says a temporary failure is a phone off or out of signal (or
# an inbox full) for 72 hours, and it has stopped trying: for us it is final, but "undelivered"
# rather than "failed", because the number itself may be fine.
STATUSES = {
    "created": MessageStatus.queued,
    "sending": MessageStatus.queued,
    "pending": MessageStatus.queued,
    "sent": MessageStatus.sent,  # texts abroad: Notify hears no more
    "delivered": MessageStatus.delivered,
    "permanent-failure": MessageStatus.failed,
    "temporary-failure": MessageStatus.undelivered,
    "technical-failure": MessageStatus.failed,
}
# What the receipt said, kept on the message (error_code is 16 characters) for staff to read.
ERROR_CODES = {
    "permanent-failure": "notify-permanent",
    "temporary-failure": "notify-temporary",
    "technical-failure": "notify-technical",
}


def client(api_key: str, *, base_url: str = NOTIFY_API, timeout: float = 10.0) -> Any:
    """A client for one key. The library's client is not thread-safe (one requests Session):
    callers keep one per thread or make one per send."""
    return NotificationsAPIClient(api_key, base_url=base_url, timeout=timeout)  # type: ignore[no-untyped-call]


def sorted_failure(exc: Exception) -> SendFailure:
    """A library or connection error as temporary, permanent or uncertain."""
    if isinstance(exc, APIError):
        cause = exc.__cause__
        if isinstance(cause, requests.exceptions.ConnectionError):
            if _never_connected(cause):
                return TemporaryFailure(f"Notify unreachable: {cause}")
            return UncertainFailure(f"Notify connection lost: {cause}")
        if isinstance(cause, requests.exceptions.Timeout):  # read timeout: it may have gone
            return UncertainFailure(f"Notify timed out: {cause}")
        status = exc.status_code
        message = f"Notify {status}: {_message(exc)}"
        if status in (429, 503):  # rate limited, or down: refused before doing anything
            return TemporaryFailure(message, code=str(status))
        if status == 403:  # a wrong or revoked key: nothing will go until a person fixes it
            return TemporaryFailure(message, code="403")
        if 400 <= status < 500:
            return PermanentFailure(message, code=str(status))
        return UncertainFailure(message, code=str(status))  # a 500 may have created it
    return UncertainFailure(f"{type(exc).__name__}: {exc}")


def _message(exc: APIError) -> str:
    found = exc.message
    if isinstance(found, list):  # Notify's [{"error": ..., "message": ...}]
        return "; ".join(str(e.get("message", e)) for e in found if isinstance(e, dict))[:300]
    return str(found)[:300]


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


def find_by_reference(api: Any, reference: str) -> tuple[str, MessageStatus] | None:
    """The notification sent with this reference (its id and status), or None if Notify has
    none. Raises a SendFailure when Notify cannot be asked."""
    try:
        found = api.get_all_notifications(reference=reference)
    except (APIError, requests.exceptions.RequestException) as exc:
        raise sorted_failure(exc) from exc
    notifications = found.get("notifications") or []
    if not notifications:
        return None
    first = notifications[0]
    return str(first["id"]), STATUSES.get(str(first.get("status")), MessageStatus.queued)


def bearer_ok(header: str | None, token: str | None) -> bool:
    """Notify's `Authorization: Bearer <token>` on a callback, compared in constant time."""
    if not token or not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())
