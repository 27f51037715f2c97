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

from api import transaction_cache
from api.accounts.scope import Scope
from api.models import (
    Answer,
    AnswerTheme,
    Response,
    ResponseTally,
    StatementTally,
    SurveyQuestion,
    TallyMark,
    ThemeTally,
)
from api.responses import filters as response_filters
from api.responses.filters import ResponseFilters

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


def _column(model: Any, name: str) -> Any:
    return Response.submitted_on if model is Response and name == "day" else getattr(model, name)


def _split(model: Any, start: date, end: date, live: Sequence[date]) -> ColumnElement[bool]:
    """The tallies' days in the period, or the responses' marked days."""
    if model is Response:
        return Response.submitted_on.in_(live)
    recounted = and_(model.day >= start, model.day <= end)
    return and_(recounted, model.day.not_in(live)) if live else recounted


def _merge(rows: Sequence[Sequence[Any]], into: dict[Key, int]) -> None:
    for *key, n in rows:
        into[tuple(key)] += int(n or 0)


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
    found: dict[Key, int] = defaultdict(int)
    for model, counted in (
        (ResponseTally, func.sum(ResponseTally.responses)),
        (Response, func.count()),
    ):
        if model is Response and not live:
            continue
        columns = [_column(model, name) for name in by]
        query = response_filters.apply(
            select(*columns, counted)
            .where(_split(model, start, end, live), scope.team_filter(model.team_id))
            .group_by(*columns),
            filters,
            on=model,
        )
        _merge(session.execute(query).all(), found)
    return dict(found)


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
    found: dict[Key, int] = defaultdict(int)
    tally_columns = [getattr(ThemeTally, name) for name in by]
    _merge(
        session.execute(
            response_filters.apply(
                select(*tally_columns, func.sum(ThemeTally.mentions))
                .where(_split(ThemeTally, start, end, live), scope.team_filter(ThemeTally.team_id))
                .group_by(*tally_columns),
                filters,
                on=ThemeTally,
            )
        ).all(),
        found,
    )
    if live:
        columns = [
            getattr(AnswerTheme, name) if name in ("theme", "polarity") else _column(Response, name)
            for name in by
        ]
        _merge(
            session.execute(
                response_filters.apply(
                    select(*columns, func.count())
                    .join(Response, Response.id == AnswerTheme.response_id)
                    .where(Response.submitted_on.in_(live), scope.team_filter(Response.team_id))
                    .group_by(*columns),
                    filters,
                )
            ).all(),
            found,
        )
    return dict(found)


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
    found: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    current = case((StatementTally.day >= start, 1), else_=0)
    rows = list(
        session.execute(
            response_filters.apply(
                select(
                    current,
                    StatementTally.question_id,
                    func.sum(StatementTally.answered),
                    func.sum(StatementTally.agreed),
                )
                .where(
                    StatementTally.survey_id == survey_id,
                    _split(StatementTally, since, end, live),
                    scope.team_filter(StatementTally.team_id),
                )
                .group_by(current, StatementTally.question_id),
                filters,
                on=StatementTally,
            )
        ).all()
    )
    if live:
        live_current = case((Response.submitted_on >= start, 1), else_=0)
        rows += session.execute(
            response_filters.apply(
                select(
                    live_current,
                    Answer.question_id,
                    func.count(),
                    func.sum(case((Answer.scale_value >= 4, 1), else_=0)),
                )
                .join(Response, Response.id == Answer.response_id)
                .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
                .where(
                    Response.survey_id == survey_id,
                    Response.submitted_on.in_(live),
                    SurveyQuestion.is_statement.is_(True),
                    Answer.scale_value.is_not(None),
                    scope.team_filter(Response.team_id),
                )
                .group_by(live_current, Answer.question_id),
                filters,
            )
        ).all()
    for is_current, question_id, answered, agreed in rows:
        total = found[(int(is_current), int(question_id))]
        total[0] += int(answered or 0)
        total[1] += int(agreed or 0)
    return {key: (n, top) for key, (n, top) in found.items()}
