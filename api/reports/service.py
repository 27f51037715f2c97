"""Statement report: one GROUP BY in SQL, then the pure published-figure rules of analysis."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column, select
from sqlalchemy.orm import Session

from analysis.stats import PublishedShare, SuppressionPolicy, change_in_points, publish_share
from api.accounts.scope import Scope
from api.core.config import get_settings
from api.core.errors import FieldError, InvalidInput
from api.models import Answer, CollectionPoint, Response, Team
from api.reports.schemas import (
    GroupBy,
    Period,
    StatementFigure,
    StatementGroup,
    StatementReport,
    Suppression,
)
from api.responses import filters as response_filters
from api.responses.filters import ResponseFilters
from api.surveys import names
from api.surveys import service as surveys

GroupKey = tuple[str | None, ...]


@dataclass(frozen=True)
class ReportRequest:
    survey: str
    by: list[GroupBy] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    filters: ResponseFilters = field(default_factory=ResponseFilters)
    # Any further condition on Response, such as a forum's routing rules (api/forums/query).
    condition: ColumnElement[bool] | None = None


def policy() -> SuppressionPolicy:
    settings = get_settings()
    return SuppressionPolicy(settings.suppress_pct_below, settings.suppress_count_below)


def statements(
    session: Session,
    scope: Scope,
    *,
    request: ReportRequest,
    from_tallies: bool = False,
) -> StatementReport:
    """Per statement (and group): answers, top-two-box share, interval and change.

    `from_tallies`: count from the daily tallies (the Overview; exact, and cheap over long
    periods), for a request with no grouping and no further condition."""
    if request.start and request.end and request.start > request.end:
        raise InvalidInput(
            "The period starts after it ends", errors=[FieldError("from", "is after 'to'")]
        )
    survey_id = next(
        (i for i, key in surveys.survey_keys(session).items() if key == request.survey), None
    )
    if survey_id is None:
        survey_id = surveys.survey_by_key(session, request.survey).id  # 404 if there is none
    question_keys = surveys.statement_questions(session, survey_id)
    labels = _statement_labels(request.survey)
    period = _period(request)
    if from_tallies:
        counts = _tallied(session, scope, survey_id, question_keys, request, period)
    else:
        counts = _count(session, scope, survey_id, question_keys, request, period)

    rules = policy()
    by_month = GroupBy.month in request.by
    ordered_keys = [k for k in labels if k in set(question_keys.values())]
    group_keys = sorted(counts[1], key=lambda k: tuple(v or "" for v in k))
    if not request.by and not group_keys:
        group_keys = [()]  # nothing answered: still list every statement, with n = 0
    groups: list[StatementGroup] = []
    for group_key in group_keys:
        if by_month and period.start and _month_of(group_key, request.by) < f"{period.start:%Y-%m}":
            continue  # the month before the period is there only to give the first month a change
        current = counts[1].get(group_key, {})
        previous = _previous_counts(counts, group_key, request.by, by_month)
        figures = [
            _figure(key, labels[key], current.get(key, (0, 0)), previous.get(key), rules)
            for key in ordered_keys
        ]
        group = dict(zip([g.value for g in request.by], group_key, strict=True))
        groups.append(StatementGroup(group=group, statements=figures))
    return StatementReport(
        survey=request.survey,
        by=request.by,
        period=period,
        suppression=Suppression(pct_below=rules.pct_min_n, count_below=rules.count_min),
        statements=groups[0].statements if not request.by else None,
        groups=groups,
    )


# counts[1 for the period, 0 for the one before][group key][statement key] = (n, top two)
Counts = dict[int, dict[GroupKey, dict[str, tuple[int, int]]]]


def _count(
    session: Session,
    scope: Scope,
    survey_id: int,
    question_keys: dict[int, str],
    request: ReportRequest,
    period: Period,
) -> Counts:
    """One GROUP BY over answers joined to responses; both periods in the same scan."""
    group_columns = [_group_column(session, g) for g in request.by]
    split = period.start is not None and period.previous_start is not None
    is_current: ColumnElement[Any] = (
        case((Response.submitted_on >= period.start, 1), else_=0) if split else literal_column("1")
    )
    grouping = [*group_columns, is_current] if split else list(group_columns)
    query = (
        select(
            *group_columns,
            is_current.label("is_current"),
            Answer.question_id,
            func.count().label("n"),
            func.sum(case((Answer.scale_value >= 4, 1), else_=0)).label("top"),
        )
        .join(Response, Response.id == Answer.response_id)
        .where(
            Response.survey_id == survey_id,
            Answer.question_id.in_(sorted(question_keys)),
            Answer.scale_value.is_not(None),
            scope.team_filter(Response.team_id),
        )
        .group_by(*grouping, Answer.question_id)
    )
    lower = period.previous_start or period.start
    if GroupBy.month in request.by and period.start:
        lower = _month_before(period.start)
    if lower:
        query = query.where(Response.submitted_on >= lower)
    if period.end:
        query = query.where(Response.submitted_on <= period.end)
    query = response_filters.apply(query, request.filters)
    if request.condition is not None:
        query = query.where(request.condition)

    counts: Counts = {0: defaultdict(dict), 1: defaultdict(dict)}
    name_group = _group_namer(session, request.by)
    for row in session.execute(query):
        *group_values, current, question_id, n, top = row
        _add(counts, int(current), name_group(group_values), question_keys[question_id], n, top)
    return counts


def _add(counts: Counts, current: int, group: GroupKey, key: str, n: int, top: int | None) -> None:
    """Several survey versions share a statement key: their counts add up."""
    bucket = counts[current][group]
    old_n, old_top = bucket.get(key, (0, 0))
    bucket[key] = (old_n + int(n), old_top + int(top or 0))


def _tallied(
    session: Session,
    scope: Scope,
    survey_id: int,
    question_keys: dict[int, str],
    request: ReportRequest,
    period: Period,
) -> Counts:
    """The same counts as `_count`, from the daily tallies (api/tallies)."""
    from api.tallies import counts as tallies

    if request.by or request.condition is not None or not (period.start and period.end):
        raise ValueError("tallies count whole periods with no grouping or further condition")
    found = tallies.statements(
        session,
        scope,
        survey_id=survey_id,
        start=period.start,
        end=period.end,
        since=period.previous_start or period.start,
        filters=request.filters,
    )
    counts: Counts = {0: defaultdict(dict), 1: defaultdict(dict)}
    for (current, question_id), (n, top) in found.items():
        if question_id in question_keys:
            _add(counts, current, (), question_keys[question_id], n, top)
    return counts


def _figure(
    key: str,
    label: str,
    current: tuple[int, int],
    previous: tuple[int, int] | None,
    rules: SuppressionPolicy,
) -> StatementFigure:
    share = publish_share(current[1], current[0], rules)
    before: PublishedShare | None = (
        publish_share(previous[1], previous[0], rules) if previous else None
    )
    return StatementFigure(
        key=key,
        label=label,
        n=share.n,
        top_two_box=share.count,
        top_two_box_pct=share.pct,
        ci_low=share.ci_low,
        ci_high=share.ci_high,
        previous_pct=before.pct if before else None,
        change_pct_points=change_in_points(share, before),
    )


def _month_of(group_key: GroupKey, by: list[GroupBy]) -> str:
    return group_key[by.index(GroupBy.month)] or ""


def _previous_counts(
    counts: Counts,
    group_key: GroupKey,
    by: list[GroupBy],
    by_month: bool,
) -> dict[str, tuple[int, int]]:
    if not by_month:
        return counts[0].get(group_key, {})
    position = by.index(GroupBy.month)
    month = group_key[position]
    if month is None:
        return {}
    year, number = (int(part) for part in month.split("-"))
    prior = f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"
    previous_key = (*group_key[:position], prior, *group_key[position + 1 :])
    return counts[1].get(previous_key, {})


def _period(request: ReportRequest) -> Period:
    start, end = request.start, request.end
    if start and not end:
        end = date.today()
    if start and end and GroupBy.month not in request.by:
        length = (end - start).days + 1
        return Period(
            start=start,
            end=end,
            previous_start=start - timedelta(days=length),
            previous_end=start - timedelta(days=1),
        )
    return Period(start=start, end=end, previous_start=None, previous_end=None)


def _month_before(day: date) -> date:
    first = day.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def _group_column(session: Session, group: GroupBy) -> Any:
    """Group on ids and raw values in SQL (cheap); names are looked up after."""
    if group is GroupBy.team:
        return Response.team_id.label("team")
    if group is GroupBy.collection_point:
        return Response.collection_point_id.label("collection_point")
    if group is GroupBy.month:
        if session.get_bind().dialect.name == "postgresql":
            return func.to_char(Response.submitted_on, "YYYY-MM").label("month")
        return func.strftime("%Y-%m", Response.submitted_on).label("month")
    return (Response.audience if group is GroupBy.audience else Response.channel).label(group.value)


def _group_namer(session: Session, by: list[GroupBy]) -> Any:
    """Turns a row's group values (team ids, point ids, enums) into the names people read."""
    teams: dict[int, str] = {}
    points: dict[int, str] = {}
    if GroupBy.team in by:
        teams = {i: slug for i, slug in session.execute(select(Team.id, Team.slug)).tuples()}
    if GroupBy.collection_point in by:
        rows = session.execute(select(CollectionPoint.id, CollectionPoint.key)).tuples()
        points = {i: key for i, key in rows}

    def name(values: list[Any]) -> GroupKey:
        named: list[str | None] = []
        for group, value in zip(by, values, strict=True):
            if value is None:
                named.append(None)
            elif group is GroupBy.team:
                named.append(teams.get(value))
            elif group is GroupBy.collection_point:
                named.append(points.get(value))
            else:
                named.append(str(value))
        return tuple(named)

    return name


def _statement_labels(survey_key: str) -> dict[str, str]:
    """Statement key -> English wording, in question order (api/surveys/names.py chooses it)."""
    return names.statements(survey_key, "en")
