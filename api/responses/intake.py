"""The one intake service every channel calls: validate, then store once."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, select
from sqlalchemy import insert as sa_insert
from sqlalchemy.orm import Session

from analysis.text import MAX_FREE_TEXT, clean_free_text
from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.core.errors import Conflict, FieldError, InvalidInput, NotFound
from api.core.reference_cache import reference_id
from api.core.sql import insert_or_ignore_many
from api.invitations import service as invitations
from api.models import Answer, CollectionPoint, EqualityAnswer, Response, Team
from api.models.enums import Audience, Channel, Completeness, Language, QuestionKind
from api.responses.schemas import NOT_APPLICABLE, AnswerValue, Submission
from api.surveys import library
from api.surveys import service as surveys
from api.surveys.definitions import QuestionDefinition, Scale, ThreeFaces
from api.tallies import marks as tally_marks

CLOCK_SKEW = timedelta(minutes=5)
KEY_LENGTH = 200  # responses.idempotency_key
# Every answer row names every column, so a response's answers go as one multi-row INSERT.
EMPTY_ANSWER: dict[str, Any] = {
    "scale_value": None,
    "not_applicable": False,
    "choice": None,
    "text": None,
    "visibility": None,
}


@dataclass(frozen=True)
class StoredResponse:
    """A response row as intake wrote (or found) it; plain data, not tracked by the session."""

    id: int
    public_id: str
    survey_id: int
    survey_version_id: int
    team_id: int | None
    collection_point_id: int | None
    invitation_id: int | None
    audience: Audience
    channel: Channel
    language: Language
    completeness: Completeness
    submitted_at: datetime
    submitted_on: date
    created_at: datetime
    idempotency_key: str | None
    fingerprint: str
    respondent_name: str | None

    @classmethod
    def of(cls, row: Response) -> StoredResponse:
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class IngestResult:
    response: StoredResponse
    created: bool


@dataclass(frozen=True)
class Prepared:
    """A submission checked and turned into rows, nothing written yet."""

    submission: Submission
    fingerprint: str
    values: dict[str, Any]
    answers: list[dict[str, Any]]
    # The person chose an answer that asks for help ("Yes, I want someone to talk to me"):
    # the response is looked at for an alert whatever its words say, or without any.
    asks_for_help: bool = False
    # Equality monitoring answers, stored apart from `answers` (decision 48).
    equality: tuple[dict[str, Any], ...] = ()


def ingest(
    session: Session, *, submission: Submission, invitation_id: int | None = None
) -> IngestResult:
    """Store a submission once. The same idempotency key again returns the first response."""
    return store(session, prepare(session, submission=submission, invitation_id=invitation_id))


def prepare(
    session: Session, *, submission: Submission, invitation_id: int | None = None
) -> Prepared:
    """Check a submission (InvalidInput naming every bad field) and build its rows; reads
    only, so a refusal leaves nothing to undo."""
    fingerprint = _fingerprint(submission)
    values, answers, equality, asks_for_help = _validated(session, submission, fingerprint)
    # Only the SMS and link channels pass an invitation, from their own records, never from a
    # client's body.
    values["invitation_id"] = invitation_id
    return Prepared(submission, fingerprint, values, answers, asks_for_help, tuple(equality))


def store(session: Session, prepared: Prepared) -> IngestResult:
    """Write one prepared submission (as `store_many`, for a batch of one)."""
    [outcome] = store_many(session, [prepared])
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def store_many(session: Session, batch: list[Prepared]) -> list[IngestResult | Exception]:
    """Write prepared submissions in a few statements, whatever their number: one for the
    responses, one for their answers, one for the days' marks, one for the analysis jobs.
    Each gets its own outcome: the result, or the exception that one alone met (an
    idempotency key already used for a different submission).

    The responses are written with INSERT ... ON CONFLICT (idempotency_key) DO NOTHING, never
    check-then-insert: of two requests racing with one key, exactly one inserts, and the other
    (after waiting for it to commit) finds no row returned and reads the winner's. Core
    statements on the session's own transaction: intake is the hot path, and the ORM's unit of
    work cost more than the inserts themselves."""
    if not batch:
        return []
    connection = session.connection()
    columns = [c.name for c in _RESPONSES.columns if c.name != "id"]
    # Rows in their idempotency keys' order: two replicas' batches sharing keys then wait on
    # each other's index entries in one order, never in a cycle (decision 35).
    ordered = sorted(batch, key=lambda p: p.submission.idempotency_key or "")
    params = {
        f"{name}_{i}": prepared.values[name]
        for i, prepared in enumerate(ordered)
        for name in columns
    }
    statement = insert_or_ignore_many(
        _RESPONSES, conflict="idempotency_key", rows=len(batch), returning=("id", "public_id")
    )
    inserted = {public_id: row_id for row_id, public_id in connection.execute(statement, params)}
    outcomes: list[IngestResult | Exception] = []
    answers: list[dict[str, Any]] = []
    equality: list[dict[str, Any]] = []
    analyse: list[int] = []
    for prepared in batch:
        response_id = inserted.get(prepared.values["public_id"])
        if response_id is None:  # the key was taken, before or earlier in this batch
            outcomes.append(_already_stored(session, prepared))
            continue
        answers += [{**a, "response_id": response_id} for a in prepared.answers]
        equality += [{**a, "response_id": response_id} for a in prepared.equality]
        if prepared.asks_for_help or any(a["text"] for a in prepared.answers):
            analyse.append(response_id)
        invitation_id = prepared.values["invitation_id"]
        if invitation_id is not None and prepared.submission.completeness is Completeness.complete:
            invitations.completed(session, invitation_id)
        outcomes.append(IngestResult(StoredResponse(id=response_id, **prepared.values), True))
    if answers:
        connection.execute(ANSWER_INSERT, answers)
    if equality:
        connection.execute(sa_insert(_EQUALITY_ANSWERS), equality)
    tally_marks.mark(
        session,
        [p.values["submitted_on"] for p, o in zip(batch, outcomes, strict=True) if _new(o)],
    )
    answer_analysis.queue_many(session, response_ids=analyse)
    return outcomes


def _new(outcome: IngestResult | Exception) -> bool:
    return isinstance(outcome, IngestResult) and outcome.created


def _already_stored(session: Session, prepared: Prepared) -> IngestResult | Exception:
    key = prepared.values["idempotency_key"]  # as stored: an API caller's is scoped
    try:
        existing = _by_key(session, key, prepared.fingerprint) if key else None
    except Conflict as exc:
        return exc
    if existing is None:
        return Conflict("That submission is being stored by another request; try again")
    return IngestResult(StoredResponse.of(existing), created=False)


_RESPONSES = cast(Table, Response.__table__)
# RETURNING makes SQLAlchemy send all of a response's answers as one multi-row INSERT
# ("insertmanyvalues") rather than one statement per answer.
_ANSWERS = cast(Table, Answer.__table__)
_EQUALITY_ANSWERS = cast(Table, EqualityAnswer.__table__)
ANSWER_INSERT = sa_insert(_ANSWERS).returning(_ANSWERS.c.id)


def _name(raw: str | None) -> str | None:
    """A name as given, cleaned like any free text; blank means anonymous."""
    if raw is None:
        return None
    return clean_free_text(raw)[:100] or None


def _fingerprint(submission: Submission) -> str:
    # Without the choice when none was made, so a key's fingerprint is what it was before.
    left_out = {"idempotency_key"} | (set() if submission.visibility else {"visibility"})
    body = submission.model_dump(mode="json", exclude=left_out)
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def scoped_key(team_id: int | None, key: str | None) -> str | None:
    """An API caller's idempotency key as stored: inside the scope of the team it submits for
    (council-wide feedback has its own), so one team's key never meets, or reveals, another's,
    nor a key a channel makes itself (form:, invitation:, import:). A key too long to keep
    with its scope is kept as its hash (migration 0019 moved the keys stored before)."""
    if key is None:
        return None
    scope = f"api:team:{team_id}:" if team_id is not None else "api:council:"
    if len(scope) + len(key) > KEY_LENGTH:
        return f"{scope}sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    return scope + key


def _by_key(session: Session, key: str, fingerprint: str) -> Response | None:
    """The response stored under this key; a different body under the same key is a conflict."""
    existing = session.scalar(select(Response).where(Response.idempotency_key == key))
    if existing is not None and existing.fingerprint != fingerprint:
        raise Conflict(
            "This idempotency key was already used for a different submission; "
            "use a new key for new answers"
        )
    return existing


def _validated(
    session: Session, submission: Submission, fingerprint: str
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], bool]:
    """The response row, answer rows and equality answer rows to store, and whether an answer
    asks for help; or InvalidInput naming every bad field."""
    errors: list[FieldError] = []
    try:
        survey = surveys.published(session, submission.survey, submission.survey_version)
    except NotFound as exc:
        raise InvalidInput(exc.message, errors=[FieldError("survey", exc.message)]) from exc

    audience = submission.audience or survey.definition.audience
    if audience != survey.definition.audience:
        errors.append(
            FieldError("audience", f"this survey is for {survey.definition.audience.value}")
        )
    team_id = reference_id(session, Team.slug, submission.team, "team", errors)
    point_id = reference_id(
        session, CollectionPoint.key, submission.collection_point, "collection_point", errors
    )
    now = datetime.now(UTC)
    submitted_at = submission.submitted_at or now
    if submitted_at > now + CLOCK_SKEW:
        errors.append(FieldError("submitted_at", "is in the future"))

    answers: list[dict[str, Any]] = []
    equality: list[dict[str, Any]] = []
    asks_for_help = False
    for key, raw in submission.answers.items():
        question = survey.question(key)
        if question is None:
            errors.append(FieldError(f"answers.{key}", "is not a question in this survey"))
            continue
        answer = _answer(question, raw, errors)
        if answer is not None and answer.get("text") and key in submission.visibility:
            answer["visibility"] = submission.visibility[key]
        if answer is not None and question.equality:
            # Special-category data: apart from the answers every reader sees (decision 48).
            equality.append({"choice": answer["choice"], "question_id": survey.question_ids[key]})
            continue
        if answer is not None:
            asks_for_help = asks_for_help or question.asks_for_help(answer.get("choice"))
            answers.append({**EMPTY_ANSWER, **answer, "question_id": survey.question_ids[key]})
    for key in submission.visibility:
        chosen_for = survey.question(key)
        if chosen_for is None or chosen_for.kind is not QuestionKind.free_text:
            errors.append(FieldError(f"visibility.{key}", "is not a free-text question"))
    answered = {
        survey_key for survey_key, raw in submission.answers.items() if raw not in (None, "")
    }
    for question in survey.definition.questions:
        if question.required and question.key not in answered:
            errors.append(FieldError(f"answers.{question.key}", "needs an answer"))
    if not answers and not equality and not errors:
        errors.append(FieldError("answers", "at least one question needs an answer"))
    if errors:
        raise InvalidInput("Some answers could not be accepted", errors=errors)

    values = {
        "public_id": str(uuid.uuid4()),
        "survey_id": survey.survey_id,
        "survey_version_id": survey.version_id,
        "team_id": team_id,
        "collection_point_id": point_id,
        "invitation_id": None,
        "audience": audience,
        "channel": submission.channel,
        "language": submission.language,
        "completeness": submission.completeness,
        "submitted_at": submitted_at,
        "submitted_on": submitted_at.astimezone(ZoneInfo(get_settings().timezone)).date(),
        "created_at": now,
        "idempotency_key": submission.idempotency_key,
        "fingerprint": fingerprint,
        "respondent_name": _name(submission.respondent_name),
    }
    return values, answers, equality, asks_for_help


def check_answer(question: QuestionDefinition, raw: AnswerValue) -> str | None:
    """Why an answer would be refused, or None: for channels that save answers one by one."""
    errors: list[FieldError] = []
    _answer(question, raw, errors)
    return errors[0].message if errors else None


def _scale_message(scale: Scale | ThreeFaces) -> str:
    if scale.not_applicable is None:  # three faces: 1 sad, 3 OK, 5 happy
        return f"must be one of {', '.join(map(str, scale.values))}"
    return f"must be a whole number from 1 to 5, or '{NOT_APPLICABLE}'"


def _answer(
    question: QuestionDefinition, raw: AnswerValue, errors: list[FieldError]
) -> dict[str, Any] | None:
    """The stored form of one answer; None when unanswered. Appends to errors when invalid."""
    field = f"answers.{question.key}"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind in (QuestionKind.agreement, QuestionKind.faces):
        scale = library.scales().for_question(question)
        if raw == NOT_APPLICABLE and scale.not_applicable is not None:
            return {"not_applicable": True}
        if isinstance(raw, int) and not isinstance(raw, bool) and raw in scale.values:
            return {"scale_value": raw}
        errors.append(FieldError(field, _scale_message(scale)))
        return None
    if question.kind is QuestionKind.choice:
        allowed = [option.value for option in question.options]
        if raw in allowed:
            return {"choice": str(raw)}
        errors.append(FieldError(field, f"must be one of: {', '.join(allowed)}"))
        return None
    if not isinstance(raw, str):
        errors.append(FieldError(field, "must be text"))
        return None
    text = clean_free_text(raw)
    if len(text) > MAX_FREE_TEXT:
        errors.append(FieldError(field, f"is longer than {MAX_FREE_TEXT:,} characters"))
        return None
    return {"text": text} if text else None
