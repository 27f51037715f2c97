"""A young person's say over who reads their words (decision 44): once, before their form is
sent, they may choose who can read everything they wrote on it (decision 44's addendum: it was
asked after every written answer). The draft keeps the choice, and the submission carries it
to each written answer, where Scope.words decides every reading (api/accounts/scope.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from api.core.errors import FieldError, InvalidInput
from api.models import FormDraft
from api.models.enums import Audience, QuestionKind, Visibility
from api.surveys.definitions import SurveyDefinition

CHOSEN = "who_reads"  # draft.context: the child's one choice, for every answer they wrote
# A draft begun before the choice was asked once kept one choice per answer here
# (free-text question key -> choice); it is still honoured for what it covers.
CHOSEN_EACH = "visibility"
# A child who does not choose: the people who work with them and the rights team read it,
# and it never leaves the system (the ICO children's code's high privacy by default), while
# a person who can act on it still reads every word.
DEFAULT = Visibility.worker


def asks(definition: SurveyDefinition) -> bool:
    """Whether this form asks: a young person's, not the under-8s' (read with an adult)."""
    return definition.audience is Audience.young_person and not definition.read_with_an_adult


def written(definition: SurveyDefinition, answers: Mapping[str, object]) -> list[str]:
    """The free-text questions answered with words, in question order."""
    return [
        q.key
        for q in definition.questions
        if q.kind is QuestionKind.free_text
        and isinstance(answers.get(q.key), str)
        and str(answers[q.key]).strip()
    ]


def asks_before_sending(definition: SurveyDefinition, answers: Mapping[str, object]) -> bool:
    """Whether sending waits for the choice: words written on a form that asks."""
    return asks(definition) and bool(written(definition, answers))


def _valid(value: object) -> Visibility | None:
    return Visibility(value) if isinstance(value, str) and value in Visibility.__members__ else None


def chosen(form: FormDraft) -> Visibility | None:
    """The choice made for this form's words, if one was."""
    return _valid(form.context.get(CHOSEN))


def choose(session: Session, form: FormDraft, *, value: str | None) -> None:
    """Keep the child's choice for all their words; no choice keeps what there was (or the
    default). An unknown value is refused with a message for the page."""
    if not value:
        return
    if _valid(value) is None:
        raise InvalidInput("Choose one answer", errors=[FieldError("who_reads", "not a choice")])
    form.context = {**form.context, CHOSEN: value}
    form.updated_at = datetime.now(UTC)
    session.flush()


def for_submission(definition: SurveyDefinition, form: FormDraft) -> dict[str, Visibility]:
    """Each written answer's readers, as the child chose or by default; none on other forms."""
    if not asks(definition):
        return {}
    for_all = chosen(form)
    each = form.context.get(CHOSEN_EACH) or {}
    return {
        key: for_all or _valid(each.get(key)) or DEFAULT
        for key in written(definition, form.answers)
    }
