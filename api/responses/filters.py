"""The filters every view of responses shares: lists, reports and (later) the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, select

from api.models import CollectionPoint, Response, Team
from api.models.enums import Audience, Channel, Completeness, Language

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
