"""Who we are not hearing: the caseload the case events describe against who answered.

A few GROUP BYs over the caseload (api/invitations/caseload.py), each contact joined to its
invitation and whether that invitation brought a response; then the pure gap test
(analysis/response_gaps.py). Groups come back as keys (a team's slug, an audience and a
collection point's key, an age band, a language, a characteristic's value); the pages and the
digest name them and pass every count through the one suppression function (decision 33).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from analysis.response_gaps import Gap, GroupCounts, well_below
from api.accounts.scope import Scope
from api.core.config import get_settings
from api.models import (
    CaseContact,
    CaseContactCharacteristic,
    CollectionPoint,
    Invitation,
    Response,
    Team,
)
from api.models.enums import AgeBand
from api.reports import service as reports
from api.responses.filters import ResponseFilters

# The dimensions, in the order the Overview shows them; a characteristic is "characteristic:"
# and its name.
DIMENSIONS = ("audience_point", "age_band", "language", "team")
CHARACTERISTIC = "characteristic:"
POINT_SEPARATOR = "|"


@dataclass(frozen=True)
class NotHeard:
    groups: tuple[GroupCounts, ...]
    gaps: tuple[Gap, ...]

    @property
    def caseload(self) -> int:
        """Every contact named (each is in exactly one language group)."""
        return sum(g.caseload for g in self.groups if g.dimension == "language")

    def dimension(self, name: str) -> tuple[GroupCounts, ...]:
        return tuple(g for g in self.groups if g.dimension == name)

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The dimensions with any group, in the page's order."""
        present = {g.dimension for g in self.groups}
        chosen = sorted(d for d in present if d.startswith(CHARACTERISTIC))
        return tuple(d for d in (*DIMENSIONS, *chosen) if d in present)


def for_scope(
    session: Session, scope: Scope, *, start: date, end: date, filters: ResponseFilters
) -> NotHeard:
    """The Overview's section: the reader's teams, the page's filters (a channel filter does
    not apply: the caseload has no channel until someone is invited)."""
    condition = and_(scope.team_filter(CaseContact.team_id), _filtered(filters))
    return counted(session, where=condition, start=start, end=end)


def counted(
    session: Session,
    *,
    where: ColumnElement[bool],
    start: date,
    end: date,
    min_n: int | None = None,
) -> NotHeard:
    """Every group's counts for case events that happened in the council's days from `start`
    to `end`, and the groups well below the rest (each needs `min_n` invitations, the
    suppression policy's share threshold unless given)."""
    zone = ZoneInfo(get_settings().timezone)
    in_period = and_(
        where,
        CaseContact.occurred_at >= datetime.combine(start, time(0), zone),
        CaseContact.occurred_at < datetime.combine(end + timedelta(days=1), time(0), zone),
    )
    groups: list[GroupCounts] = []
    groups += _grouped(
        session,
        "audience_point",
        (CaseContact.audience, CollectionPoint.key),
        in_period,
        lambda audience, point: f"{audience.value}{POINT_SEPARATOR}{point or ''}",
    )
    groups += _grouped(
        session,
        "age_band",
        (CaseContact.age_band,),
        and_(in_period, CaseContact.age_band.is_not(None)),
        lambda band: band.value,
    )
    groups += _grouped(
        session, "language", (CaseContact.language,), in_period, lambda lang: lang.value
    )
    groups += _grouped(session, "team", (Team.slug,), in_period, lambda slug: slug)
    groups += _grouped(
        session,
        "characteristic",
        (CaseContactCharacteristic.name, CaseContactCharacteristic.value),
        in_period,
        lambda name, value: (f"{CHARACTERISTIC}{name}", value),
        characteristics=True,
    )
    threshold = min_n if min_n is not None else reports.policy().pct_min_n
    return NotHeard(groups=tuple(groups), gaps=tuple(well_below(groups, min_n=threshold)))


def _grouped(
    session: Session,
    dimension: str,
    columns: tuple[Any, ...],
    where: ColumnElement[bool],
    key: Any,
    *,
    characteristics: bool = False,
) -> list[GroupCounts]:
    # An invitation answered at least once: one row per invitation, however many responses.
    answered = (
        select(Response.invitation_id.label("invitation_id"))
        .where(Response.invitation_id.is_not(None))
        .group_by(Response.invitation_id)
        .subquery()
    )
    query = (
        select(
            *columns,
            func.count(),
            func.count(CaseContact.invitation_id),
            func.sum(case((Invitation.sent_at.is_not(None), 1), else_=0)),
            func.count(answered.c.invitation_id),
        )
        .select_from(CaseContact)
        .join(Team, Team.id == CaseContact.team_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == CaseContact.collection_point_id)
        .outerjoin(Invitation, Invitation.id == CaseContact.invitation_id)
        .outerjoin(answered, answered.c.invitation_id == CaseContact.invitation_id)
    )
    if characteristics:
        query = query.join(
            CaseContactCharacteristic,
            CaseContactCharacteristic.case_contact_id == CaseContact.id,
        )
    found = []
    for row in session.execute(query.where(where).group_by(*columns)):
        *values, caseload, invited, reached, responded = row
        named = key(*values)
        dim, group = named if isinstance(named, tuple) else (dimension, named)
        found.append(
            GroupCounts(
                dimension=dim,
                group=group,
                caseload=int(caseload),
                invited=int(invited),
                reached=int(reached or 0),
                responded=int(responded),
            )
        )
    return sorted(found, key=lambda g: (g.dimension, _order(g)))


# Age bands by age, youngest first (as text, "13-17" would come before "5-7").
_AGE_ORDER = {band.value: number for number, band in enumerate(AgeBand)}


def _order(group: GroupCounts) -> tuple[int, str]:
    if group.dimension == "age_band":
        return _AGE_ORDER.get(group.group, len(_AGE_ORDER)), group.group
    return 0, group.group


def _filtered(filters: ResponseFilters) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if filters.teams:
        conditions.append(
            CaseContact.team_id.in_(select(Team.id).where(Team.slug.in_(filters.teams)))
        )
    if filters.points:
        conditions.append(
            CaseContact.collection_point_id.in_(
                select(CollectionPoint.id).where(CollectionPoint.key.in_(filters.points))
            )
        )
    if filters.audiences:
        conditions.append(CaseContact.audience.in_(filters.audiences))
    return and_(true(), *conditions)
