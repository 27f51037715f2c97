"""QR placements: where a code is, what it opens, and how many people got how far."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.accounts.scoped import one_for_team, require_role
from api.core.errors import FieldError, InvalidInput
from api.core.reference_cache import reference_id
from api.models import CollectionPoint, FormDraft, QrPlacement, QrScan, Team
from api.models.enums import Language, Role
from api.surveys import service as surveys

MANAGERS = frozenset({Role.admin, Role.rights_team, Role.manager})
# No 0/O or 1/l/I: people type these from posters.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


class PlacementView(BaseModel):
    """A placement with its funnel: scans -> forms started -> forms completed."""

    code: str
    survey: str
    team: str | None
    collection_point: str | None
    language: Language
    location: str
    active: bool
    scans: int
    started: int
    completed: int


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(8))


def create(
    session: Session,
    scope: Scope,
    *,
    survey: str,
    team: str | None,
    collection_point: str | None,
    language: Language,
    location: str,
) -> QrPlacement:
    """A new placement with an unguessable short code."""
    require_role(scope, MANAGERS, REFUSAL)
    surveys.published(session, survey)
    errors: list[FieldError] = []
    team_id = reference_id(session, Team.slug, team, "team", errors)
    point_id = reference_id(
        session, CollectionPoint.key, collection_point, "collection_point", errors
    )
    if errors:
        raise InvalidInput("Some details are not right", errors=errors)
    if not scope.allows_team(team_id):
        raise InvalidInput("Not one of your teams", errors=[FieldError("team", "not yours")])
    placement = QrPlacement(
        code=new_code(),
        survey_key=survey,
        team_id=team_id,
        collection_point_id=point_id,
        language=language,
        location=location.strip(),
    )
    session.add(placement)
    session.flush()
    return placement


REFUSAL = "QR placements are managed by managers and the rights team"


def _scoped(session: Session, scope: Scope, code: str) -> QrPlacement:
    return one_for_team(
        session,
        scope,
        QrPlacement,
        QrPlacement.code == code,
        roles=MANAGERS,
        refusal=REFUSAL,
        missing="There is no such placement",
    )


def retire(session: Session, scope: Scope, *, code: str) -> QrPlacement:
    placement = _scoped(session, scope, code)
    placement.retired_at = placement.retired_at or datetime.now(UTC)
    return placement


def get(session: Session, scope: Scope, *, code: str) -> QrPlacement:
    return _scoped(session, scope, code)


def views(session: Session, scope: Scope) -> list[PlacementView]:
    """Placements you may manage, with their funnel: scans -> started -> completed."""
    require_role(scope, MANAGERS, REFUSAL)
    placements = list(
        session.scalars(
            select(QrPlacement)
            .where(scope.team_filter(QrPlacement.team_id))
            .order_by(QrPlacement.id)
        )
    )
    ids = [p.id for p in placements]
    scans = _counts(
        session,
        select(QrScan.placement_id, func.count())
        .where(QrScan.placement_id.in_(ids))
        .group_by(QrScan.placement_id),
    )
    started = _counts(
        session,
        select(FormDraft.placement_id, func.count())
        .where(FormDraft.placement_id.in_(ids))
        .group_by(FormDraft.placement_id),
    )
    completed = _counts(
        session,
        select(FormDraft.placement_id, func.count())
        .where(FormDraft.placement_id.in_(ids), FormDraft.response_id.is_not(None))
        .group_by(FormDraft.placement_id),
    )
    teams = dict(session.execute(select(Team.id, Team.slug)).tuples().all())
    points = dict(session.execute(select(CollectionPoint.id, CollectionPoint.key)).tuples().all())
    return [
        PlacementView(
            code=p.code,
            survey=p.survey_key,
            team=teams.get(p.team_id) if p.team_id else None,
            collection_point=points.get(p.collection_point_id) if p.collection_point_id else None,
            language=p.language,
            location=p.location,
            active=p.retired_at is None,
            scans=scans.get(p.id, 0),
            started=started.get(p.id, 0),
            completed=completed.get(p.id, 0),
        )
        for p in placements
    ]


def _counts(session: Session, query: Select[Any]) -> dict[int, int]:
    return {key: int(n) for key, n in session.execute(query).tuples() if key is not None}


def scan(session: Session, *, code: str) -> QrPlacement | None:
    """Record a scan (the time, nothing about the person) and return the placement."""
    placement = session.scalar(select(QrPlacement).where(QrPlacement.code == code))
    if placement is not None and placement.retired_at is None:
        session.add(QrScan(placement_id=placement.id))
        session.flush()
    return placement


def form_context(
    session: Session, code: str, *, survey: str
) -> tuple[QrPlacement, str | None, str | None] | None:
    """A placement of this survey and its team slug and point key, for a form opened from it
    (retired ones too: the caller says it has closed). None for a code of another survey: its
    counts would go to the wrong funnel."""
    placement = session.scalar(select(QrPlacement).where(QrPlacement.code == code.lower()))
    if placement is None or placement.survey_key != survey:
        return None
    team = session.scalar(select(Team.slug).where(Team.id == placement.team_id))
    point = session.scalar(
        select(CollectionPoint.key).where(CollectionPoint.id == placement.collection_point_id)
    )
    return placement, team, point
