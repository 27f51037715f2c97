"""A form draft on a shared phone or tablet: carry on, or start again without seeing (or
losing) what the last person said; free text kept private once the draft has sat idle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from api.alerts.raising import draft_key
from api.forms import service as forms
from api.models import FormDraft, SafeguardingAlert
from api.models.enums import Channel, Completeness, Language, QuestionKind
from api.surveys.definitions import QuestionDefinition, SurveyDefinition

# Long enough for one person to think about an answer; short enough that the next person at
# a reception tablet does not read the last one's words.
IDLE_BEFORE_PRIVATE = timedelta(minutes=30)
PRIVATE = "private_answers"  # draft.context: free-text answers no longer shown on the page


def has_answers(form: FormDraft) -> bool:
    return any(value is not None for value in form.answers.values())


def _free_text_keys(form: FormDraft, definition: SurveyDefinition) -> list[str]:
    return [
        q.key
        for q in definition.questions
        if q.kind is QuestionKind.free_text and isinstance(form.answers.get(q.key), str)
    ]


def keep_private_if_idle(
    form: FormDraft, definition: SurveyDefinition, *, now: datetime | None = None
) -> None:
    """After 30 idle minutes the draft's free text is no longer shown back, whoever comes
    next; it stays saved, and stays private until it is written again."""
    now = now or datetime.now(UTC)
    if now - form.updated_at < IDLE_BEFORE_PRIVATE:
        return
    hidden = set(form.context.get(PRIVATE) or []) | set(_free_text_keys(form, definition))
    if hidden != set(form.context.get(PRIVATE) or []):
        form.context = {**form.context, PRIVATE: sorted(hidden)}


def is_private(form: FormDraft, key: str) -> bool:
    return key in (form.context.get(PRIVATE) or []) and form.answers.get(key) is not None


def save_answer(
    session: Session, form: FormDraft, *, question: QuestionDefinition, value: str | None
) -> None:
    """Save as forms.save_answer does, except that an empty box over private words keeps
    them (the page said so), and new words are the person's own to see again."""
    if is_private(form, question.key) and not (value or "").strip():
        return
    forms.save_answer(session, form, question=question, value=value)
    if question.key in (form.context.get(PRIVATE) or []):
        form.context = {
            **form.context,
            PRIVATE: [k for k in form.context[PRIVATE] if k != question.key],
        }
        session.flush()


def carry_on(form: FormDraft, definition: SurveyDefinition) -> int:
    """The same person coming back: the question to go on from."""
    keep_private_if_idle(form, definition)
    return forms.first_unanswered(form, definition)


def _said_something(session: Session, form: FormDraft, definition: SurveyDefinition) -> bool:
    """Words written, or a request for help that raised an alert: things that must not go."""
    if any(form.answers.get(k, "").strip() for k in _free_text_keys(form, definition)):
        return True
    alert = session.scalar(
        select(SafeguardingAlert.id)
        .where(
            or_(
                SafeguardingAlert.draft_id == form.id,
                SafeguardingAlert.subject_key == draft_key(form.id),
            )
        )
        .limit(1)
    )
    return alert is not None


def start_again(session: Session, form: FormDraft, definition: SurveyDefinition) -> str:
    """Someone else at the same browser: the last draft stops being this browser's. What was
    written is stored as a partial response (nothing said is lost); choices alone are
    discarded. A new empty draft keeps where the form was opened from, never who opened it.
    Returns the new draft's token."""
    context = {**form.context, "respondent_name": None, PRIVATE: []}
    if _said_something(session, form, definition):
        forms.submit(session, form, completeness=Completeness.partial)
        if context.get("invitation"):
            # The invitation is answered now: the next person is anonymous.
            context["invitation"] = None
            context["channel"] = (Channel.qr if form.placement_id else Channel.web).value
    else:
        session.delete(form)
        session.flush()
    fresh = forms.FormContext(
        channel=Channel(context["channel"]),
        language=Language(context["language"]),
        team=context.get("team"),
        collection_point=context.get("collection_point"),
        invitation=context.get("invitation"),
    )
    return forms.start(
        session, survey_key=form.survey_key, context=fresh, placement_id=form.placement_id
    )
