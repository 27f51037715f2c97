"""Texts and emails that did not arrive, for the staff who can do something about it (check
the number with the family, ask for another way to reach them). Listed by team through the
message's invitation; never the words or the number (decision 42)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.accounts.scoped import require_role
from api.messaging.dispatch import MAX_ATTEMPTS
from api.models import Invitation, OutboundMessage
from api.models.enums import Channel, MessagePurpose, MessageStatus, Role
from channels.sms.provider import OPTED_OUT_CODE

READERS = frozenset({Role.admin, Role.rights_team, Role.manager})
REFUSAL = "Only the rights team, admins and managers see which messages did not arrive"
PAGE = 200
NOT_ARRIVED = (MessageStatus.failed, MessageStatus.undelivered)

WHAT = {
    MessagePurpose.invitation: "Invitation to a survey",
    MessagePurpose.reminder: "Reminder",
    MessagePurpose.question: "A survey question",
    MessagePurpose.thanks: "Thank you",
    MessagePurpose.opt_out_confirmation: "Confirmation they opted out",
    MessagePurpose.opt_in_confirmation: "Confirmation they opted in again",
    MessagePurpose.help: "Answer to HELP",
}
# What the provider said, in words staff can act on. Notify's three come from its receipts.
WHY = {
    "notify-permanent": "The number or address does not work: Notify has given up for good. "
    "Check it with the family.",
    "notify-temporary": "The phone was off or had no signal (or the inbox was full) for 3 days. "
    "Notify has stopped trying.",
    "notify-technical": "A fault at Notify: it was not sent. Not sent again by itself.",
    OPTED_OUT_CODE: "The number has stopped texts from us with its phone network.",
}


# Why, when the provider's code is not one of those above.
UNDELIVERED = "undelivered"
UNREACHABLE = "unreachable"
REFUSED = "refused"
WHY_ELSE = {
    UNDELIVERED: "The phone network could not deliver it.",
    UNREACHABLE: "The provider could not be reached after several tries.",
}


@dataclass(frozen=True)
class NotArrived:
    """One message that did not arrive. The words are English (the CLI and the API read
    them); the keys beside them let a page say the same in its reader's language."""

    id: int
    when: datetime
    what: str
    by: str
    why: str
    team_id: int | None
    case_ref: str | None
    purpose: MessagePurpose | None = None
    channel: Channel | None = None
    reason: str = REFUSED  # a key of WHY or WHY_ELSE, or REFUSED
    error_code: str | None = None


def reason(message: OutboundMessage) -> str:
    """Why it did not arrive, as a key: the provider's code we know, else what happened."""
    if message.error_code in WHY:
        return message.error_code
    if message.status is MessageStatus.undelivered:
        return UNDELIVERED
    if message.attempts >= MAX_ATTEMPTS and message.error_code is None:
        return UNREACHABLE
    return REFUSED


def why(message: OutboundMessage) -> str:
    """Why it did not arrive, in plain words."""
    key = reason(message)
    if key in WHY:
        return WHY[key]
    if key in WHY_ELSE:
        return WHY_ELSE[key]
    code = f" (code {message.error_code})" if message.error_code else ""
    return f"The provider refused it{code}."


def list_not_arrived(session: Session, scope: Scope) -> list[NotArrived]:
    """Messages that failed or were not delivered, newest first, for the reader's teams."""
    require_role(scope, READERS, REFUSAL)
    rows = (
        session.execute(
            select(OutboundMessage, Invitation.team_id, Invitation.case_ref)
            .outerjoin(Invitation, Invitation.id == OutboundMessage.invitation_id)
            .where(OutboundMessage.status.in_(NOT_ARRIVED), scope.team_filter(Invitation.team_id))
            .order_by(OutboundMessage.status_at.desc(), OutboundMessage.id.desc())
            .limit(PAGE)
        )
        .tuples()
        .all()
    )
    return [
        NotArrived(
            id=m.id,
            when=m.status_at or m.created_at,
            what=WHAT.get(m.purpose, "A message"),
            by="Email" if m.channel is Channel.email else "Text",
            why=why(m),
            team_id=team_id,
            case_ref=case_ref,
            purpose=m.purpose,
            channel=m.channel,
            reason=reason(m),
            error_code=m.error_code,
        )
        for m, team_id, case_ref in rows
    ]
