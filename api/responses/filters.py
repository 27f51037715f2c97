"""The filters every view of responses shares: lists, reports and the dashboard
(ResponseFilters, columns the daily tallies keep too), and what only a list of responses can
ask (ResponseMatch: words, themes, ratings, feeling, review, alerts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast

from fastapi import Query
from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import aliased

from api.accounts.scope import Scope
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


Many = tuple[str, ...]


def _many(value: object, kind: Any = str) -> tuple[Any, ...]:
    """One value, several, or none as a tuple without repeats (in the order given): a filter
    over two teams is `team=("a", "b")`, and `team="a"` still reads as one."""
    if value is None or value == "":
        return ()
    values = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return tuple(dict.fromkeys(kind(v) for v in values if v))


@dataclass(frozen=True)
class ResponseFilters:
    """Who and where: each categorical filter takes any number of values (none: all the reader
    may see; several: any of them), so a forum over two teams links to exactly those two.
    A single value is accepted as well as a sequence, and read back through the plural
    properties (teams, points, audiences, channels), which are always tuples."""

    team: str | Sequence[str] | None = None
    collection_point: str | Sequence[str] | None = None
    audience: Audience | Sequence[Audience] | None = None
    channel: Channel | Sequence[Channel] | None = None
    language: Language | None = None
    completeness: Completeness | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "team", _many(self.team))
        object.__setattr__(self, "collection_point", _many(self.collection_point))
        object.__setattr__(self, "audience", _many(self.audience, Audience))
        object.__setattr__(self, "channel", _many(self.channel, Channel))

    @property
    def teams(self) -> Many:
        return cast(Many, self.team)

    @property
    def points(self) -> Many:
        return cast(Many, self.collection_point)

    @property
    def audiences(self) -> tuple[Audience, ...]:
        return cast(tuple[Audience, ...], self.audience)

    @property
    def channels(self) -> tuple[Channel, ...]:
        return cast(tuple[Channel, ...], self.channel)

    @property
    def narrowed(self) -> bool:
        """Whether any of who and where is chosen."""
        return bool(self.teams or self.points or self.audiences or self.channels)


def apply(query: Q, filters: ResponseFilters, on: Any = Response) -> Q:
    """Add the filters' WHERE clauses on `on`'s columns (responses, or a table with the same
    column names such as the daily tallies); they name no other table, so any join works."""
    if filters.teams:
        team_ids = select(Team.id).where(Team.slug.in_(filters.teams))
        query = query.where(on.team_id.in_(team_ids))
    if filters.points:
        point_ids = select(CollectionPoint.id).where(CollectionPoint.key.in_(filters.points))
        query = query.where(on.collection_point_id.in_(point_ids))
    if filters.audiences:
        query = query.where(on.audience.in_(filters.audiences))
    if filters.channels:
        query = query.where(on.channel.in_(filters.channels))
    for name, value in (
        ("language", filters.language),
        ("completeness", filters.completeness),
    ):
        if value is not None:
            query = query.where(getattr(on, name) == value)
    return query


async def from_query(
    team: Annotated[
        list[str] | None, Query(description="a team's slug; repeat for several")
    ] = None,
    collection_point: Annotated[list[str] | None, Query()] = None,
    audience: Annotated[list[Audience] | None, Query()] = None,
    channel: Annotated[list[Channel] | None, Query()] = None,
    language: Language | None = None,
    completeness: Completeness | None = None,
) -> ResponseFilters:
    """The filters as query parameters, for routes (async: no thread-pool trip); team,
    collection_point, audience and channel may each be repeated (`?team=a&team=b`)."""
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


def match_conditions(match: ResponseMatch, *, scope: Scope) -> list[ColumnElement[bool]]:
    """The WHERE clauses of `match` on responses, each a column test or a correlated EXISTS
    over an alias of its own (so it never correlates with the tables the outer query reads,
    such as answer_themes in the theme counts)."""
    found: list[ColumnElement[bool]] = []
    words = match.words.strip()[:MAX_SEARCH]
    if words:
        # The redacted copy only, for every role: a name typed in finds nothing. And only in
        # words the reader may see: a search must not tell who said what to other readers.
        analysis, said = aliased(AnswerAnalysis), aliased(Answer)
        found.append(
            exists().where(
                analysis.response_id == Response.id,
                said.id == analysis.answer_id,
                scope.words_filter(said.visibility),
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


def apply_match(query: Q, match: ResponseMatch, *, scope: Scope) -> Q:
    """Add `match`'s clauses to a query over responses, as `scope` may search them."""
    conditions = match_conditions(match, scope=scope)
    return query.where(*conditions) if conditions else query
