"""Browsing responses on the staff pages: filters, words, themes and the rest
(api/responses/filters.py), a page at a time, each with its redacted free text; and a
response's place in that list, for "Previous" and "Next".

Search looks only in the redacted copies, for every role: a name or number typed into the box
finds nothing, because none is stored outside the raw text, so search cannot be used to find
a family. The raw words are on one response's page, for roles allowed them, audited there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope, Words
from api.models import Answer, AnswerAnalysis, CollectionPoint, Response, Survey, Team
from api.models.enums import Audience, Channel
from api.responses import feeling
from api.responses import filters as response_filters
from api.responses.filters import MAX_SEARCH, ResponseFilters, ResponseMatch

__all__ = ["MAX_SEARCH", "PAGE", "Found", "Neighbours", "Row", "browse", "neighbours"]

PAGE = 25


@dataclass(frozen=True)
class Row:
    public_id: str
    submitted_at: datetime
    survey: str
    team: str | None
    collection_point: str | None
    audience: Audience
    channel: Channel
    redacted: tuple[str, ...]  # its free-text answers, names and numbers removed
    sentiment: str | None


@dataclass(frozen=True)
class Found:
    rows: tuple[Row, ...]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Neighbours:
    """A response's place in a filtered list: the one shown before it and after it (public
    ids), and the list's page it is on; `listed` is False when the filters leave it out."""

    listed: bool
    previous: str | None = None
    next: str | None = None
    page: int = 1


@dataclass(frozen=True)
class Listing:
    """Which responses a list shows: the scope, the period and the filters."""

    scope: Scope
    start: date
    end: date
    filters: ResponseFilters
    match: ResponseMatch

    def where(self, query: Select[Any]) -> Select[Any]:
        query = query.where(
            self.scope.team_filter(Response.team_id),
            Response.submitted_on >= self.start,
            Response.submitted_on <= self.end,
        )
        return response_filters.apply_match(
            response_filters.apply(query, self.filters), self.match, scope=self.scope
        )


def browse(
    session: Session,
    scope: Scope,
    *,
    filters: ResponseFilters,
    start: date,
    end: date,
    match: ResponseMatch | None = None,
    page: int = 1,
) -> Found:
    """One page of the matching responses, newest first."""
    listing = Listing(scope, start, end, filters, match or ResponseMatch())
    total = session.scalar(listing.where(select(func.count(Response.id)))) or 0
    pages = max(1, -(-total // PAGE))
    page = min(max(page, 1), pages)
    rows = session.execute(
        listing.where(
            select(
                Response.id,
                Response.public_id,
                Response.submitted_at,
                Survey.key,
                Team.name,
                CollectionPoint.name_en,
                Response.audience,
                Response.channel,
            )
            .join(Survey, Survey.id == Response.survey_id)
            .outerjoin(Team, Team.id == Response.team_id)
            .outerjoin(CollectionPoint, CollectionPoint.id == Response.collection_point_id)
        )
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .limit(PAGE)
        .offset((page - 1) * PAGE)
    ).all()
    ids = [row[0] for row in rows]
    texts: dict[int, list[str]] = {i: [] for i in ids}
    feelings: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for response_id, text, label, visibility in session.execute(
            select(
                AnswerAnalysis.response_id,
                AnswerAnalysis.redacted_text,
                feeling.answer_feeling(),
                Answer.visibility,
            )
            .join(Answer, Answer.id == AnswerAnalysis.answer_id)
            .where(AnswerAnalysis.response_id.in_(ids), AnswerAnalysis.empty.is_(False))
            .order_by(AnswerAnalysis.answer_id)
        ):
            # Only words the child let this reader see; their feeling counts all the same.
            if scope.words(visibility) is not Words.none:
                texts[response_id].append(text)
            feelings[response_id].append(str(label))
    return Found(
        rows=tuple(
            Row(
                public_id=public_id,
                submitted_at=submitted_at,
                survey=survey,
                team=team,
                collection_point=point,
                audience=audience,
                channel=channel,
                redacted=tuple(texts[response_id]),
                sentiment=feeling.overall(feelings[response_id]),
            )
            for response_id, public_id, submitted_at, survey, team, point, audience, channel in rows
        ),
        total=total,
        page=page,
        pages=pages,
    )


def neighbours(
    session: Session,
    scope: Scope,
    *,
    public_id: str,
    filters: ResponseFilters,
    start: date,
    end: date,
    match: ResponseMatch | None = None,
) -> Neighbours:
    """Where a response sits in the list browse() shows for the same filters (newest first):
    the response before it, the one after it, and its page."""
    listing = Listing(scope, start, end, filters, match or ResponseMatch())
    here = session.execute(
        listing.where(select(Response.submitted_at, Response.id)).where(
            Response.public_id == public_id
        )
    ).first()
    if here is None:
        return Neighbours(listed=False)
    at, row_id = here
    # Newer than this one (shown before it), in the list's own order: submitted_at, then id.
    newer: ColumnElement[bool] = or_(
        Response.submitted_at > at, and_(Response.submitted_at == at, Response.id > row_id)
    )
    older: ColumnElement[bool] = or_(
        Response.submitted_at < at, and_(Response.submitted_at == at, Response.id < row_id)
    )
    previous = session.scalar(
        listing.where(select(Response.public_id))
        .where(newer)
        .order_by(Response.submitted_at.asc(), Response.id.asc())
        .limit(1)
    )
    following = session.scalar(
        listing.where(select(Response.public_id))
        .where(older)
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .limit(1)
    )
    before = session.scalar(listing.where(select(func.count(Response.id))).where(newer)) or 0
    return Neighbours(listed=True, previous=previous, next=following, page=before // PAGE + 1)
