"""A young person's say over who reads their words (decision 44): after each free-text answer
on their form they may choose; the draft keeps the choice, and the submission carries it to
the answer, where Scope.words decides every reading (api/accounts/scope.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from api.core.errors import FieldError, InvalidInput
from api.models import FormDraft
from api.models.enums import Audience, QuestionKind, Visibility
from api.surveys.definitions import QuestionDefinition, SurveyDefinition

CHOSEN = "visibility"  # draft.context: free-text question key -> the child's choice
# A child who does not choose: the people who work with them and the rights team read it,
# and it never leaves the system (the ICO children's code's high privacy by default), while
# a person who can act on it still reads every word.
DEFAULT = Visibility.worker


def asks(definition: SurveyDefinition) -> bool:
    """Whether this form asks: a young person's, not the under-8s' (read with an adult)."""
    return definition.audience is Audience.young_person and not definition.read_with_an_adult


def asks_after(definition: SurveyDefinition, question: QuestionDefinition, value: object) -> bool:
    """Whether the answer just saved is followed by the choice: words written on such a form."""
    return (
        asks(definition)
        and question.kind is QuestionKind.free_text
        and isinstance(value, str)
        and bool(value.strip())
    )


def chosen(form: FormDraft, key: str) -> Visibility | None:
    value = (form.context.get(CHOSEN) or {}).get(key)
    return Visibility(value) if isinstance(value, str) and value in Visibility.__members__ else None


def choose(session: Session, form: FormDraft, *, key: str, value: str | None) -> None:
    """Keep the child's choice for one answer; no choice keeps what there was (or the
    default). An unknown value is refused with a message for the page."""
    if not value:
        return
    if value not in Visibility.__members__:
        raise InvalidInput("Choose one answer", errors=[FieldError(key, "not a choice")])
    form.context = {**form.context, CHOSEN: {**(form.context.get(CHOSEN) or {}), key: value}}
    form.updated_at = datetime.now(UTC)
    session.flush()


def for_submission(definition: SurveyDefinition, form: FormDraft) -> dict[str, Visibility]:
    """Each written answer's readers, as the child chose or by default; none on other forms."""
    if not asks(definition):
        return {}
    return {
        q.key: chosen(form, q.key) or DEFAULT
        for q in definition.questions
        if q.kind is QuestionKind.free_text
        and isinstance(form.answers.get(q.key), str)
        and form.answers[q.key].strip()
    }
