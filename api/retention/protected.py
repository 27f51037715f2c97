"""What safeguarding still needs, so no retention step or erasure may take it.

The words behind an alert are part of a child-protection record: kept, raw, until the alert
itself is anonymised, years after it closed. An unread possible concern needs its words until
a person has read them. An open alert needs the contact details it can show on asking."""

from __future__ import annotations

from sqlalchemy import Select, select

from api.alerts.service import OPEN
from api.models import PossibleConcern, SafeguardingAlert
from api.models.enums import ConcernStatus


def answers_kept() -> Select[tuple[int | None]]:
    """Answer ids whose words an alert (not yet anonymised) or an unread concern needs."""
    alerts = select(SafeguardingAlert.answer_id).where(
        SafeguardingAlert.anonymised_at.is_(None), SafeguardingAlert.answer_id.is_not(None)
    )
    concerns = select(PossibleConcern.answer_id).where(PossibleConcern.status == ConcernStatus.open)
    return alerts.union(concerns)  # type: ignore[return-value]


def responses_kept() -> Select[tuple[int | None]]:
    """Response ids a whole alert is about (a child asking for help) or an unread concern
    is on: every word of the response stays while they need it."""
    alerts = select(SafeguardingAlert.response_id).where(
        SafeguardingAlert.anonymised_at.is_(None), SafeguardingAlert.response_id.is_not(None)
    )
    concerns = select(PossibleConcern.response_id).where(
        PossibleConcern.status == ConcernStatus.open
    )
    return alerts.union(concerns)  # type: ignore[return-value]


def invitations_kept() -> Select[tuple[int | None]]:
    """Invitations whose number or address an open alert may show its duty worker."""
    return select(SafeguardingAlert.invitation_id).where(
        SafeguardingAlert.status.in_(OPEN), SafeguardingAlert.invitation_id.is_not(None)
    )


def inbound_kept() -> Select[tuple[int | None]]:
    """Texts from the public an alert (not yet anonymised) is about."""
    return select(SafeguardingAlert.inbound_message_id).where(
        SafeguardingAlert.anonymised_at.is_(None),
        SafeguardingAlert.inbound_message_id.is_not(None),
    )


def open_alert_ids() -> Select[tuple[str]]:
    """Public ids of open alerts, whose audit trail must outlive any clock."""
    return select(SafeguardingAlert.public_id).where(SafeguardingAlert.status.in_(OPEN))
