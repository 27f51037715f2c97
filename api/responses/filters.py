"""The filters every view of responses shares: lists, reports and the dashboard
(ResponseFilters, columns the daily tallies keep too), and what only a list of responses can
ask (ResponseMatch: words, themes, ratings, feeling, review, alerts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import aliased

from api.models import (
    Answer,
    AnswerAnalysis,
    AnswerReview,
    AnswerTheme,
    CollectionPoint,
    Response,
    SafeguardingAlert,
    SurveyQuestion,
    Team,
)
from api.models.enums import (
    Audience,
    Channel,
    Completeness,
    Language,
    SentimentLabel,
    ThemePolarity,
)
from api.responses import effective_themes, feeling

Q = TypeVar("Q", bound=Select[Any])


@dataclass(frozen=True)
class ResponseFilters:
    team: str | None = None
    collection_point: str | None = None
    audience: Audience | None = None
    channel: Channel | None = None
    language: Language | None = None
    completeness: Completeness | None = None


def apply(query: Q, filters: ResponseFilters, on: Any = Response) -> Q:
    """Add the filters' WHERE clauses on `on`'s columns (responses, or a table with the same
    column names such as the daily tallies); they name no other table, so any join works."""
    if filters.team:
        team_id = select(Team.id).where(Team.slug == filters.team).scalar_subquery()
        query = query.where(on.team_id == team_id)
    if filters.collection_point:
        point_id = (
            select(CollectionPoint.id)
            .where(CollectionPoint.key == filters.collection_point)
            .scalar_subquery()
        )
        query = query.where(on.collection_point_id == point_id)
    for name, value in (
        ("audience", filters.audience),
        ("channel", filters.channel),
        ("language", filters.language),
        ("completeness", filters.completeness),
    ):
        if value is not None:
            query = query.where(getattr(on, name) == value)
    return query


async def from_query(
    team: str | None = None,
    collection_point: str | None = None,
    audience: Audience | None = None,
    channel: Channel | None = None,
    language: Language | None = None,
    completeness: Completeness | None = None,
) -> ResponseFilters:
    """The filters as query parameters, for routes (async: no thread-pool trip)."""
    return ResponseFilters(team, collection_point, audience, channel, language, completeness)


MAX_SEARCH = 100


@dataclass(frozen=True)
class ResponseMatch:
    """What a response said and what became of it: words, a theme, a rating, a feeling, its
    language, a person's review, an alert. These read the answers' own tables (or a column the
    daily tallies do not keep), so only queries over responses take them, never the tallies.

    `polarity` without a theme means a theme of that polarity (any worry, any praise);
    `rating` (lowest, highest) applies to `question`, and `question` alone to any rating."""

    words: str = ""
    theme: str | None = None
    polarity: ThemePolarity | None = None
    question: str | None = None
    rating: tuple[int, int] | None = None
    feeling: SentimentLabel | None = None
    language: Language | None = None
    reviewed: bool | None = None
    alert: bool | None = None


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def match_conditions(match: ResponseMatch) -> list[ColumnElement[bool]]:
    """The WHERE clauses of `match` on responses, each a column test or a correlated EXISTS
    over an alias of its own (so it never correlates with the tables the outer query reads,
    such as answer_themes in the theme counts)."""
    found: list[ColumnElement[bool]] = []
    words = match.words.strip()[:MAX_SEARCH]
    if words:
        # The redacted copy only, for every role: a name typed in finds nothing.
        analysis = aliased(AnswerAnalysis)
        found.append(
            exists().where(
                analysis.response_id == Response.id,
                func.lower(analysis.redacted_text).like(_like(words), escape="\\"),
            )
        )
    if match.theme or match.polarity:
        tag = aliased(AnswerTheme)
        tagged = [tag.response_id == Response.id, effective_themes.is_effective(tag)]
        if match.theme:
            tagged.append(tag.theme == match.theme)
        if match.polarity:
            tagged.append(tag.polarity == match.polarity)
        found.append(exists().where(*tagged))
    if match.question:
        answer, question = aliased(Answer), aliased(SurveyQuestion)
        rated = [
            answer.response_id == Response.id,
            answer.question_id == question.id,
            question.key == match.question,
            answer.scale_value.is_not(None),
        ]
        if match.rating:
            rated.append(answer.scale_value.between(*match.rating))
        found.append(exists().where(*rated))
    if match.feeling:
        found.append(feeling.is_feeling(match.feeling))
    if match.language:
        found.append(Response.language == match.language)
    if match.reviewed is not None:
        answer = aliased(Answer)
        reviewed = exists().where(
            AnswerReview.answer_id == answer.id, answer.response_id == Response.id
        )
        found.append(reviewed if match.reviewed else ~reviewed)
    if match.alert is not None:
        alerted = exists().where(SafeguardingAlert.response_id == Response.id)
        found.append(alerted if match.alert else ~alerted)
    return found


def apply_match(query: Q, match: ResponseMatch) -> Q:
    """Add `match`'s clauses to a query over responses."""
    conditions = match_conditions(match)
    return query.where(*conditions) if conditions else query
