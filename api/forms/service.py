"""Web forms: a draft saved answer by answer, then one submission through intake."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.alerts import raising
from api.core.config import get_settings
from api.core.errors import FieldError, InvalidInput, NotFound
from api.forms import safety, who_reads
from api.invitations import language as preference
from api.jobs import queue as jobs
from api.models import CollectionPoint, FormDraft, Invitation, Response, Team
from api.models.enums import Channel, Completeness, InvitationStatus, Language, LanguageSource
from api.responses import intake
from api.responses.schemas import NOT_APPLICABLE, AnswerValue, Submission
from api.surveys import service as surveys
from api.surveys.definitions import QuestionDefinition, SurveyDefinition


@dataclass(frozen=True)
class FormContext:
    """Where the form was opened from; carried into the stored response."""

    channel: Channel = Channel.web
    language: Language = Language.en
    team: str | None = None
    collection_point: str | None = None
    respondent_name: str | None = None  # only if they chose to give it
    invitation: str | None = None  # a personal link's invitation (public id)

    def as_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel.value,
            "language": self.language.value,
            "team": self.team,
            "collection_point": self.collection_point,
            "respondent_name": self.respondent_name,
            "invitation": self.invitation,
        }


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_for(session: Session, survey_key: str) -> SurveyDefinition:
    return surveys.published(session, survey_key).definition


def start(
    session: Session, *, survey_key: str, context: FormContext, placement_id: int | None = None
) -> str:
    """Open a draft; the token returned is the only way back to it."""
    published = surveys.published(session, survey_key)
    _check_context(session, context)
    token = secrets.token_urlsafe(24)
    session.add(
        FormDraft(
            token_hash=_hash(token),
            survey_key=survey_key,
            survey_version=published.definition.version,
            context=context.as_json(),
            answers={},
            placement_id=placement_id,
        )
    )
    session.flush()
    return token


def _check_context(session: Session, context: FormContext) -> None:
    # A link or poster naming a team or point that does not exist should not half-work.
    if context.team and session.scalar(select(Team.id).where(Team.slug == context.team)) is None:
        raise NotFound("This survey link is not right")
    if (
        context.collection_point
        and session.scalar(
            select(CollectionPoint.id).where(CollectionPoint.key == context.collection_point)
        )
        is None
    ):
        raise NotFound("This survey link is not right")


def draft(session: Session, *, token: str | None, survey_key: str) -> FormDraft | None:
    if not token:
        return None
    found = session.scalar(select(FormDraft).where(FormDraft.token_hash == _hash(token)))
    return found if found is not None and found.survey_key == survey_key else None


def parse(question: QuestionDefinition, value: str | None) -> AnswerValue:
    """A form field's string as intake expects it."""
    if value is None or not value.strip():
        return None
    if question.is_scaled:
        return (
            NOT_APPLICABLE if value == NOT_APPLICABLE else int(value) if value.isdigit() else value
        )
    return value


def save_answer(
    session: Session, form: FormDraft, *, question: QuestionDefinition, value: str | None
) -> None:
    """Save one answer to the draft, or raise InvalidInput with a message for the page."""
    parsed = parse(question, value)
    if parsed is None and question.required:
        raise InvalidInput("Answer the question", errors=[FieldError(question.key, "required")])
    if parsed is not None:
        problem = intake.check_answer(question, parsed)
        if problem:
            raise InvalidInput(problem, errors=[FieldError(question.key, problem)])
    answers = dict(form.answers)
    answers[question.key] = parsed
    form.answers = answers
    form.updated_at = datetime.now(UTC)
    session.flush()
    safety.answer_saved(session, form, question=question)


def _invitation(session: Session, public_id: str | None) -> Invitation | None:
    if not public_id:
        return None
    return session.scalar(select(Invitation).where(Invitation.public_id == public_id))


def submit(
    session: Session, form: FormDraft, *, completeness: Completeness = Completeness.complete
) -> intake.IngestResult | None:
    """Send the draft through intake once: a double click or a refresh stores one response.
    The draft keeps only a pointer to the response afterwards, not the answers. None when
    its invitation was answered already (nothing more is stored)."""
    context = form.context
    invitation = _invitation(session, context.get("invitation"))
    if invitation is not None and invitation.status is InvitationStatus.completed:
        # Answered already (from another phone, or by a second draft): one response only.
        form.response_id = session.scalar(
            select(Response.id).where(Response.invitation_id == invitation.id).limit(1)
        )
        form.answers = {}
        session.flush()
        return None
    answers = {k: v for k, v in form.answers.items() if v is not None}
    definition = surveys.published(session, form.survey_key, form.survey_version).definition
    submission = Submission(
        survey=form.survey_key,
        survey_version=form.survey_version,
        channel=Channel(context["channel"]),
        language=Language(context["language"]),
        team=context.get("team"),
        collection_point=context.get("collection_point"),
        completeness=completeness,
        answers=answers,
        idempotency_key=(
            f"invitation:{invitation.public_id}" if invitation else f"form:{form.token_hash}"
        ),
        respondent_name=context.get("respondent_name"),
        visibility=who_reads.for_submission(definition, form),
    )
    result = intake.ingest(
        session, submission=submission, invitation_id=invitation.id if invitation else None
    )
    answered_in = Language(context["language"])
    if invitation is not None and (
        not invitation.language_known or invitation.language is not answered_in
    ):
        # The language they answered the form in (its switch is on every page) is their
        # choice: every later message to them is written in it.
        preference.learned(session, invitation, answered_in, LanguageSource.form)
    form.response_id = result.response.id
    form.answers = {}
    form.context = {**form.context, "respondent_name": None}  # kept once, on the response
    session.flush()
    # After the draft's row is written (a draft analysis still running holds it until it
    # commits): an alert its pages raised becomes the response's, so the response's analysis
    # of the same words joins it rather than raising another.
    raising.rekey(
        session, old_key=raising.draft_key(form.id), subject=raising.for_response(result.response)
    )
    return result


def first_unanswered(form: FormDraft, definition: SurveyDefinition) -> int:
    """The question to resume at (1-based)."""
    for number, question in enumerate(definition.questions, start=1):
        if question.key not in form.answers:
            return number
    return len(definition.questions)


@jobs.handler("forms.finish_stale")
def finish_stale(session: Session, payload: dict[str, Any]) -> None:
    """Drafts left alone store what they hold as partial responses; empty ones go."""
    idle = datetime.now(UTC) - timedelta(hours=get_settings().form_draft_idle_hours)
    stale = session.scalars(
        select(FormDraft).where(FormDraft.response_id.is_(None), FormDraft.updated_at < idle)
    ).all()
    for form in stale:
        if any(v is not None for v in form.answers.values()):
            submit(session, form, completeness=Completeness.partial)
        else:
            session.delete(form)
    session.flush()
