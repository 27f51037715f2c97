"""One statement side by side: each team's share with its interval, and its monthly trend.

The figures are the statement report's (api/reports), grouped by team and by month, so they
pass the same suppression and equal the API's and the CSV's. The team comparison leaves out
the team filter (it is the comparison), and keeps every other filter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core.errors import NotFound
from api.dashboard import ratings
from api.dashboard.judgement import Judgement, judge
from api.dashboard.overview import Bucket, as_date, bucket_of, make_buckets
from api.models import Team
from api.reports import service as reports
from api.reports.schemas import GroupBy, StatementFigure, StatementGroup
from api.responses.filters import ResponseFilters
from api.surveys import library

TREND_MONTHS = 12


@dataclass(frozen=True)
class Figure:
    """A statement's figure for one group, judged against the target."""

    figure: StatementFigure
    disagreed: int
    judgement: Judgement


@dataclass(frozen=True)
class TeamFigure(Figure):
    slug: str
    name: str


@dataclass(frozen=True)
class MonthFigure(Figure):
    bucket: Bucket


@dataclass(frozen=True)
class Comparison:
    survey: str
    key: str
    label: str
    other_surveys: tuple[str, ...]  # other surveys that ask the same statement
    start: date
    end: date
    target_pct: int
    overall: Figure
    teams: tuple[TeamFigure, ...]
    months: tuple[MonthFigure, ...]


def surveys_asking(key: str) -> tuple[str, ...]:
    """The surveys (keys, sorted) with a statement of this key in any version."""
    return tuple(
        sorted(
            {
                d.key
                for d in library.survey_library()
                if any(q.statement and q.key == key for q in d.questions)
            }
        )
    )


def trend_start(end: date) -> date:
    """The first day of the twelfth month back from `end`'s month (so 12 months in all)."""
    year, month = end.year, end.month - (TREND_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1)


def compare(
    session: Session,
    scope: Scope,
    *,
    key: str,
    survey: str | None,
    start: date,
    end: date,
    filters: ResponseFilters,
    target_pct: int,
    today: date | None = None,
) -> Comparison:
    """A statement's figure for the period, per team and per month (12 months to `end`)."""
    asking = surveys_asking(key)
    if not asking:
        raise NotFound(f"No survey has a statement '{key[:64]}'")
    if survey is None:
        survey = asking[0]
    elif survey not in asking:
        raise NotFound(f"The survey '{survey[:64]}' has no statement '{key[:64]}'")

    def report(by: list[GroupBy], since: date, narrowed: ResponseFilters) -> list[StatementGroup]:
        request = reports.ReportRequest(
            survey=survey, by=by, start=since, end=end, filters=narrowed
        )
        return reports.statements(session, scope, request=request).groups

    def ours(figures: list[StatementFigure]) -> StatementFigure:
        return next(f for f in figures if f.key == key)

    def judged(figure: StatementFigure, disagreed: int) -> tuple[StatementFigure, int, Judgement]:
        return figure, disagreed, judge(figure.ci_low, figure.ci_high, target_pct)

    # The overall figure; the report lists every statement even when nobody answered.
    [whole] = report([], start, filters)
    overall_disagreed = ratings.disagreed(session, scope, start=start, end=end, filters=filters)
    overall = Figure(*judged(ours(whole.statements), overall_disagreed.get((survey, key, None), 0)))

    every_team = dataclasses.replace(filters, team=None)
    teams = dict(session.execute(select(Team.slug, Team.name)).tuples().all())
    team_ids = dict(session.execute(select(Team.id, Team.slug)).tuples().all())
    by_team = {
        (survey_key, statement, team_ids.get(team_id or 0)): n
        for (survey_key, statement, team_id), n in ratings.disagreed(
            session, scope, start=start, end=end, filters=every_team, by="team"
        ).items()
    }
    team_figures = []
    for group in report([GroupBy.team], start, every_team):
        slug = group.group.get("team")
        if slug is None:
            continue
        figure = ours(group.statements)
        team_figures.append(
            TeamFigure(
                *judged(figure, by_team.get((survey, key, slug), 0)),
                slug=slug,
                name=teams.get(slug, slug),
            )
        )
    team_figures.sort(key=lambda t: t.name.lower())

    since = trend_start(end)
    by_month = {
        g.group.get("month"): ours(g.statements) for g in report([GroupBy.month], since, filters)
    }
    buckets = make_buckets(since, end, today)
    month_disagreed = [0] * len(buckets)
    for (survey_key, statement, day), n in ratings.disagreed(
        session, scope, start=since, end=end, filters=filters, by="day"
    ).items():
        if (survey_key, statement) == (survey, key):
            month_disagreed[bucket_of(buckets, as_date(day))] += n
    months = [
        MonthFigure(
            *judged(by_month.get(bucket.key) or _nothing(key, whole.statements), disagreed),
            bucket=bucket,
        )
        for bucket, disagreed in zip(buckets, month_disagreed, strict=True)
    ]
    return Comparison(
        survey=survey,
        key=key,
        label=overall.figure.label,
        other_surveys=tuple(s for s in asking if s != survey),
        start=start,
        end=end,
        target_pct=target_pct,
        overall=overall,
        teams=tuple(team_figures),
        months=tuple(months),
    )


def _nothing(key: str, figures: list[StatementFigure]) -> StatementFigure:
    """A month with no answers: the statement with n = 0 and no share."""
    label = next(f.label for f in figures if f.key == key)
    return StatementFigure(
        key=key,
        label=label,
        n=0,
        top_two_box=0,
        top_two_box_pct=None,
        ci_low=None,
        ci_high=None,
        previous_pct=None,
        change_pct_points=None,
    )
