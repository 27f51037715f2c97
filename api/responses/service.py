"""Reading responses back, always through the reader's scope."""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from api.accounts.scope import Scope, Words
from api.core import audit
from api.core.errors import FieldError, InvalidInput, NotFound
from api.models import (
    Answer,
    AnswerAnalysis,
    CollectionPoint,
    Response,
    Survey,
    SurveyQuestion,
    SurveyVersion,
    Team,
)
from api.models.enums import QuestionKind, Visibility
from api.responses import filters as response_filters
from api.responses import intake
from api.responses.filters import ResponseFilters
from api.responses.schemas import (
    AnswerRead,
    ResponsePage,
    ResponseRead,
    SentimentRead,
    Submission,
    SuggestedRead,
    ThemeRead,
)
from api.reviews import effective
from api.reviews.schemas import ReviewedRead
from api.surveys import service as surveys

MAX_PAGE = 200


# (response, survey key, version, team slug or None, collection point key or None)
ResponseRow = tuple[Response | intake.StoredResponse, str, int, str | None, str | None]


def _base_query(scope: Scope) -> Select[Any]:
    team = aliased(Team)
    point = aliased(CollectionPoint)
    return (
        select(Response, Survey.key, SurveyVersion.version, team.slug, point.key)
        .join(Survey, Survey.id == Response.survey_id)
        .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
        .outerjoin(team, team.id == Response.team_id)
        .outerjoin(point, point.id == Response.collection_point_id)
        .where(scope.team_filter(Response.team_id))
    )


def _read(row: ResponseRow) -> ResponseRead:
    response, survey_key, version, team_slug, point_key = row
    return ResponseRead(
        id=response.public_id,
        survey=survey_key,
        survey_version=version,
        team=team_slug,
        collection_point=point_key,
        audience=response.audience,
        channel=response.channel,
        language=response.language,
        completeness=response.completeness,
        submitted_at=response.submitted_at,
        submitted_on=response.submitted_on,
        named=response.respondent_name is not None,
    )


def get(session: Session, scope: Scope, *, public_id: str) -> ResponseRead:
    """One response with its answers; raw free text only for roles allowed it, and audited."""
    row = (
        session.execute(_base_query(scope).where(Response.public_id == public_id)).tuples().first()
    )
    if row is None:
        # Out of scope looks the same as missing: no hint that it exists.
        raise NotFound("There is no response with that id")
    read = _read(row)
    answers = session.execute(
        select(Answer, SurveyQuestion.key, SurveyQuestion.kind, AnswerAnalysis)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(Answer.response_id == row[0].id)
        .order_by(SurveyQuestion.position)
    ).tuples()
    read.answers = []
    raw_shown = False
    rows = list(answers)
    chosen = [a.visibility for a, *_ in rows]
    if scope.shows_name(chosen):
        read.respondent_name = row[0].respondent_name
    elif Visibility.service in chosen:
        read.named = False  # "without my name": not even that there is one
    # The person's word wins: a reviewed answer shows its reviewer's themes (api/reviews).
    shown = effective.for_answers(
        session, {a.id: analysis for a, _, kind, analysis in rows if kind is QuestionKind.free_text}
    )
    for answer, key, kind, analysis in rows:
        has_text = kind is QuestionKind.free_text and answer.text is not None
        words = scope.words(answer.visibility) if has_text else Words.raw
        raw_shown = raw_shown or (has_text and words is Words.raw)
        read.answers.append(
            _answer_read(answer, key, kind, analysis, shown.get(answer.id), words, has_text)
        )
    if raw_shown or (read.respondent_name is not None):
        audit.record(
            session, scope, action="response.view_raw", object_type="response", object_id=public_id
        )
    return read


def _answer_read(
    answer: Answer,
    key: str,
    kind: QuestionKind,
    analysis: AnswerAnalysis | None,
    shown: effective.Effective | None,
    words: Words,
    has_text: bool,
) -> AnswerRead:
    """Raw text for readers allowed it; otherwise the redacted copy, once analysis has made
    it; nothing where the child chose other readers. Themes and feeling as they stand (a
    reviewer's once reviewed), the analysis's apart: they are not the child's words."""
    if words is Words.raw or not has_text:
        text = answer.text
    elif words is Words.redacted:
        text = analysis.redacted_text if analysis else None
    else:
        text = None
    return AnswerRead(
        question=key,
        kind=kind,
        value=answer.scale_value,
        not_applicable=answer.not_applicable,
        choice=answer.choice,
        text=text,
        text_redacted=has_text and words is Words.redacted and analysis is not None,
        text_withheld=has_text and text is None,
        text_kept_by_choice=has_text and words is Words.none,
        visibility=answer.visibility,
        themes=None if shown is None else _themes(shown.themes, words),
        sentiment=None
        if shown is None or shown.sentiment is None
        else SentimentRead(label=shown.sentiment, score=shown.sentiment_score),
        reviewed=None
        if shown is None or shown.reviewed is None
        else ReviewedRead(by=shown.reviewed.by, at=shown.reviewed.at),
        suggested=None
        if shown is None or shown.suggested is None
        else SuggestedRead(
            themes=_themes(shown.suggested.themes, words),
            sentiment=SentimentRead(
                label=shown.suggested.sentiment, score=shown.suggested.sentiment_score
            ),
        ),
    )


def _themes(tags: tuple[effective.Tag, ...], words: Words) -> list[ThemeRead]:
    # The words that raised a tag are raw text: only for readers allowed it.
    return [
        ThemeRead(
            id=t.id,
            polarity=t.polarity,
            evidence=list(t.evidence) if words is Words.raw and t.evidence else None,
        )
        for t in tags
    ]


def list_page(
    session: Session,
    scope: Scope,
    *,
    filters: ResponseFilters,
    survey: str | None = None,
    submitted_from: date | None = None,
    submitted_to: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> ResponsePage:
    """Newest first, a page at a time; the cursor is opaque to the client."""
    limit = max(1, min(limit, MAX_PAGE))
    query = response_filters.apply(_base_query(scope), filters)
    if survey:
        query = query.where(Survey.key == survey)
    if submitted_from:
        query = query.where(Response.submitted_on >= submitted_from)
    if submitted_to:
        query = query.where(Response.submitted_on <= submitted_to)
    if cursor:
        at, last_id = _decode_cursor(cursor)
        query = query.where(
            or_(
                Response.submitted_at < at,
                and_(Response.submitted_at == at, Response.id < last_id),
            )
        )
    rows = list(
        session.execute(
            query.order_by(Response.submitted_at.desc(), Response.id.desc()).limit(limit + 1)
        ).tuples()
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1][0]
        next_cursor = _encode_cursor(last.submitted_at, last.id)
    items = [_read(row) for row in rows]
    nameless = _without_my_name(session, [row[0].id for row in rows if row[0].respondent_name])
    for row, item in zip(rows, items, strict=True):
        item.named = item.named and row[0].id not in nameless
    return ResponsePage(items=items, next_cursor=next_cursor)


def _without_my_name(session: Session, response_ids: list[int]) -> set[int]:
    """Of these responses, those with words given "without my name" (decision 44): the list
    does not say they carry a name either."""
    if not response_ids:
        return set()
    return set(
        session.scalars(
            select(Answer.response_id).where(
                Answer.response_id.in_(response_ids), Answer.visibility == Visibility.service
            )
        )
    )


def _encode_cursor(at: datetime, response_id: int) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{response_id}".encode()).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        at, _, response_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        parsed = datetime.fromisoformat(at)
        if parsed.tzinfo is None:
            raise ValueError("naive")
        return parsed, int(response_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "That cursor is not one we gave out", errors=[FieldError("cursor", "not valid")]
        ) from exc


def submit(session: Session, scope: Scope, *, submission: Submission) -> tuple[ResponseRead, bool]:
    """Intake on behalf of a staff user: only into teams they may see. True when newly stored."""
    return store_submission(session, prepare_submission(session, scope, submission=submission))


def prepare_submission(
    session: Session, scope: Scope, *, submission: Submission
) -> intake.Prepared:
    """Check a staff user's submission, their teams included, before anything is written."""
    prepared = intake.prepare(session, submission=submission)
    if not scope.allows_team(prepared.values["team_id"]):
        raise InvalidInput(
            "You can only submit feedback for your own teams",
            errors=[FieldError("team", "not one of your teams")],
        )
    # The caller's keys are theirs: a key another team used is no conflict here, and a 409
    # never says that some other team has used it.
    values = prepared.values
    values["idempotency_key"] = intake.scoped_key(values["team_id"], values["idempotency_key"])
    return prepared


def store_submission(session: Session, prepared: intake.Prepared) -> tuple[ResponseRead, bool]:
    return _answer(session, prepared, intake.store(session, prepared))


def store_submissions(
    session: Session, batch: list[intake.Prepared]
) -> list[tuple[ResponseRead, bool] | Exception]:
    """Many at once, in a few statements (requests sharing a transaction, decision 24)."""
    return [
        outcome if isinstance(outcome, Exception) else _answer(session, prepared, outcome)
        for prepared, outcome in zip(batch, intake.store_many(session, batch), strict=True)
    ]


def _answer(
    session: Session, prepared: intake.Prepared, result: intake.IngestResult
) -> tuple[ResponseRead, bool]:
    stored, submission = result.response, prepared.submission
    # The fingerprint matched, so the submission names the stored survey, team and point.
    read = _read(
        (
            stored,
            submission.survey,
            surveys.version_number(session, stored.survey_version_id),
            submission.team,
            submission.collection_point,
        )
    )
    return read, result.created
