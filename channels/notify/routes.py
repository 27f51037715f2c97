"""GOV.UK Notify's callbacks: a delivery receipt, and a text received on the service's
inbound number.

Each checks Notify's `Authorization: Bearer <token>` (the token set in Notify's callback
settings, compared in constant time: a missing or wrong one gets 401 and nothing is stored),
translates Notify's JSON into one domain call, and answers at once; the worker does the rest.
A receipt only ever moves a message forward, and a text is stored once per Notify id, so
Notify's retries change nothing. Unknown fields are accepted.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.conversations import service as conversations
from api.core.config import get_settings
from api.core.group_commit import GroupCommit
from api.messaging import references
from api.messaging import service as messages
from api.models import OutboundMessage
from channels.notify.client import ERROR_CODES, STATUSES, bearer_ok

router = APIRouter(include_in_schema=False)


def _plain(status: int, text: str) -> Response:
    return Response(text, status_code=status, media_type="text/plain")


def _ok() -> Response:
    return Response(status_code=204)


async def _verified_json(request: Request) -> dict[str, Any] | Response:
    """The posted object when the bearer token is Notify's; otherwise the response to give."""
    settings = get_settings()
    uses_notify = "notify" in (settings.sms_provider, settings.email_provider)
    if not uses_notify or not settings.notify_callback_token:
        return _plain(404, "GOV.UK Notify callbacks are not configured here")
    if not bearer_ok(request.headers.get("authorization"), settings.notify_callback_token):
        return _plain(401, "The bearer token does not match")
    try:
        posted = json.loads(await request.body())
    except (UnicodeDecodeError, ValueError, RecursionError):  # deep nesting is not Notify
        return _plain(400, "Expected a JSON object")
    if not isinstance(posted, dict):
        return _plain(400, "Expected a JSON object")
    return posted


def _text(posted: dict[str, Any], key: str) -> str | None:
    value = posted.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def international(number: str) -> str:
    """Notify's source_number (447700900123) as the +447700900123 our contacts are stored as."""
    digits = "".join(c for c in number if c.isdigit())
    if number.strip().startswith("+") or not digits:
        return "+" + digits if digits else number.strip()
    if digits.startswith("0"):
        return "+44" + digits[1:]
    return "+" + digits


def _group_commit(request: Request) -> GroupCommit:
    committer: GroupCommit = request.app.state.group_commit
    return committer


async def receipt(request: Request) -> Response:
    """A delivery receipt for a text or an email: only ever moves it forward."""
    posted = await _verified_json(request)
    if isinstance(posted, Response):
        return posted
    notification_id = _text(posted, "id")
    status = _text(posted, "status")
    reported = STATUSES.get(status or "")
    if not notification_id or len(notification_id) > 64 or reported is None:
        return _plain(400, "id (Notify's) and a known status are required")
    ours = references.message_id_of(_text(posted, "reference"))
    error_code = ERROR_CODES.get(status or "")

    def work(session: Session) -> None:
        message_id = ours or session.scalar(
            select(OutboundMessage.id).where(OutboundMessage.provider_id == notification_id)
        )
        if message_id is None:
            return  # not ours (another system on the same Notify service), or long gone
        messages.apply_status(
            session,
            message_id=message_id,
            provider_id=notification_id,
            status=reported,
            error_code=error_code,
        )

    await _group_commit(request).run(work)
    return _ok()


async def inbound(request: Request) -> Response:
    """A text to the service's inbound number: stored once, handled by the worker."""
    posted = await _verified_json(request)
    if isinstance(posted, Response):
        return posted
    notification_id = _text(posted, "id")
    source = _text(posted, "source_number")
    if not notification_id or len(notification_id) > 64 or not source:
        return _plain(400, "id (Notify's) and source_number are required")
    body = posted.get("message")
    words = body if isinstance(body, str) else ""
    sender = international(source)

    def work(session: Session) -> bool:
        return conversations.receive(
            session, provider_id=f"notify:{notification_id}", sender=sender, body=words
        )

    await _group_commit(request).run(work)
    return _ok()


router.add_route("/notify/receipts", receipt, methods=["POST"], include_in_schema=False)
router.add_route("/notify/inbound", inbound, methods=["POST"], include_in_schema=False)
