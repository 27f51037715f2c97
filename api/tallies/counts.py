"""Reading counts for a period: the daily tallies for days recounted since their last change,
and the responses themselves for days still marked. The sum is exact either way; the tallies
make it cheap (a year is a few thousand tally rows, not a million responses)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core import transaction_cache
from api.models import (
    Answer,
    AnswerTheme,
    Response,
    ResponseTally,
    StatementTally,
    TallyMark,
    ThemeTally,
)
from api.responses import filters as response_filters
from api.responses.filters import ResponseFilters
from api.tallies import sources

Key = tuple[Any, ...]


CACHE = "tallies.marked_days"  # also in marks.forget_marked_days


def marked_days(session: Session, start: date, end: date) -> list[date]:
    """Days in the period whose tallies are out of date (changed since their recount).

    Read once per transaction (a page asks several times): the marks are few, as the worker
    clears them every minute, and marking a day in this session forgets what was read."""
    memory = transaction_cache.remembered(session)
    days: list[date] | None = memory.get(CACHE)
    if days is None:
        days = memory[CACHE] = list(session.scalars(select(TallyMark.day).distinct()))
    return sorted(day for day in days if start <= day <= end)


def _recounted(model: Any, start: date, end: date, live: Sequence[date]) -> ColumnElement[bool]:
    """The tallies' days in the period that are not marked (those come from the responses)."""
    period = and_(model.day >= start, model.day <= end)
    return and_(period, model.day.not_in(live)) if live else period


def _response_column(name: str) -> Any:
    return Response.submitted_on if name == "day" else getattr(Response, name)


def _sum(session: Session, queries: Sequence[Any]) -> dict[Key, int]:
    """Rows of (key columns..., count) from each query, added up by key."""
    found: dict[Key, int] = defaultdict(int)
    for query in queries:
        for *key, n in session.execute(query):
            found[tuple(key)] += int(n or 0)
    return dict(found)


def responses(
    session: Session,
    scope: Scope,
    *,
    start: date,
    end: date,
    filters: ResponseFilters,
    by: Sequence[str],
) -> dict[Key, int]:
    """Responses in the period by the named dimensions (day, channel, survey_id,
    collection_point_id, audience, team_id)."""
    live = marked_days(session, start, end)
    tallied = [getattr(ResponseTally, name) for name in by]
    queries = [
        response_filters.apply(
            select(*tallied, func.sum(ResponseTally.responses))
            .where(
                _recounted(ResponseTally, start, end, live),
                scope.team_filter(ResponseTally.team_id),
            )
            .group_by(*tallied),
            filters,
            on=ResponseTally,
        )
    ]
    if live:
        queries.append(
            response_filters.apply(
                sources.responses(
                    [_response_column(name) for name in by],
                    Response.submitted_on.in_(live),
                    scope.team_filter(Response.team_id),
                ),
                filters,
            )
        )
    return _sum(session, queries)


def themes(
    session: Session,
    scope: Scope,
    *,
    start: date,
    end: date,
    filters: ResponseFilters,
    by: Sequence[str],
) -> dict[Key, int]:
    """Theme mentions in the period by the named dimensions (day, theme, polarity, ...)."""
    live = marked_days(session, start, end)
    tallied = [getattr(ThemeTally, name) for name in by]
    queries = [
        response_filters.apply(
            select(*tallied, func.sum(ThemeTally.mentions))
            .where(_recounted(ThemeTally, start, end, live), scope.team_filter(ThemeTally.team_id))
            .group_by(*tallied),
            filters,
            on=ThemeTally,
        )
    ]
    if live:
        groups = [
            getattr(AnswerTheme, name) if name in ("theme", "polarity") else _response_column(name)
            for name in by
        ]
        queries.append(
            response_filters.apply(
                sources.themes(
                    groups, Response.submitted_on.in_(live), scope.team_filter(Response.team_id)
                ),
                filters,
            )
        )
    return _sum(session, queries)


def statements(
    session: Session,
    scope: Scope,
    *,
    survey_id: int,
    start: date,
    end: date,
    since: date,
    filters: ResponseFilters,
) -> dict[tuple[int, int], tuple[int, int]]:
    """(1 for the period or 0 for the one before it, question id) -> (answered, agreed), over
    the days from `since` to `end`."""
    live = marked_days(session, since, end)
    current = case((StatementTally.day >= start, 1), else_=0)
    queries = [
        response_filters.apply(
            select(
                current,
                StatementTally.question_id,
                func.sum(StatementTally.answered),
                func.sum(StatementTally.agreed),
            )
            .where(
                StatementTally.survey_id == survey_id,
                _recounted(StatementTally, since, end, live),
                scope.team_filter(StatementTally.team_id),
            )
            .group_by(current, StatementTally.question_id),
            filters,
            on=StatementTally,
        )
    ]
    if live:
        live_current = case((Response.submitted_on >= start, 1), else_=0)
        queries.append(
            response_filters.apply(
                sources.statements(
                    [live_current, Answer.question_id],
                    Response.survey_id == survey_id,
                    Response.submitted_on.in_(live),
                    scope.team_filter(Response.team_id),
                ),
                filters,
            )
        )
    found: dict[tuple[int, int], tuple[int, int]] = {}
    for query in queries:
        for is_current, question_id, answered, agreed in session.execute(query):
            key = (int(is_current), int(question_id))
            n, top = found.get(key, (0, 0))
            found[key] = (n + int(answered or 0), top + int(agreed or 0))
    return found
