"""Safeguarding alerts as staff work them: the queue, one alert, its moves, taking it on.
(Raising them is api/alerts/raising.py; telling people, api/alerts/notify.py; what the alert
page reads about the person, api/alerts/reading.py.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.accounts.scoped import one_for_team, require_role
from api.alerts import reading
from api.core.errors import Conflict
from api.models import (
    AlertEvent,
    CollectionPoint,
    Invitation,
    Response,
    SafeguardingAlert,
    StaffUser,
    Survey,
    Team,
)
from api.models.enums import AlertSource, AlertStatus, Language, Role

# new -> acknowledged -> referred | no further action -> closed. From new, referring or
# deciding no further action is one step for the duty worker: acknowledging is implied, and
# recorded, so the history still shows when someone first took it on.
NEXT: dict[AlertStatus, frozenset[AlertStatus]] = {
    AlertStatus.new: frozenset(
        {AlertStatus.acknowledged, AlertStatus.referred, AlertStatus.no_further_action}
    ),
    AlertStatus.acknowledged: frozenset({AlertStatus.referred, AlertStatus.no_further_action}),
    AlertStatus.referred: frozenset({AlertStatus.closed}),
    AlertStatus.no_further_action: frozenset({AlertStatus.closed}),
    AlertStatus.closed: frozenset(),
}
HANDLERS = frozenset({Role.admin, Role.rights_team, Role.manager})
OPEN = (AlertStatus.new, AlertStatus.acknowledged)
PER_PAGE = 25
REFUSAL = "Safeguarding alerts are handled by managers and the rights team"
STATUS_ORDER = case(
    {s: n for n, s in enumerate(AlertStatus)}, value=SafeguardingAlert.status, else_=99
)


@dataclass(frozen=True)
class Row:
    """An alert with the names a duty worker reads beside it."""

    alert: SafeguardingAlert
    team: str | None
    owner: str | None
    collection_point: str | None
    survey: str | None
    case_ref: str | None
    response_public_id: str | None
    survey_key: str | None  # the survey's own title is written for its respondents
    language: Language | None  # of the response, once there is one
    # The Welsh names, for a reader of the staff pages in Welsh (None: use the English).
    team_cy: str | None = None
    collection_point_cy: str | None = None
    survey_cy: str | None = None


@dataclass(frozen=True)
class Wanted:
    """The queue's filters: status is "open" (new and acknowledged), "all" or a status."""

    status: str = "open"
    team_id: int | None = None
    category: str | None = None
    child_request: bool = False
    newest_first: bool = False
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]
    total: int
    page: int
    pages: int
    per_page: int
    counts: dict[str, int]  # "open", "all" and each status, within the reader's teams and
    # every other filter chosen


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


def _rows_query() -> Select[Any]:
    return (
        select(
            SafeguardingAlert,
            Team.name,
            StaffUser.display_name,
            CollectionPoint.name_en,
            Survey.title_en,
            Invitation.case_ref,
            Response.public_id,
            Survey.key,
            Response.language,
            Team.name_cy,
            CollectionPoint.name_cy,
            Survey.title_cy,
        )
        .outerjoin(Team, Team.id == SafeguardingAlert.team_id)
        .outerjoin(StaffUser, StaffUser.id == SafeguardingAlert.owner_user_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == SafeguardingAlert.collection_point_id)
        .outerjoin(Survey, Survey.id == SafeguardingAlert.survey_id)
        .outerjoin(Invitation, Invitation.id == SafeguardingAlert.invitation_id)
        .outerjoin(Response, Response.id == SafeguardingAlert.response_id)
    )


def _row(found: Any) -> Row:
    return Row(*found)


def row(session: Session, scope: Scope, *, public_id: str) -> Row:
    """One alert with its names (team, owner, collection point, survey, case reference)."""
    alert = _scoped(session, scope, public_id)
    found = session.execute(_rows_query().where(SafeguardingAlert.id == alert.id)).tuples().one()
    return _row(found)


def _category_filter(category: str) -> object:
    # Categories are a JSON list on both engines; their text holds each id in quotes.
    escaped = category.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(SafeguardingAlert.categories, String).like(f'%"{escaped}"%', escape="\\")


def queue(session: Session, scope: Scope, *, wanted: Wanted) -> Page:
    """A page of the alerts the reader may handle, filtered, sorted and counted in SQL."""
    require_role(scope, HANDLERS, REFUSAL)
    # Every filter but the status: the status choices count within the rest ("Open (1)"
    # beside "0 alerts" for the team chosen would contradict itself).
    conditions = [scope.team_filter(SafeguardingAlert.team_id)]
    if wanted.team_id is not None:
        conditions.append(SafeguardingAlert.team_id == wanted.team_id)
    if wanted.category:
        conditions.append(_category_filter(wanted.category))  # type: ignore[arg-type]
    if wanted.child_request:
        conditions.append(
            SafeguardingAlert.raised_by.in_((AlertSource.child_request, AlertSource.both))
        )
    but_status = and_(*conditions)
    if wanted.status == "open":
        conditions.append(SafeguardingAlert.status.in_(OPEN))
    elif wanted.status != "all":
        conditions.append(SafeguardingAlert.status == AlertStatus(wanted.status))
    where = and_(*conditions)
    total = session.scalar(select(func.count(SafeguardingAlert.id)).where(where)) or 0
    per_page = max(1, min(wanted.per_page, 100))
    pages = max(1, -(-total // per_page))
    number = min(max(wanted.page, 1), pages)
    age = SafeguardingAlert.raised_at.desc() if wanted.newest_first else SafeguardingAlert.raised_at
    ident = SafeguardingAlert.id.desc() if wanted.newest_first else SafeguardingAlert.id
    found = session.execute(
        _rows_query()
        .where(where)
        .order_by(age, ident)
        .limit(per_page)
        .offset((number - 1) * per_page)
    ).tuples()
    by_status = dict(
        session.execute(
            select(SafeguardingAlert.status, func.count(SafeguardingAlert.id))
            .where(but_status)
            .group_by(SafeguardingAlert.status)
        )
        .tuples()
        .all()
    )
    counts = {s.value: by_status.get(s, 0) for s in AlertStatus}
    counts["open"] = sum(by_status.get(s, 0) for s in OPEN)
    counts["all"] = sum(by_status.values())
    return Page(
        rows=tuple(_row(f) for f in found),
        total=total,
        page=number,
        pages=pages,
        per_page=per_page,
        counts=counts,
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


def list_alerts(session: Session, scope: Scope, *, status: AlertStatus | None = None) -> list[Row]:
    """Alerts the reader may handle, new first, oldest first within a status."""
    require_role(scope, HANDLERS, REFUSAL)
    query = _rows_query().where(scope.team_filter(SafeguardingAlert.team_id))
    if status is not None:
        query = query.where(SafeguardingAlert.status == status)
    found = session.execute(
        query.order_by(STATUS_ORDER, SafeguardingAlert.raised_at, SafeguardingAlert.id)
    ).tuples()
    return [_row(f) for f in found]


def _event(
    alert: SafeguardingAlert, scope: Scope, status: AlertStatus, note: str | None
) -> AlertEvent:
    return AlertEvent(
        alert_id=alert.id,
        actor_user_id=scope.user_id,
        actor_label=scope.label,
        status=status,
        note=note,
    )


def move(
    session: Session,
    scope: Scope,
    *,
    public_id: str,
    to: AlertStatus,
    note: str | None,
    not_a_disclosure: bool = False,
) -> SafeguardingAlert:
    """Move an alert on, recording who, when and their note. From new, referring or deciding
    no further action acknowledges it first, in the same step."""
    alert = _scoped(session, scope, public_id)
    if not_a_disclosure and to is not AlertStatus.no_further_action:
        raise Conflict("Only 'no further action' can say it was not a disclosure")
    if to not in NEXT[alert.status]:
        allowed = ", ".join(sorted(s.value for s in NEXT[alert.status])) or "nothing"
        raise Conflict(f"An alert that is {alert.status.value} can move to {allowed}")
    if alert.status is AlertStatus.new and to is not AlertStatus.acknowledged:
        session.add(_event(alert, scope, AlertStatus.acknowledged, None))
    alert.status = to
    alert.not_a_disclosure = alert.not_a_disclosure or not_a_disclosure
    alert.updated_at = datetime.now(UTC)
    session.add(_event(alert, scope, to, note))
    session.flush()
    return alert


def assign_to_me(session: Session, scope: Scope, *, public_id: str) -> SafeguardingAlert:
    """The reader takes the alert on: its owner, from now, with a note in its history."""
    alert = _scoped(session, scope, public_id)
    if scope.user_id is None:
        raise Conflict("Only a signed-in person can hold an alert")
    if alert.owner_user_id == scope.user_id:
        return alert  # pressed twice: nothing changes, nothing is written twice
    now = datetime.now(UTC)
    alert.owner_user_id = scope.user_id
    alert.assigned_at = now
    alert.updated_at = now
    session.add(_event(alert, scope, alert.status, f"Assigned to {scope.label}"))
    session.flush()
    return alert


@dataclass(frozen=True)
class Banner:
    public_id: str
    status: AlertStatus
    owner: str | None


def for_response(session: Session, scope: Scope, *, response_public_id: str) -> list[Banner]:
    """The alerts raised about a response the reader may already see (any role): status and
    holder only, never the words, so a practitioner knows it is being dealt with."""
    found = session.execute(
        select(SafeguardingAlert.public_id, SafeguardingAlert.status, StaffUser.display_name)
        .join(Response, Response.id == SafeguardingAlert.response_id)
        .outerjoin(StaffUser, StaffUser.id == SafeguardingAlert.owner_user_id)
        .where(
            Response.public_id == response_public_id,
            scope.team_filter(SafeguardingAlert.team_id),
        )
        .order_by(SafeguardingAlert.id)
    ).tuples()
    return [Banner(public_id=p, status=s, owner=o) for p, s, o in found]


def text(session: Session, scope: Scope, *, public_id: str) -> str:
    """The words that raised the alert, for those allowed raw text; every view is audited."""
    return reading.words(session, scope, _scoped(session, scope, public_id))


def actor_names(session: Session, events: list[AlertEvent]) -> dict[int, str]:
    """The names of the staff in an alert's history (the events keep their sign-in label)."""
    ids = {e.actor_user_id for e in events if e.actor_user_id}
    if not ids:
        return {}
    found = session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(ids))
    )
    return dict(found.tuples().all())
