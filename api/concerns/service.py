"""Possible concerns: answers the analysis was not sure are ordinary feedback, listed for a
person to read within one working day (decision 29). Never emailed as an emergency: an alert
is raised from one only when the person who read it decides so, through the normal path.

Read by the roles that may read raw feedback (`Scope.raw_text`), within their teams; every
showing of the words is audited, as an alert's are.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analysis.pipeline import Analysis
from analysis.safeguarding import Level
from api.accounts.scope import ROLES_WITH_RAW_TEXT, Scope, Words
from api.accounts.scoped import one_for_team, require_role
from api.alerts import hours, raising
from api.core import audit
from api.core.config import get_settings
from api.core.errors import Conflict, InvalidInput, NotFound
from api.models import (
    Answer,
    CollectionPoint,
    PossibleConcern,
    Response,
    SafeguardingAlert,
    StaffUser,
    Survey,
    Team,
)
from api.models.enums import AlertSource, ConcernOutcome, ConcernReason, ConcernStatus

READERS = ROLES_WITH_RAW_TEXT  # whoever may read raw feedback reads these
REFUSAL = "Possible concerns are read by managers and the rights team"
MISSING = "There is no possible concern with that id"
STATUSES = ("open", "read", "all")
PER_PAGE = 25
MAX_NOTE = 5000


def due_after(raised_at: datetime) -> datetime:
    """One working day later, by the duty team's office days (api/alerts/hours.py)."""
    return hours.from_settings(get_settings()).one_working_day_after(raised_at)


def _reason(result: Analysis) -> ConcernReason:
    """Why the analysis put it here (analysis/pipeline.py: the model, or a child's words)."""
    return ConcernReason(result.safeguarding.reason or ConcernReason.model.value)


def queue_concern(
    session: Session, answer: Answer, response: Response, result: Analysis
) -> PossibleConcern | None:
    """Queue an answer the analysis called a concern, once: analysing it again changes nothing,
    and an answer whose words already raised an alert is the duty team's, not this queue's.
    None when nothing was queued."""
    if result.safeguarding.level is not Level.concern:
        return None
    if session.scalar(select(PossibleConcern.id).where(PossibleConcern.answer_id == answer.id)):
        return None
    if session.scalar(select(SafeguardingAlert.id).where(SafeguardingAlert.answer_id == answer.id)):
        return None  # the duty team reads these words already, and records what they did
    now = datetime.now(UTC)
    # Who, where and when, as an alert about the same answer would have them.
    about = raising.for_response(response, answer_id=answer.id)
    concern = PossibleConcern(
        public_id=str(uuid.uuid4()),
        answer_id=about.answer_id,
        response_id=about.response_id,
        team_id=about.team_id,
        survey_id=about.survey_id,
        collection_point_id=about.collection_point_id,
        audience=about.audience,
        channel=about.channel,
        score=float(result.safeguarding.score),
        reason=_reason(result),
        status=ConcernStatus.open,
        said_at=about.said_at,
        raised_at=now,
        due_at=due_after(now),
    )
    try:
        with session.begin_nested():
            session.add(concern)
            session.flush()
    except IntegrityError:
        session.expunge(concern)  # queued at the same moment by another transaction
        return None
    return concern


@dataclass(frozen=True)
class Row:
    """A concern with the names a reader sees beside it; never the words."""

    concern: PossibleConcern
    team: str | None
    collection_point: str | None
    survey_key: str | None
    survey: str | None
    reader: str | None
    response_public_id: str | None
    alert_public_id: str | None

    def overdue(self, now: datetime) -> bool:
        return self.concern.status is ConcernStatus.open and self.concern.due_at < now


@dataclass(frozen=True)
class Wanted:
    status: str = "open"  # "open", "read" or "all"
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]
    total: int
    page: int
    pages: int
    per_page: int
    counts: dict[str, int]  # "open", "overdue", "read", "all", within the reader's teams


def _rows_query() -> Select[Any]:
    return (
        select(
            PossibleConcern,
            Team.name,
            CollectionPoint.name_en,
            Survey.key,
            Survey.title_en,
            StaffUser.display_name,
            Response.public_id,
            SafeguardingAlert.public_id,
        )
        .outerjoin(Team, Team.id == PossibleConcern.team_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == PossibleConcern.collection_point_id)
        .outerjoin(Survey, Survey.id == PossibleConcern.survey_id)
        .outerjoin(StaffUser, StaffUser.id == PossibleConcern.read_by_user_id)
        .outerjoin(Response, Response.id == PossibleConcern.response_id)
        .outerjoin(SafeguardingAlert, SafeguardingAlert.id == PossibleConcern.alert_id)
    )


def _scoped(session: Session, scope: Scope, public_id: str) -> PossibleConcern:
    require_role(scope, READERS, REFUSAL)
    try:
        uuid.UUID(public_id)  # anything else (a NUL byte, say) cannot be one: never a 500
    except ValueError:
        raise NotFound(MISSING) from None
    return one_for_team(
        session,
        scope,
        PossibleConcern,
        PossibleConcern.public_id == public_id,
        roles=READERS,
        refusal=REFUSAL,
        missing=MISSING,
    )


def counts(session: Session, scope: Scope, *, now: datetime | None = None) -> dict[str, int]:
    """How many are open, overdue (open past their due time), read, and all, in scope."""
    require_role(scope, READERS, REFUSAL)
    now = now or datetime.now(UTC)
    is_open = PossibleConcern.status == ConcernStatus.open
    found = session.execute(
        select(
            func.count(PossibleConcern.id),
            func.coalesce(func.sum(case((is_open, 1), else_=0)), 0),
            func.coalesce(
                func.sum(case((and_(is_open, PossibleConcern.due_at < now), 1), else_=0)), 0
            ),
        ).where(scope.team_filter(PossibleConcern.team_id))
    ).one()
    total, opened, overdue = (int(n or 0) for n in found)
    return {"all": total, "open": opened, "overdue": overdue, "read": total - opened}


def queue(session: Session, scope: Scope, *, wanted: Wanted) -> Page:
    """A page of the concerns the reader may read: open ones by when they are due."""
    require_role(scope, READERS, REFUSAL)
    conditions = [scope.team_filter(PossibleConcern.team_id)]
    if wanted.status in ("open", "read"):
        conditions.append(PossibleConcern.status == ConcernStatus(wanted.status))
    where = and_(*conditions)
    total = session.scalar(select(func.count(PossibleConcern.id)).where(where)) or 0
    per_page = max(1, min(wanted.per_page, 100))
    pages = max(1, -(-total // per_page))
    number = min(max(wanted.page, 1), pages)
    order = (
        (PossibleConcern.read_at.desc(), PossibleConcern.id.desc())
        if wanted.status == "read"
        # the soonest due first; of those due together, the likeliest disclosure first
        else (PossibleConcern.due_at, PossibleConcern.score.desc().nulls_last(), PossibleConcern.id)
    )
    found = session.execute(
        _rows_query().where(where).order_by(*order).limit(per_page).offset((number - 1) * per_page)
    ).tuples()
    return Page(
        rows=tuple(Row(*f) for f in found),
        total=total,
        page=number,
        pages=pages,
        per_page=per_page,
        counts=counts(session, scope),
    )


def row(session: Session, scope: Scope, *, public_id: str) -> Row:
    """One concern with its names; 404 when it is another team's."""
    concern = _scoped(session, scope, public_id)
    found = session.execute(_rows_query().where(PossibleConcern.id == concern.id)).tuples().one()
    return Row(*found)


def words(session: Session, scope: Scope, *, public_id: str) -> str | None:
    """The words of a concern, for those allowed raw text; every showing audited. None when
    the child chose other readers (the rights team, who read every concern, still read it:
    decision 44); an alert's words, unlike these, go to the duty team whatever they chose."""
    concern = _scoped(session, scope, public_id)
    found = session.execute(
        select(Answer.text, Answer.visibility).where(Answer.id == concern.answer_id)
    ).first()
    said, visibility = found if found is not None else (None, None)
    if scope.words(visibility) is not Words.raw:
        return None
    audit.record(
        session,
        scope,
        action="concern.view_text",
        object_type="concern",
        object_id=concern.public_id,
    )
    return (said or "").strip()


def record_outcome(
    session: Session,
    scope: Scope,
    *,
    public_id: str,
    outcome: ConcernOutcome,
    note: str | None,
) -> PossibleConcern:
    """Record what the reader decided, with who and when; the concern is then read. Raising
    it as an alert raises one through the normal path, so the duty team is told at once."""
    concern = _scoped(session, scope, public_id)
    if concern.status is ConcernStatus.read:
        raise Conflict("This possible concern has been read and its outcome recorded already")
    if note is not None and len(note) > MAX_NOTE:
        raise InvalidInput(f"Keep the note under {MAX_NOTE:,} characters")
    if outcome is ConcernOutcome.raised_as_alert:
        concern.alert_id = _raise_alert(session, scope, concern, note=note).id
    concern.status = ConcernStatus.read
    concern.outcome = outcome
    concern.note = note or None
    concern.read_by_user_id = scope.user_id
    concern.read_by_label = scope.label
    concern.read_at = datetime.now(UTC)
    session.flush()
    return concern


def _raise_alert(
    session: Session, scope: Scope, concern: PossibleConcern, *, note: str | None
) -> SafeguardingAlert:
    response = session.get(Response, concern.response_id)
    if response is None:  # the answer cascades with its response, so this cannot be
        raise NotFound(MISSING)
    subject = raising.for_response(response, answer_id=concern.answer_id)
    raising.raise_alert(
        session,
        subject=subject,
        source=AlertSource.concern_review,
        categories=[raising.READ_BY_A_PERSON],
        actor=raising.Actor(user_id=scope.user_id, label=scope.label, note=note or None),
    )
    # A new alert, or the response's own one (which the duty team already has) joined.
    alert = raising.find(session, subject.key)
    if alert is None:
        raise Conflict("The alert could not be raised; try again")
    return alert
