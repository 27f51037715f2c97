"""How many disagreed (1 or 2 of 5) with each statement: the Overview's "disagree" bars.

The statement report counts answers and agreements (the published figure, from the tallies);
the tallies keep no disagreements, so they are counted here from the answers, with the same
scope and filters, over the same days.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.models import Answer, Response, SurveyQuestion
from api.responses import filters as response_filters
from api.responses.filters import ResponseFilters
from api.surveys import service as surveys

DISAGREE = (1, 2)  # the `rating=1-2` of a drill-down link


def disagreed(
    session: Session,
    scope: Scope,
    *,
    start: date,
    end: date,
    filters: ResponseFilters,
    by: Literal["team", "day"] | None = None,
) -> dict[tuple[str, str, Any], int]:
    """(survey key, statement key, team id or day or None) -> answers of 1 or 2."""
    extra = {"team": Response.team_id, "day": Response.submitted_on}.get(by or "")
    groups = [Response.survey_id, SurveyQuestion.key, *([extra] if extra is not None else [])]
    query = response_filters.apply(
        select(*groups, func.count())
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            SurveyQuestion.is_statement.is_(True),
            Answer.scale_value.in_(DISAGREE),
            Response.submitted_on >= start,
            Response.submitted_on <= end,
            scope.team_filter(Response.team_id),
        )
        .group_by(*groups),
        filters,
    )
    names = surveys.survey_keys(session)
    found: dict[tuple[str, str, Any], int] = {}
    for row in session.execute(query):
        survey_id, key, *rest = row
        where = (names.get(survey_id, str(survey_id)), key, rest[0] if by else None)
        found[where] = found.get(where, 0) + int(rest[-1])
    return found
