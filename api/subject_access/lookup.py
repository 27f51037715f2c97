"""Finding everything stored about one person from a phone number, an email address or a
case reference. Numbers and addresses are found by their keyed hash (decision 13), never by
decrypting every row; only the few alerts where an anonymous person offered a way to reach
them are opened and compared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from api.core import crypto
from api.core.errors import FieldError, InvalidInput
from api.invitations.contacts import Unreachable, normalise_email, normalise_phone
from api.models import (
    CaseEvent,
    ContactLanguage,
    Episode,
    InboundMessage,
    Invitation,
    OptOut,
    OutboundMessage,
    PossibleConcern,
    Response,
    SafeguardingAlert,
)


class KeyKind(StrEnum):
    phone = "phone"
    email = "email"
    case_ref = "case_ref"


@dataclass(frozen=True)
class Key:
    kind: KeyKind
    value: str  # normalised: E.164, a lower-case domain, a trimmed case reference

    @property
    def hash(self) -> str:
        """The keyed hash an audit event names the person by (never the value itself)."""
        prefix = "case:" if self.kind is KeyKind.case_ref else ""
        return crypto.contact_hash(prefix + self.value)


def key_of(kind: str, raw: str) -> Key:
    """The key to look up by; InvalidInput (422) when it cannot be one."""
    value = (raw or "").strip()[:254]
    try:
        chosen = KeyKind(kind)
    except ValueError:
        raise InvalidInput(
            "Choose what to look up by", errors=[FieldError("kind", "Choose what to look up by")]
        ) from None
    if not value:
        raise InvalidInput(
            "Enter what to look up", errors=[FieldError("value", "Enter what to look up")]
        )
    if chosen is KeyKind.phone:
        try:
            value = normalise_phone(value)
        except Unreachable:
            message = "Enter a mobile number, like 07700 900123"
            raise InvalidInput(message, errors=[FieldError("value", message)]) from None
    elif chosen is KeyKind.email:
        if "@" not in value:
            message = "Enter an email address, like name@example.com"
            raise InvalidInput(message, errors=[FieldError("value", message)])
        value = normalise_email(value)
    return Key(chosen, value)


@dataclass
class Found:
    key: Key
    invitation_ids: list[int] = field(default_factory=list)
    case_event_ids: list[int] = field(default_factory=list)
    response_ids: list[int] = field(default_factory=list)
    outbound_ids: list[int] = field(default_factory=list)
    inbound_ids: list[int] = field(default_factory=list)
    alert_ids: list[int] = field(default_factory=list)
    concern_ids: list[int] = field(default_factory=list)
    opted_out_at: datetime | None = None
    # The language they prefer, and where it was learned (api/invitations/language.py).
    language: tuple[str, str] | None = None
    episode_ids: list[int] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "invitations": len(self.invitation_ids),
            "case_events": len(self.case_event_ids),
            "responses": len(self.response_ids),
            "messages_sent": len(self.outbound_ids),
            "messages_received": len(self.inbound_ids),
            "alerts": len(self.alert_ids),
            "possible_concerns": len(self.concern_ids),
        }

    @property
    def empty(self) -> bool:
        return not any(self.counts.values()) and self.opted_out_at is None and self.language is None


def _ids(session: Session, query: object) -> list[int]:
    return sorted({int(i) for i in session.scalars(query) if i is not None})  # type: ignore[call-overload]


def _offered_matches(session: Session, key: Key) -> list[int]:
    """Alerts where an anonymous person offered this number or address (few; decrypted)."""
    found = []
    rows = session.execute(
        select(SafeguardingAlert.id, SafeguardingAlert.offered_contact_encrypted).where(
            SafeguardingAlert.offered_contact_encrypted.is_not(None)
        )
    )
    for alert_id, token in rows:
        try:
            offered = crypto.decrypt(token)
        except ValueError:
            continue
        # "07700 900123 after 6pm, or mum@example.com": the whole, and each part.
        for part in [offered, *re.split(r"[,;/\n]|\bor\b|\s{2,}", offered)]:
            candidate = part.strip()
            if not candidate:
                continue
            try:
                same = (
                    normalise_phone(candidate) == key.value
                    if key.kind is KeyKind.phone
                    else normalise_email(candidate) == key.value
                )
            except Unreachable:
                same = False
            if same:
                found.append(int(alert_id))
                break
    return found


def find(session: Session, key: Key) -> Found:
    """Every row about the person the key names."""
    found = Found(key)
    offered: list[int] = []
    if key.kind is KeyKind.case_ref:
        found.case_event_ids = _ids(
            session, select(CaseEvent.id).where(CaseEvent.case_ref == key.value)
        )
        found.invitation_ids = _ids(
            session, select(Invitation.id).where(Invitation.case_ref == key.value)
        )
        found.episode_ids = _ids(session, select(Episode.id).where(Episode.case_ref == key.value))
        by_hash = None
    else:
        by_hash = crypto.contact_hash(key.value)
        # The invitation's own hash goes when its contact details are erased; the messages'
        # hashes stay, so a person can still be found (and given or rid of) their answers.
        found.invitation_ids = _ids(
            session,
            select(Invitation.id)
            .where(Invitation.contact_hash == by_hash)
            .union(
                select(OutboundMessage.invitation_id).where(
                    OutboundMessage.recipient_hash == by_hash
                ),
                select(InboundMessage.invitation_id).where(InboundMessage.sender_hash == by_hash),
            ),
        )
        found.opted_out_at = session.scalar(
            select(OptOut.opted_out_at).where(OptOut.contact_hash == by_hash)
        )
        preference = session.execute(
            select(ContactLanguage.language, ContactLanguage.source).where(
                ContactLanguage.contact_hash == by_hash
            )
        ).first()
        if preference is not None:
            found.language = (preference[0].value, preference[1].value)
        offered = _offered_matches(session, key)
    invitations = found.invitation_ids
    outbound: ColumnElement[bool] = OutboundMessage.invitation_id.in_(invitations)
    inbound: ColumnElement[bool] = InboundMessage.invitation_id.in_(invitations)
    if by_hash is not None:
        outbound = or_(outbound, OutboundMessage.recipient_hash == by_hash)
        inbound = or_(inbound, InboundMessage.sender_hash == by_hash)
    found.outbound_ids = _ids(session, select(OutboundMessage.id).where(outbound))
    found.inbound_ids = _ids(session, select(InboundMessage.id).where(inbound))
    found.response_ids = _ids(
        session, select(Response.id).where(Response.invitation_id.in_(invitations))
    )
    found.alert_ids = sorted(
        set(
            _ids(
                session,
                select(SafeguardingAlert.id).where(
                    or_(
                        SafeguardingAlert.invitation_id.in_(invitations),
                        SafeguardingAlert.response_id.in_(found.response_ids),
                        SafeguardingAlert.inbound_message_id.in_(found.inbound_ids),
                    )
                ),
            )
        )
        | set(offered)
    )
    found.concern_ids = _ids(
        session,
        select(PossibleConcern.id).where(PossibleConcern.response_id.in_(found.response_ids)),
    )
    return found
