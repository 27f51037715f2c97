"""Twilio's webhooks: a text from the public, and a message's status.

Each checks X-Twilio-Signature against the public base URL (behind a proxy the URL we see
differs), stores what arrived with insert-or-ignore on the provider's id, and answers at
once with empty TwiML; the worker does the rest. Unknown fields are accepted.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.conversations import service as conversations
from api.core.config import get_settings
from api.core.group_commit import GroupCommit
from api.messaging import service as messages
from api.models import OutboundMessage
from channels.sms.twilio import EMPTY_TWIML, STATUSES, signature_ok

router = APIRouter(include_in_schema=False)


def group_commit(request: Request) -> GroupCommit:
    committer: GroupCommit = request.app.state.group_commit
    return committer


def _twiml() -> Response:
    return Response(EMPTY_TWIML, media_type="application/xml")


def _plain(status: int, text: str) -> Response:
    return Response(text, status_code=status, media_type="text/plain")


async def _verified_form(request: Request) -> dict[str, str] | Response:
    """The posted fields when the signature is Twilio's; otherwise the response to give."""
    settings = get_settings()
    if settings.sms_provider != "twilio" or not settings.twilio_auth_token:
        return _plain(404, "SMS by Twilio is not configured here")
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return _plain(415, "Expected a form post")
    # A plain urlencoded body: parse_qsl is several times cheaper than a multipart parser.
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return _plain(400, "The body is not UTF-8")
    params = dict(parse_qsl(body, keep_blank_values=True))
    url = settings.public_base_url.rstrip("/") + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    signature = request.headers.get("x-twilio-signature")
    if not signature_ok(
        auth_token=settings.twilio_auth_token, url=url, params=params, signature=signature
    ):
        return _plain(403, "Signature does not match")
    return params


async def inbound(request: Request) -> Response:
    """A text from the public: stored once, handled by the worker."""
    params = await _verified_form(request)
    if isinstance(params, Response):
        return params
    sid = params.get("MessageSid") or params.get("SmsSid")
    sender = params.get("From")
    if not sid or not sender:
        return _plain(400, "MessageSid and From are required")
    body = params.get("Body", "")

    def work(session: Session) -> bool:
        return conversations.receive(session, provider_id=sid, sender=sender, body=body)

    # Many texts arriving together share one transaction; each is answered once it is stored.
    await group_commit(request).run(work)
    return _twiml()


async def status(request: Request) -> Response:
    """A message's status: only ever moves it forward."""
    params = await _verified_form(request)
    if isinstance(params, Response):
        return params
    sid = params.get("MessageSid") or params.get("SmsSid")
    reported = STATUSES.get(params.get("MessageStatus", "").lower())
    if not sid or reported is None:
        return _twiml()  # a status we do not track (receiving, received): nothing to do
    ours = request.query_params.get("m", "")
    error_code = params.get("ErrorCode") or None

    def work(session: Session) -> None:
        message_id = (
            int(ours)
            if ours.isdigit()
            else session.scalar(
                select(OutboundMessage.id).where(OutboundMessage.provider_id == sid)
            )
        )
        if message_id is None:
            return
        messages.apply_status(
            session, message_id=message_id, provider_id=sid, status=reported, error_code=error_code
        )

    await group_commit(request).run(work)
    return _twiml()


# Plain Starlette routes: Twilio needs no OpenAPI entry or dependency solving, and at 50
# concurrent webhooks FastAPI's per-request machinery cost more than the work itself.
router.add_route("/sms/twilio/inbound", inbound, methods=["POST"], include_in_schema=False)
router.add_route("/sms/twilio/status", status, methods=["POST"], include_in_schema=False)
