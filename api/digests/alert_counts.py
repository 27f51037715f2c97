"""Safeguarding alerts in a digest: exact numbers by status for the forum's teams.

Alerts are operational facts about the council's own work, not respondents' views, so they
are not suppressed (decision 33): a manager told "<5" cannot tell one waiting alert from
four. The numbers are counted as the alerts queue counts them (every alert of the team, by
its status now), so the digest's "open" is the queue's "open" for that team; the alerts raised
in the period are counted beside them. Never their words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from api.alerts.service import OPEN
from api.digests import links
from api.digests.words import Words
from api.forums.definitions import ForumDefinition
from api.models import SafeguardingAlert, Team
from api.models.enums import AlertStatus
from api.surveys.names import Lang

# An alert's status as the digest says it.
STATUS_NAMES = {
    AlertStatus.new: "New, not yet picked up",
    AlertStatus.acknowledged: "Acknowledged, being dealt with",
    AlertStatus.referred: "Referred to children's social care",
    AlertStatus.no_further_action: "No further action",
    AlertStatus.closed: "Closed",
}
STATUS_NAMES_CY = {  # for the Welsh language officer to check
    AlertStatus.new: "Newydd, heb ei godi eto",
    AlertStatus.acknowledged: "Wedi'i gydnabod, yn cael sylw",
    AlertStatus.referred: "Wedi'i gyfeirio at ofal cymdeithasol plant",
    AlertStatus.no_further_action: "Dim camau pellach",
    AlertStatus.closed: "Wedi cau",
}


@dataclass(frozen=True)
class TeamAlerts:
    team: str  # the team's name, or "All teams"
    open: int
    by_status: tuple[tuple[str, int], ...]  # every status, in the order an alert moves
    raised_in_period: int
    link: str  # the alerts queue, open ones, for this team


def for_forum(
    session: Session,
    definition: ForumDefinition,
    start: datetime,
    end: datetime,
    lang: Lang = "en",
) -> list[TeamAlerts]:
    """One line per team the forum names; one line for all teams when a rule names none.
    (Teams by their stored names, through api/surveys/names.py.)"""
    statuses = STATUS_NAMES_CY if lang == "cy" else STATUS_NAMES
    if all(rule.teams for rule in definition.rules):
        slugs = sorted({slug for rule in definition.rules for slug in rule.teams})
        name = func.coalesce(Team.name_cy, Team.name) if lang == "cy" else Team.name
        found = session.execute(
            select(Team.id, name).where(Team.slug.in_(slugs)).order_by(name)
        ).tuples()
        return [
            _line(
                session, name, team_id, SafeguardingAlert.team_id == team_id, start, end, statuses
            )
            for team_id, name in found
        ]
    return [_line(session, Words(lang)("all_teams"), None, true(), start, end, statuses)]


def _line(
    session: Session,
    name: str,
    team_id: int | None,
    condition: ColumnElement[bool],
    start: datetime,
    end: datetime,
    statuses: dict[AlertStatus, str],
) -> TeamAlerts:
    counts = dict(
        session.execute(
            select(SafeguardingAlert.status, func.count(SafeguardingAlert.id))
            .where(condition)
            .group_by(SafeguardingAlert.status)
        )
        .tuples()
        .all()
    )
    raised = session.scalar(
        select(func.count(SafeguardingAlert.id)).where(
            condition, SafeguardingAlert.raised_at >= start, SafeguardingAlert.raised_at < end
        )
    )
    return TeamAlerts(
        team=name,
        open=sum(counts.get(status, 0) for status in OPEN),
        by_status=tuple((statuses[s], counts.get(s, 0)) for s in AlertStatus),
        raised_in_period=int(raised or 0),
        link=links.alerts(team_id),
    )
