"""What goes in a forum's digest for a period: query -> pure aggregation (aggregate.py).

Everything here is already in its published form: counts through the one suppression
function, quotes from the redacted copy, safeguarding alerts as numbers by status (never
their words), possible concerns waiting to be read as numbers, and answers flagged for
safeguarding never quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from analysis.stats import SuppressionPolicy, suppress_count
from api.accounts.scope import Scope
from api.digests.aggregate import Candidate, ThemeChange, representative_quotes, theme_changes
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.forums.periods import Period
from api.forums.query import heard
from api.forums.routing import below_target
from api.models import (
    Action,
    AnswerAnalysis,
    AnswerTheme,
    Forum,
    PossibleConcern,
    Response,
    SafeguardingAlert,
    Survey,
    Team,
)
from api.models.enums import ActionStatus, ConcernStatus
from api.reports import service as reports
from api.reports.schemas import GroupBy, StatementReport

DIGEST_SCOPE = Scope.system("digest")
Published = int | str  # a count, or "<5"


@dataclass(frozen=True)
class ThemeLine:
    theme: str
    polarity: str
    now: Published
    before: Published


@dataclass(frozen=True)
class ActionLine:
    you_said: str
    we_did: str
    due_on: date | None
    status: str


TREND_MONTHS = 6


@dataclass(frozen=True)
class Trend:
    """One statement's share agreeing, month by month (None where too few answered)."""

    survey: str
    key: str
    label: str
    months: tuple[str, ...]
    shares: tuple[float | None, ...]
    target: int | None  # per cent, where the forum watches statements below a target

    @property
    def chart_id(self) -> str:
        return f"trend-{self.survey}-{self.key}"

    @property
    def shown(self) -> bool:
        """Worth a line: at least two months with a published share."""
        return sum(share is not None for share in self.shares) >= 2


@dataclass(frozen=True)
class DigestContent:
    forum_key: str
    forum_name: str
    # False for a forum that follows only statements' figures (below target): no count of
    # "responses heard" to show, as it hears none by design.
    hears_responses: bool
    period: str
    first_day: date
    last_day: date
    responses: Published
    by_channel: list[tuple[str, Published]]
    statements: list[StatementReport]
    below_target: list[tuple[str, str, float]]  # survey, statement label, share %
    rising: list[ThemeLine]
    falling: list[ThemeLine]
    quotes: list[str]
    alerts_by_status: list[tuple[str, Published]]
    open_actions: list[ActionLine]
    trends: list[Trend]
    # Possible concerns about what the forum hears, still waiting for a person to read them
    # when the digest was made, and how many of those are overdue (decision 29).
    concerns_waiting: tuple[Published, Published] = (0, 0)

    @property
    def empty(self) -> bool:
        return self.responses == 0 and not self.below_target


def build(session: Session, forum: Forum, period: Period) -> DigestContent:
    """The digest of one forum for one period (the council's time zone's dates)."""
    definition = forums.definition_of(forum)
    policy = reports.policy()
    first, after = period.first_day, period.after_last_day
    previous_first = first - (after - first)
    hears = heard(list(definition.rules))
    in_period = and_(hears, Response.submitted_on >= first, Response.submitted_on < after)
    before = and_(hears, Response.submitted_on >= previous_first, Response.submitted_on < first)

    channels = session.execute(
        select(Response.channel, func.count()).where(in_period).group_by(Response.channel)
    ).all()
    total = sum(n for _, n in channels)
    statements = _statements(session, definition, hears, in_period, first, after)
    return DigestContent(
        forum_key=forum.key,
        forum_name=forum.name,
        hears_responses=any(r.statements_below_target is None for r in definition.rules),
        period=period.key,
        first_day=first,
        last_day=after - timedelta(days=1),
        responses=suppress_count(total, policy),
        by_channel=sorted((channel.value, suppress_count(n, policy)) for channel, n in channels),
        statements=statements,
        below_target=_below_target(definition, statements),
        **_themes(session, in_period, before),
        quotes=_quotes(session, in_period),
        alerts_by_status=[
            (status.value, suppress_count(n, policy))
            for status, n in session.execute(
                select(SafeguardingAlert.status, func.count())
                .join(Response, Response.id == SafeguardingAlert.response_id)
                .where(in_period)
                .group_by(SafeguardingAlert.status)
                .order_by(SafeguardingAlert.status)
            )
        ],
        open_actions=_open_actions(session, definition),
        concerns_waiting=_concerns_waiting(session, hears, policy),
        trends=_trends(session, definition, statements, hears, after - timedelta(days=1)),
    )


def _concerns_waiting(
    session: Session, hears: ColumnElement[bool], policy: SuppressionPolicy
) -> tuple[Published, Published]:
    now = datetime.now(UTC)
    waiting, overdue = session.execute(
        select(
            func.count(PossibleConcern.id),
            func.coalesce(func.sum(case((PossibleConcern.due_at < now, 1), else_=0)), 0),
        )
        .join(Response, Response.id == PossibleConcern.response_id)
        .where(hears, PossibleConcern.status == ConcernStatus.open)
    ).one()
    return suppress_count(int(waiting), policy), suppress_count(int(overdue or 0), policy)


def _statements(
    session: Session,
    definition: ForumDefinition,
    hears: ColumnElement[bool],
    in_period: ColumnElement[bool],
    first: date,
    after: date,
) -> list[StatementReport]:
    """A statement report per survey the forum heard from, on the forum's responses."""
    surveys = session.scalars(
        select(Survey.key).where(Survey.id.in_(select(Response.survey_id).where(in_period)))
    ).all()
    if any(rule.statements_below_target is not None for rule in definition.rules):
        # A forum that watches figures watches every survey's, whatever else it hears.
        surveys = session.scalars(select(Survey.key).where(Survey.active.is_(True))).all()
        hears = true()
    return [
        reports.statements(
            session,
            DIGEST_SCOPE,
            request=reports.ReportRequest(
                survey=key, start=first, end=after - timedelta(days=1), condition=hears
            ),
        )
        for key in sorted(set(surveys))
    ]


def _trends(
    session: Session,
    definition: ForumDefinition,
    statements: list[StatementReport],
    hears: ColumnElement[bool],
    last_day: date,
) -> list[Trend]:
    """Each reported statement's monthly share over the last six months, to the period's end:
    the same published figures as the statement report, month by month."""
    first_month = last_day.replace(day=1)
    for _ in range(TREND_MONTHS - 1):
        first_month = (first_month - timedelta(days=1)).replace(day=1)
    months = tuple(_months(first_month, last_day))
    watches_figures = any(rule.statements_below_target is not None for rule in definition.rules)
    targets = [r.statements_below_target for r in definition.rules]
    target = max((t for t in targets if t is not None), default=None)
    trends: list[Trend] = []
    for report in statements:
        by_month = reports.statements(
            session,
            DIGEST_SCOPE,
            request=reports.ReportRequest(
                survey=report.survey,
                by=[GroupBy.month],
                start=first_month,
                end=last_day,
                condition=true() if watches_figures else hears,
            ),
        )
        shares: dict[str, dict[str, float | None]] = {
            str(group.group["month"]): {f.key: f.top_two_box_pct for f in group.statements}
            for group in by_month.groups
        }
        for figure in report.statements or []:
            trends.append(
                Trend(
                    survey=report.survey,
                    key=figure.key,
                    label=figure.label,
                    months=months,
                    shares=tuple(shares.get(month, {}).get(figure.key) for month in months),
                    target=target,
                )
            )
    return trends


def _months(first: date, last: date) -> list[str]:
    found: list[str] = []
    day = first
    while day <= last:
        found.append(f"{day:%Y-%m}")
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return found


def _below_target(
    definition: ForumDefinition, statements: list[StatementReport]
) -> list[tuple[str, str, float]]:
    found: list[tuple[str, str, float]] = []
    for rule in definition.rules:
        for report in statements:
            figures = {f.key: f for f in report.statements or []}
            shares = {
                key: (f.top_two_box_pct / 100 if f.top_two_box_pct is not None else None)
                for key, f in figures.items()
            }
            for key in below_target(rule, shares):
                pct = figures[key].top_two_box_pct
                assert pct is not None
                found.append((report.survey, figures[key].label, pct))
    return sorted(set(found))


def _themes(
    session: Session, in_period: ColumnElement[bool], before: ColumnElement[bool]
) -> dict[str, list[ThemeLine]]:
    def count(condition: ColumnElement[bool]) -> dict[tuple[str, str], int]:
        rows = session.execute(
            select(AnswerTheme.theme, AnswerTheme.polarity, func.count())
            .join(Response, Response.id == AnswerTheme.response_id)
            .where(condition)
            .group_by(AnswerTheme.theme, AnswerTheme.polarity)
        )
        return {(theme, polarity.value): n for theme, polarity, n in rows}

    policy = reports.policy()
    rising, falling = theme_changes(count(in_period), count(before))

    def line(change: ThemeChange) -> ThemeLine:
        return ThemeLine(
            change.theme,
            change.polarity,
            suppress_count(change.now, policy),
            suppress_count(change.before, policy),
        )

    return {"rising": [line(c) for c in rising], "falling": [line(c) for c in falling]}


def _quotes(session: Session, in_period: ColumnElement[bool]) -> list[str]:
    rows = session.execute(
        select(
            AnswerAnalysis.answer_id,
            AnswerAnalysis.redacted_text,
            AnswerAnalysis.sentiment_score,
            AnswerAnalysis.themes,
        )
        .join(Response, Response.id == AnswerAnalysis.response_id)
        .where(
            in_period,
            AnswerAnalysis.empty.is_(False),
            # A possible disclosure is for the duty team, never a digest.
            AnswerAnalysis.safeguarding_flag.is_(False),
        )
        .order_by(func.abs(AnswerAnalysis.sentiment_score).desc(), AnswerAnalysis.answer_id)
        .limit(200)
    ).all()
    candidates = [
        Candidate(
            answer_id=answer_id,
            text=text,
            sentiment=score,
            themes=tuple(sorted({str(t.get("id")) for t in themes or [] if t.get("id")})),
        )
        for answer_id, text, score, themes in rows
    ]
    return [c.text for c in representative_quotes(candidates)]


def _open_actions(session: Session, definition: ForumDefinition) -> list[ActionLine]:
    teams = {slug for rule in definition.rules for slug in rule.teams}
    query = select(Action).where(Action.status != ActionStatus.done)
    if teams:
        query = query.where(Action.team_id.in_(select(Team.id).where(Team.slug.in_(teams))))
    rows = session.scalars(query.order_by(Action.due_on.is_(None), Action.due_on).limit(10))
    return [ActionLine(a.you_said_en, a.we_did_en, a.due_on, a.status.value) for a in rows]
