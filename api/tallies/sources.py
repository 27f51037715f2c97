"""The counts the tallies hold, counted from the responses themselves: one GROUP BY each, by
whatever columns and under whatever conditions the caller gives. The worker's recount writes
them into the tallies a day at a time; the Overview reads them for days not yet recounted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select

from api.models import Answer, AnswerTheme, Response, SurveyQuestion


def responses(groups: list[Any], *where: ColumnElement[bool]) -> Select[Any]:
    """Responses, by `groups`."""
    return select(*groups, func.count()).where(*where).group_by(*groups)


def statements(groups: list[Any], *where: ColumnElement[bool]) -> Select[Any]:
    """Answers to statement questions on the scale, and how many agreed (4 or 5)."""
    return (
        select(*groups, func.count(), func.sum(case((Answer.scale_value >= 4, 1), else_=0)))
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(SurveyQuestion.is_statement.is_(True), Answer.scale_value.is_not(None), *where)
        .group_by(*groups)
    )


def themes(groups: list[Any], *where: ColumnElement[bool]) -> Select[Any]:
    """Theme mentions, by `groups` (AnswerTheme's or Response's columns)."""
    return (
        select(*groups, func.count())
        .join(Response, Response.id == AnswerTheme.response_id)
        .where(*where)
        .group_by(*groups)
    )
