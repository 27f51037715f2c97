"""Texts outside a survey, for the people who must read them: listed by team (through the
number's invitation), their words only on asking and audited, and marked as read by whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.accounts.scoped import require_role
from api.core import audit, crypto
from api.core.errors import Forbidden, NotFound
from api.models import InboundMessage, Invitation, SafeguardingAlert, StaffUser
from api.models.enums import Role

READERS = frozenset({Role.admin, Role.rights_team, Role.manager})
REFUSAL = "Only the rights team, admins and managers read texts outside a survey"
PAGE = 200


@dataclass(frozen=True)
class KeptText:
    id: int
    received_at: datetime
    outcome: str | None
    told_not_watched: bool
    team_id: int | None
    case_ref: str | None
    alert_public_id: str | None
    alert_status: str | None
    read_at: datetime | None
    read_by: str | None


def _visible(scope: Scope):  # type: ignore[no-untyped-def]
    """Texts with an invitation follow its team; texts with none (or no team) are council-wide
    and, like feedback with no team, only roles that see every team see them."""
    return (
        select(InboundMessage, Invitation.team_id, Invitation.case_ref)
        .outerjoin(Invitation, Invitation.id == InboundMessage.invitation_id)
        .where(
            InboundMessage.kept_body_encrypted.is_not(None), scope.team_filter(Invitation.team_id)
        )
    )


def list_texts(session: Session, scope: Scope, *, unread_only: bool = False) -> list[KeptText]:
    """Kept texts the reader may see, newest first, with their alert if one was raised."""
    require_role(scope, READERS, REFUSAL)
    query = _visible(scope).order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc())
    if unread_only:
        query = query.where(InboundMessage.read_at.is_(None))
    rows = session.execute(query.limit(PAGE)).tuples().all()
    ids = [m.id for m, _, _ in rows]
    alerts = {
        a.inbound_message_id: a
        for a in session.scalars(
            select(SafeguardingAlert).where(SafeguardingAlert.inbound_message_id.in_(ids))
        )
    }
    readers = dict(
        session.execute(
            select(StaffUser.id, StaffUser.display_name).where(
                StaffUser.id.in_({m.read_by_user_id for m, _, _ in rows if m.read_by_user_id})
            )
        )
        .tuples()
        .all()
    )
    return [
        KeptText(
            id=m.id,
            received_at=m.received_at,
            outcome=m.outcome,
            told_not_watched=m.told_not_watched,
            team_id=team_id,
            case_ref=case_ref,
            alert_public_id=alerts[m.id].public_id if m.id in alerts else None,
            alert_status=alerts[m.id].status.value if m.id in alerts else None,
            read_at=m.read_at,
            read_by=readers.get(m.read_by_user_id or 0),
        )
        for m, team_id, case_ref in rows
    ]


def _one(session: Session, scope: Scope, message_id: int) -> InboundMessage:
    require_role(scope, READERS, REFUSAL)
    found = session.execute(_visible(scope).where(InboundMessage.id == message_id)).first()
    if found is None:
        raise NotFound("There is no such text, or it is another team's")
    message: InboundMessage = found[0]
    return message


def words(session: Session, scope: Scope, *, message_id: int) -> str:
    """What the text said, for roles with raw access; every showing is audited."""
    message = _one(session, scope, message_id)
    if not scope.raw_text:
        raise Forbidden("Your role cannot read raw feedback")
    audit.record(
        session, scope, action="inbound.view_text", object_type="inbound", object_id=str(message.id)
    )
    try:
        return crypto.decrypt(message.kept_body_encrypted or "")
    except ValueError:
        return "(These words were encrypted with a key that is no longer configured.)"


def mark_read(session: Session, scope: Scope, *, message_id: int) -> None:
    """A person has read it (the first reader and time stand)."""
    message = _one(session, scope, message_id)
    if message.read_at is None:
        message.read_at = datetime.now(UTC)
        message.read_by_user_id = scope.user_id
        audit.record(
            session, scope, action="inbound.mark_read", object_type="inbound",
            object_id=str(message.id),
        )  # fmt: skip
    session.flush()
