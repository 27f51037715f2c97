"""The staff download of responses: one CSV row per response with what a manager sorts by
(id, dates, team, who, collection point, channel, language, feeling, themes) and every answer,
free text redacted, for the same filters as the Responses list. The file is the import format
(api/responses/csv_io.py) with columns the import ignores, so it reads back in.

Streamed: rows come in batches of BATCH responses, each batch read in a short transaction of
its own (keyset on submitted_at and id, the list's order reversed to oldest first), so a
year's file is never held in memory, and no transaction stays open while a slow client
downloads. On SQLite a transaction holds the process's write lock (api/core/db.py); one held
for a whole download would stop every form being saved."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from analysis.redact import redact
from api.accounts.scope import may_leave
from api.answer_analysis.service import known_names
from api.core import audit
from api.core.db import SessionFactory, run_transaction
from api.models import (
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    CollectionPoint,
    Response,
    SurveyQuestion,
    Team,
)
from api.responses import effective_themes, feeling
from api.responses.browse import Listing
from api.responses.csv_io import guard_cell
from api.responses.schemas import NOT_APPLICABLE
from api.surveys import library
from api.surveys import service as surveys

BATCH = 500
COLUMNS = [
    "response_id",
    "submitted_at",
    "submitted_on",
    "team",
    "team_name",
    "audience",
    "collection_point",
    "channel",
    "language",
    "feeling",
    "themes",
    "theme_labels",
]
POLARITY_WORDS = {"negative": "worry", "positive": "praise"}


@dataclass(frozen=True)
class Export:
    """What to export: a survey's responses in a listing (scope, period, filters)."""

    survey_key: str
    listing: Listing

    def audit(self, session: Session, *, filters: Mapping[str, str | list[str]]) -> None:
        """Record the download, with the filters it used, before the first row is sent."""
        audit.record(
            session,
            self.listing.scope,
            action="responses.export",
            object_type="survey",
            object_id=self.survey_key,
            start=self.listing.start.isoformat(),
            end=self.listing.end.isoformat(),
            filters=dict(filters),
        )


def question_keys(survey_key: str) -> list[str]:
    """The survey's question keys over all its versions, in order."""
    return list(
        dict.fromkeys(
            q.key
            for d in library.survey_library()
            if d.key == survey_key
            for q in d.questions
            if not q.equality  # counts only (decision 48): never a column
        )
    )


def rows(
    sessions: SessionFactory, export: Export, *, theme_label: Callable[[str], str]
) -> Iterator[list[str]]:
    """The header, then a row per response, oldest first, BATCH responses a transaction."""
    keys = question_keys(export.survey_key)
    yield [*COLUMNS, *keys]
    names: Sequence[str] | None = None
    after: tuple[datetime, int] | None = None
    while True:

        def read(session: Session) -> list[list[str]]:
            nonlocal names, after
            if names is None:
                names = known_names(session)
            batch, after = _batch(session, export, keys, names, after, theme_label)
            return batch

        batch = run_transaction(sessions, read)
        if not batch:
            return
        yield from batch


def _batch(
    session: Session,
    export: Export,
    keys: list[str],
    names: Sequence[str],
    after: tuple[datetime, int] | None,
    theme_label: Callable[[str], str],
) -> tuple[list[list[str]], tuple[datetime, int] | None]:
    survey = surveys.survey_by_key(session, export.survey_key)
    query = export.listing.where(
        select(
            Response.id,
            Response.public_id,
            Response.submitted_at,
            Response.submitted_on,
            Team.slug,
            Team.name,
            Response.audience,
            CollectionPoint.key,
            Response.channel,
            Response.language,
        )
        .outerjoin(Team, Team.id == Response.team_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == Response.collection_point_id)
        .where(Response.survey_id == survey.id)
    )
    if after is not None:
        at, last = after
        query = query.where(
            or_(Response.submitted_at > at, and_(Response.submitted_at == at, Response.id > last))
        )
    found = session.execute(query.order_by(Response.submitted_at, Response.id).limit(BATCH)).all()
    if not found:
        return [], after
    ids = [row[0] for row in found]
    answers = _answers(session, ids, names)
    themes = _themes(session, ids)
    feelings = _feelings(session, ids)
    out = []
    for row in found:
        response_id, public_id, submitted_at, day, team, team_name = row[:6]
        audience, point, channel, language = row[6:]
        tagged = themes.get(response_id, [])
        cells = [
            public_id,
            submitted_at.isoformat(),
            day.isoformat(),
            team or "",
            team_name or "",
            audience.value,
            point or "",
            channel.value,
            language.value,
            feeling.overall(feelings.get(response_id, [])) or "",
            "; ".join(f"{t}:{p}" for t, p in tagged),
            "; ".join(f"{theme_label(t)}: {POLARITY_WORDS.get(p, p)}" for t, p in tagged),
            *(answers.get(response_id, {}).get(k, "") for k in keys),
        ]
        out.append([guard_cell(cell) for cell in cells])
    last_row = found[-1]
    return out, (last_row[2], last_row[0])


def _among(column: InstrumentedAttribute[int], ids: list[int]) -> ColumnElement[bool]:
    """`column IN (ids)` with the ids written into the SQL: they are our own integers, and
    500 bound parameters cost more to compile and send than the query takes to run."""
    return column.in_(bindparam("ids", value=ids, expanding=True, literal_execute=True))


def _answers(session: Session, ids: list[int], names: Sequence[str]) -> dict[int, dict[str, str]]:
    """Each response's answers as cells. Free text is the analysis's redacted copy (made with
    the respondent's own name as well as staff names); an answer not yet analysed is redacted
    here, so no raw words leave. Plain columns, not ORM objects: a year's answers are tens of
    thousands of rows, and building an object for each was most of the export's time."""
    found: dict[int, dict[str, str]] = {}
    for response_id, key, scale, not_applicable, choice, text, analysed, chosen in session.execute(
        select(
            Answer.response_id,
            SurveyQuestion.key,
            Answer.scale_value,
            Answer.not_applicable,
            Answer.choice,
            func.coalesce(AnswerAnalysis.redacted_text, Answer.text),
            AnswerAnalysis.answer_id.is_not(None),
            Answer.visibility,
        )
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(_among(Answer.response_id, ids))
    ).tuples():
        if not_applicable:
            cell = NOT_APPLICABLE
        elif scale is not None:
            cell = str(scale)
        elif text and not may_leave(chosen):
            cell = ""  # a child chose readers inside the service: their words stay in it
        elif text:
            cell = text if analysed else redact(text, known_names=names).text
        else:
            cell = choice or ""
        found.setdefault(response_id, {})[key] = cell
    return found


def _themes(session: Session, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for response_id, theme, polarity in session.execute(
        select(AnswerTheme.response_id, AnswerTheme.theme, AnswerTheme.polarity)
        .where(_among(AnswerTheme.response_id, ids), effective_themes.is_effective())
        .distinct()
        .order_by(AnswerTheme.response_id, AnswerTheme.theme, AnswerTheme.polarity)
    ):
        found.setdefault(response_id, []).append((theme, polarity.value))
    return found


def _feelings(session: Session, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for response_id, label in session.execute(
        select(AnswerAnalysis.response_id, feeling.answer_feeling()).where(
            _among(AnswerAnalysis.response_id, ids), AnswerAnalysis.empty.is_(False)
        )
    ):
        found.setdefault(response_id, []).append(str(label))
    return found


def encoded(lines: Iterator[list[str]]) -> Iterator[bytes]:
    """CSV as UTF-8 bytes, BATCH rows a chunk, a byte-order mark first so Excel reads Welsh
    letters as UTF-8. Cells are guarded against formulas already (rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    for n, line in enumerate(lines, start=1):
        writer.writerow(line)
        if n % BATCH == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate(0)
    if buffer.tell():
        yield buffer.getvalue().encode()
