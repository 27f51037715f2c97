"""Browsing responses on the staff pages: filters, a theme, words to look for, a page at a
time, each with its redacted free text.

Search looks only in the redacted copies, for every role: a name or number typed into the box
finds nothing, because none is stored outside the raw text, so search cannot be used to find
a family. The raw words are on one response's page, for roles allowed them, audited there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.models import AnswerAnalysis, AnswerTheme, CollectionPoint, Response, Survey, Team
from api.models.enums import Audience, Channel
from api.responses import filters as response_filters
from api.responses.filters import ResponseFilters

PAGE = 25
MAX_SEARCH = 100


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


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def browse(
    session: Session,
    scope: Scope,
    *,
    filters: ResponseFilters,
    start: date,
    end: date,
    theme: str | None = None,
    search: str | None = None,
    page: int = 1,
) -> Found:
    conditions = [
        scope.team_filter(Response.team_id),
        Response.submitted_on >= start,
        Response.submitted_on <= end,
    ]
    if theme:
        conditions.append(
            exists().where(AnswerTheme.response_id == Response.id, AnswerTheme.theme == theme)
        )
    words = (search or "").strip()[:MAX_SEARCH]
    if words:
        conditions.append(
            exists().where(
                AnswerAnalysis.response_id == Response.id,
                func.lower(AnswerAnalysis.redacted_text).like(_like(words), escape="\\"),
            )
        )
    matching = response_filters.apply(select(Response.id).where(and_(*conditions)), filters)
    total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    pages = max(1, -(-total // PAGE))
    page = min(max(page, 1), pages)
    rows = session.execute(
        response_filters.apply(
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
            .where(and_(*conditions)),
            filters,
        )
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .limit(PAGE)
        .offset((page - 1) * PAGE)
    ).all()
    ids = [row[0] for row in rows]
    texts: dict[int, list[str]] = {i: [] for i in ids}
    feelings: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for response_id, text, label in session.execute(
            select(
                AnswerAnalysis.response_id,
                AnswerAnalysis.redacted_text,
                AnswerAnalysis.sentiment_label,
            )
            .where(AnswerAnalysis.response_id.in_(ids), AnswerAnalysis.empty.is_(False))
            .order_by(AnswerAnalysis.answer_id)
        ):
            texts[response_id].append(text)
            feelings[response_id].append(label.value)
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
                sentiment=_overall(feelings[response_id]),
            )
            for response_id, public_id, submitted_at, survey, team, point, audience, channel in rows
        ),
        total=total,
        page=page,
        pages=pages,
    )


def _overall(labels: list[str]) -> str | None:
    if not labels:
        return None
    kinds = set(labels) - {"neutral"}
    if not kinds:
        return "neutral"
    return kinds.pop() if len(kinds) == 1 else "mixed"
