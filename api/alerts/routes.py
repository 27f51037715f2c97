"""Safeguarding alerts over HTTP. Reading an alert's words is its own audited request."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy.orm import Session

from analysis.text import clean_free_text
from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.alerts import service as alerts
from api.alerts.schemas import AlertEventRead, AlertMove, AlertRead, AlertText
from api.models import AlertEvent
from api.models.enums import AlertStatus

router = APIRouter(prefix="/alerts", tags=["safeguarding alerts"])


def _read(row: alerts.Row, events: list[AlertEvent] | None = None) -> AlertRead:
    alert = row.alert
    return AlertRead(
        id=alert.public_id,
        status=alert.status,
        categories=alert.categories,
        raised_at=alert.raised_at,
        updated_at=alert.updated_at,
        minutes_since_raised=int((datetime.now(UTC) - alert.raised_at).total_seconds() // 60),
        not_a_disclosure=alert.not_a_disclosure,
        said_at=alert.said_at,
        audience=alert.audience,
        channel=alert.channel,
        raised_by=alert.raised_by,
        team=row.team,
        collection_point=row.collection_point,
        survey=row.survey,
        owner=row.owner,
        assigned_at=alert.assigned_at,
        case_ref=row.case_ref,
        history=None
        if events is None
        else [
            AlertEventRead(
                occurred_at=e.occurred_at, by=e.actor_label, status=e.status, note=e.note
            )
            for e in events
        ],
    )


def _one(session: Session, scope: Scope, alert_id: str) -> AlertRead:
    _, events = alerts.get(session, scope, public_id=alert_id)
    return _read(alerts.row(session, scope, public_id=alert_id), events)


@router.get("")
async def list_alerts(staff: Staff, status: AlertStatus | None = None) -> list[AlertRead]:
    """Alerts you may handle: new first, then by age."""
    return await staff.run(
        lambda session, scope: [_read(a) for a in alerts.list_alerts(session, scope, status=status)]
    )


@router.get("/{alert_id}")
async def get_alert(alert_id: str, staff: Staff) -> AlertRead:
    """One alert with its history."""
    return await staff.run(lambda session, scope: _one(session, scope, alert_id))


@router.get("/{alert_id}/text")
async def get_alert_text(alert_id: str, staff: Staff) -> AlertText:
    """The words that raised the alert (roles with raw access only; audited)."""
    words = await staff.run(lambda session, scope: alerts.text(session, scope, public_id=alert_id))
    return AlertText(id=alert_id, text=words)


@router.post("/{alert_id}/moves")
async def move_alert(alert_id: str, move: AlertMove, staff: Staff) -> AlertRead:
    """Acknowledge, refer, record no further action, or close, with a note. From new,
    referred or no_further_action is one step (the acknowledgement is recorded too)."""
    note = clean_free_text(move.note) if move.note else None

    def work(session: Session, scope: Scope) -> AlertRead:
        alerts.move(
            session,
            scope,
            public_id=alert_id,
            to=move.status,
            note=note,
            not_a_disclosure=move.not_a_disclosure,
        )
        return _one(session, scope, alert_id)

    return await staff.run(work)
