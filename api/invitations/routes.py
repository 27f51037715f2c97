"""Case events from case-management systems (Mosaic, LCS, Eclipse), and the message queue
for the people who settle what the worker could not."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.accounts.scoped import require_role
from api.core.errors import NotFound
from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn, CaseEventRead
from api.messaging import service as messages
from api.models import OutboundMessage
from api.models.enums import MessageStatus, Role

router = APIRouter(tags=["invitations"])
ADMIN = frozenset({Role.admin})


@router.post("/case-events", status_code=202)
async def case_event(body: CaseEventIn, staff: Staff) -> CaseEventRead:
    """Invite the contacts of a case event by text or email, under the council's rules.
    Idempotent on event_id. The answer says, per contact, invited or why not; it never
    repeats a number or an address."""

    def work(session: Session, scope: Scope) -> CaseEventRead:
        require_role(scope, ADMIN, "Only an integration (admin) account can post case events")
        return invitations.receive_case_event(session, event=body)

    return await staff.run(work)


class MessageRead(BaseModel):
    id: int
    channel: str
    purpose: str
    status: str
    attempts: int
    segments: int
    error_code: str | None
    last_error: str | None


class Settle(BaseModel):
    status: Literal["sent", "delivered", "failed"]


@router.get("/messages")
async def list_messages(
    staff: Staff, status: MessageStatus = MessageStatus.unknown
) -> list[MessageRead]:
    """Outbound messages by status: 'unknown' ones need a person to check the provider's log
    (a worker stopped mid-send). Never the words or the recipient."""

    def work(session: Session, scope: Scope) -> list[MessageRead]:
        require_role(scope, ADMIN, "Only an admin can see the message queue")
        rows = session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.status == status)
            .order_by(OutboundMessage.id)
            .limit(500)
        )
        return [_read(m) for m in rows]

    return await staff.run(work)


@router.post("/messages/{message_id}/settle")
async def settle_message(message_id: int, body: Settle, staff: Staff) -> MessageRead:
    """Record what the provider's log says happened to a message (forward only)."""

    def work(session: Session, scope: Scope) -> MessageRead:
        require_role(scope, ADMIN, "Only an admin can settle messages")
        if session.get(OutboundMessage, message_id) is None:
            raise NotFound("There is no such message")
        messages.apply_status(
            session, message_id=message_id, provider_id=None, status=MessageStatus(body.status)
        )
        message = session.get(OutboundMessage, message_id)
        assert message is not None
        return _read(message)

    return await staff.run(work)


def _read(message: OutboundMessage) -> MessageRead:
    return MessageRead(
        id=message.id,
        channel=message.channel.value,
        purpose=message.purpose.value,
        status=message.status.value,
        attempts=message.attempts,
        segments=message.segments,
        error_code=message.error_code,
        last_error=message.last_error,
    )
