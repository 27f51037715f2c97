"""The digest's "Who we are not hearing": over the digest's wide window (the last full
quarter, as the statements use), the caseload of the forum's teams, collection points and
audiences, and each group that answered well below the rest, in a sentence (decision 46).

A week of one team's case events is rarely enough to compare groups, so the quarter is used;
only shares (never from fewer than 10 invitations) and counts through the one suppression
function as LEAVES_THE_SYSTEM leave in the email."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from analysis.stats import LEAVES_THE_SYSTEM, shown_count
from api.dashboard import not_heard
from api.dashboard.not_heard import CHARACTERISTIC, POINT_SEPARATOR
from api.digests.figures import Months
from api.digests.words import Words
from api.forums.definitions import ForumDefinition, RoutingRule
from api.invitations import characteristics
from api.models import CaseContact, CollectionPoint, Team
from api.reports import service as reports
from api.surveys import names
from api.surveys.names import Lang

Published = int | str


@dataclass(frozen=True)
class NotHeardLines:
    caseload: Published  # people the case events named in the window
    invited: Published
    responded: Published
    gaps: tuple[str, ...]


def lines(
    session: Session, definition: ForumDefinition, wide: Months, lang: Lang
) -> NotHeardLines | None:
    """The section for a forum, or None when its case events named nobody in the window."""
    found = not_heard.counted(
        session, where=_forum_condition(definition.rules), start=wide.first, end=wide.last
    )
    if not found.groups:
        return None
    policy, w = reports.policy(), Words(lang)
    language = found.dimension("language")
    namer = _Namer(session, lang)
    return NotHeardLines(
        caseload=shown_count(found.caseload, LEAVES_THE_SYSTEM, policy),
        invited=shown_count(sum(g.invited for g in language), LEAVES_THE_SYSTEM, policy),
        responded=shown_count(sum(g.responded for g in language), LEAVES_THE_SYSTEM, policy),
        gaps=tuple(
            w(
                "not_heard_gap",
                group=namer.group(gap.dimension, gap.group),
                pct=f"{gap.pct:.0f}",
                rest=f"{gap.rest_pct:.0f}",
            )
            for gap in found.gaps
        ),
    )


def _forum_condition(rules: list[RoutingRule]) -> ColumnElement[bool]:
    """The caseload of what the forum hears: its rules' teams, points and audiences (its
    themes and sentiments are about words, which a caseload has none of)."""
    about_responses = [r for r in rules if r.statements_below_target is None]
    if not about_responses:
        return false()
    conditions = []
    for rule in about_responses:
        parts: list[ColumnElement[bool]] = []
        if rule.teams:
            parts.append(CaseContact.team_id.in_(select(Team.id).where(Team.slug.in_(rule.teams))))
        if rule.collection_points:
            parts.append(
                CaseContact.collection_point_id.in_(
                    select(CollectionPoint.id).where(
                        CollectionPoint.key.in_(rule.collection_points)
                    )
                )
            )
        if rule.audiences:
            parts.append(CaseContact.audience.in_(rule.audiences))
        conditions.append(and_(true(), *parts))
    return or_(*conditions)


class _Namer:
    def __init__(self, session: Session, lang: Lang) -> None:
        self.lang, self.w = lang, Words(lang)
        self.teams = names.teams(session, lang)
        self.points = names.points(session, lang)
        self.chosen = characteristics.current()

    def group(self, dimension: str, key: str) -> str:
        if dimension == "audience_point":
            audience, _sep, point = key.partition(POINT_SEPARATOR)
            where = (self.points.get(point) or point) if point else self.w("no_point")
            return f"{names.audience(audience, self.lang)}, {where}"
        if dimension == "age_band":
            return self.w(f"age_{key}")
        if dimension == "language":
            return self.w(f"language_{key}")
        if dimension == "team":
            return self.teams.get(key, key)
        found = self.chosen.get(dimension.removeprefix(CHARACTERISTIC))
        if found is None:
            return key
        name = found.cy if self.lang == "cy" else found.en
        return f"{name}: {found.label(key, self.lang)}"
