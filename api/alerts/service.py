"""Safeguarding alerts as staff work them: the queue, one alert, its moves, its words.
(Raising them is api/alerts/raising.py; telling people, api/alerts/notify.py.)"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import audit
from api.accounts.scope import Scope
from api.errors import Conflict, Forbidden
from api.models import AlertEvent, Answer, SafeguardingAlert
from api.models.enums import AlertStatus, Role
from api.scoped import one_for_team, require_role

# new -> acknowledged -> referred | no further action -> closed
NEXT: dict[AlertStatus, frozenset[AlertStatus]] = {
    AlertStatus.new: frozenset({AlertStatus.acknowledged}),
    AlertStatus.acknowledged: frozenset({AlertStatus.referred, AlertStatus.no_further_action}),
    AlertStatus.referred: frozenset({AlertStatus.closed}),
    AlertStatus.no_further_action: frozenset({AlertStatus.closed}),
    AlertStatus.closed: frozenset(),
}
HANDLERS = frozenset({Role.admin, Role.rights_team, Role.manager})


REFUSAL = "Safeguarding alerts are handled by managers and the rights team"


def _scoped(session: Session, scope: Scope, public_id: str) -> SafeguardingAlert:
    return one_for_team(
        session,
        scope,
        SafeguardingAlert,
        SafeguardingAlert.public_id == public_id,
        roles=HANDLERS,
        refusal=REFUSAL,
        missing="There is no alert with that id",
    )


def get(
    session: Session, scope: Scope, *, public_id: str
) -> tuple[SafeguardingAlert, list[AlertEvent]]:
    """An alert and its history; no words (those come from `text`, audited)."""
    alert = _scoped(session, scope, public_id)
    events = list(
        session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(AlertEvent.id)
        )
    )
    return alert, events


def list_alerts(
    session: Session, scope: Scope, *, status: AlertStatus | None = None
) -> list[SafeguardingAlert]:
    """Alerts the reader may handle, new first, oldest first within a status."""
    require_role(scope, HANDLERS, REFUSAL)
    query = select(SafeguardingAlert).where(scope.team_filter(SafeguardingAlert.team_id))
    if status is not None:
        query = query.where(SafeguardingAlert.status == status)
    order = [
        AlertStatus.new,
        AlertStatus.acknowledged,
        AlertStatus.referred,
        AlertStatus.no_further_action,
        AlertStatus.closed,
    ]
    alerts = list(session.scalars(query.order_by(SafeguardingAlert.raised_at)))
    return sorted(alerts, key=lambda a: order.index(a.status))


def move(
    session: Session,
    scope: Scope,
    *,
    public_id: str,
    to: AlertStatus,
    note: str | None,
    not_a_disclosure: bool = False,
) -> SafeguardingAlert:
    """Move an alert to its next status, recording who, when and their note."""
    alert = _scoped(session, scope, public_id)
    if not_a_disclosure and to is not AlertStatus.no_further_action:
        raise Conflict("Only 'no further action' can say it was not a disclosure")
    if to not in NEXT[alert.status]:
        allowed = ", ".join(sorted(s.value for s in NEXT[alert.status])) or "nothing"
        raise Conflict(f"An alert that is {alert.status.value} can move to {allowed}")
    alert.status = to
    alert.not_a_disclosure = alert.not_a_disclosure or not_a_disclosure
    alert.updated_at = datetime.now(UTC)
    session.add(
        AlertEvent(
            alert_id=alert.id,
            actor_user_id=scope.user_id,
            actor_label=scope.label,
            status=to,
            note=note,
        )
    )
    session.flush()
    return alert


def text(session: Session, scope: Scope, *, public_id: str) -> str:
    """The words that raised the alert, for those allowed raw text; every view is audited."""
    alert = _scoped(session, scope, public_id)
    if not scope.raw_text:
        raise Forbidden("Your role cannot read raw feedback")
    words = session.scalar(select(Answer.text).where(Answer.id == alert.answer_id)) or ""
    audit.record(session, scope, action="alert.view_text", object_type="alert", object_id=public_id)
    return words
