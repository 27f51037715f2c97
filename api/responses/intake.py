"""The one intake service every channel calls: validate, then store once."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analysis.text import MAX_FREE_TEXT, clean_free_text
from api.config import get_settings
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.models import Answer, CollectionPoint, Response, Team
from api.models.enums import QuestionKind
from api.responses.schemas import NOT_APPLICABLE, AnswerValue, Submission
from api.surveys import service as surveys
from api.surveys.definitions import QuestionDefinition

CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class IngestResult:
    response: Response
    created: bool


def ingest(session: Session, *, submission: Submission) -> IngestResult:
    """Store a submission once. The same idempotency key again returns the first response."""
    fingerprint = _fingerprint(submission)
    key = submission.idempotency_key
    if key is not None:
        existing = _by_key(session, key, fingerprint)
        if existing is not None:
            return IngestResult(existing, created=False)

    response, answers = _build(session, submission, fingerprint)
    try:
        # A savepoint, so losing a race on the key undoes only this insert.
        with session.begin_nested():
            session.add(response)
            session.flush()
            for answer in answers:
                answer.response_id = response.id
            session.add_all(answers)
            session.flush()
    except IntegrityError:
        # Another request with the same key committed first (insert, never check-then-insert).
        existing = _by_key(session, key, fingerprint) if key is not None else None
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(response, created=True)


def _fingerprint(submission: Submission) -> str:
    body = submission.model_dump(mode="json", exclude={"idempotency_key", "invitation_id"})
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _by_key(session: Session, key: str, fingerprint: str) -> Response | None:
    existing = session.scalar(select(Response).where(Response.idempotency_key == key))
    if existing is not None and existing.fingerprint != fingerprint:
        raise Conflict(
            "This idempotency key was already used for a different submission; "
            "use a new key for new answers"
        )
    return existing


def _build(
    session: Session, submission: Submission, fingerprint: str
) -> tuple[Response, list[Answer]]:
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
    team_id = _lookup_id(session, Team, Team.slug, submission.team, "team", errors)
    point_id = _lookup_id(
        session,
        CollectionPoint,
        CollectionPoint.key,
        submission.collection_point,
        "collection_point",
        errors,
    )
    now = datetime.now(UTC)
    submitted_at = submission.submitted_at or now
    if submitted_at > now + CLOCK_SKEW:
        errors.append(FieldError("submitted_at", "is in the future"))

    answers: list[Answer] = []
    for key, raw in submission.answers.items():
        question = survey.question(key)
        if question is None:
            errors.append(FieldError(f"answers.{key}", "is not a question in this survey"))
            continue
        answer = _answer(question, raw, errors)
        if answer is not None:
            answer.question_id = survey.question_ids[key]
            answers.append(answer)
    answered = {
        survey_key for survey_key, raw in submission.answers.items() if raw not in (None, "")
    }
    for question in survey.definition.questions:
        if question.required and question.key not in answered:
            errors.append(FieldError(f"answers.{question.key}", "needs an answer"))
    if not answers and not errors:
        errors.append(FieldError("answers", "at least one question needs an answer"))
    if errors:
        raise InvalidInput("Some answers could not be accepted", errors=errors)

    response = Response(
        public_id=str(uuid.uuid4()),
        survey_id=survey.survey_id,
        survey_version_id=survey.version_id,
        team_id=team_id,
        collection_point_id=point_id,
        invitation_id=submission.invitation_id,
        audience=audience,
        channel=submission.channel,
        language=submission.language,
        completeness=submission.completeness,
        submitted_at=submitted_at,
        submitted_on=submitted_at.astimezone(ZoneInfo(get_settings().timezone)).date(),
        idempotency_key=submission.idempotency_key,
        fingerprint=fingerprint,
    )
    return response, answers


def _lookup_id(
    session: Session,
    model: type[Team] | type[CollectionPoint],
    column: object,
    value: str | None,
    field: str,
    errors: list[FieldError],
) -> int | None:
    if value is None:
        return None
    found = session.scalar(select(model.id).where(column == value))  # type: ignore[arg-type]
    if found is None:
        errors.append(FieldError(field, f"there is no {field.replace('_', ' ')} '{value}'"))
    return found


def _answer(
    question: QuestionDefinition, raw: AnswerValue, errors: list[FieldError]
) -> Answer | None:
    """The stored form of one answer; None when unanswered. Appends to errors when invalid."""
    field = f"answers.{question.key}"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind in (QuestionKind.agreement, QuestionKind.faces):
        if raw == NOT_APPLICABLE:
            return Answer(not_applicable=True)
        if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 5:
            return Answer(scale_value=raw)
        errors.append(
            FieldError(field, f"must be a whole number from 1 to 5, or '{NOT_APPLICABLE}'")
        )
        return None
    if question.kind is QuestionKind.choice:
        allowed = [option.value for option in question.options]
        if raw in allowed:
            return Answer(choice=str(raw))
        errors.append(FieldError(field, f"must be one of: {', '.join(allowed)}"))
        return None
    if not isinstance(raw, str):
        errors.append(FieldError(field, "must be text"))
        return None
    text = clean_free_text(raw)
    if len(text) > MAX_FREE_TEXT:
        errors.append(FieldError(field, f"is longer than {MAX_FREE_TEXT:,} characters"))
        return None
    return Answer(text=text) if text else None
