"""A web form's safeguarding while it is still being filled in (issue 12).

Two ways in, never one (decision 25): the safety question's "Yes, I want someone to talk to
me" raises the draft's alert in the transaction that saves it, with no text analysis; free
text is analysed by a job queued as each page is saved, so words typed into a form that is
then closed raise their alert within seconds rather than when the draft is finished. Both use
the draft's subject key, so a child who asks AND writes it gets one alert, raised by both; when
the form is sent, `rekey` moves that alert to the response and the response's own analysis
joins it instead of raising a second.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.pipeline import analyse
from api.alerts import raising
from api.core import crypto
from api.core.config import get_settings
from api.core.errors import FieldError, InvalidInput
from api.jobs import queue as jobs
from api.models import AlertEvent, CollectionPoint, FormDraft, Invitation, SafeguardingAlert, Team
from api.models.enums import AlertSource, Channel, QuestionKind
from api.reviews import learning
from api.surveys import service as surveys
from api.surveys.definitions import QuestionDefinition

SAFETY_QUESTION = "safe_now"
ASKED = "yes_talk"
ANALYSE_DRAFT = "forms.analyse_draft"
CONTACT_MAX = 500


def asks_for_help(question: QuestionDefinition, value: Any) -> bool:
    """Whether this answer is the person asking for someone to talk to them."""
    return question.key == SAFETY_QUESTION and value == ASKED


def asked_for_help(form: FormDraft) -> bool:
    return form.answers.get(SAFETY_QUESTION) == ASKED


def invited(form: FormDraft) -> bool:
    """Whether the team knows who this is (a personal link), so can try to reach them."""
    return bool(form.context.get("invitation"))


def subject(session: Session, form: FormDraft, *, said_at: datetime) -> raising.Subject:
    """The draft as an alert's subject: who, where and how, from the form's context."""
    context = form.context
    published = surveys.published(session, form.survey_key, form.survey_version)
    team = context.get("team")
    point = context.get("collection_point")
    invitation = context.get("invitation")
    return raising.Subject(
        key=raising.draft_key(form.id),
        said_at=said_at,
        audience=published.definition.audience,
        channel=Channel(context["channel"]),
        team_id=session.scalar(select(Team.id).where(Team.slug == team)) if team else None,
        survey_id=published.survey_id,
        collection_point_id=(
            session.scalar(select(CollectionPoint.id).where(CollectionPoint.key == point))
            if point
            else None
        ),
        invitation_id=(
            session.scalar(select(Invitation.id).where(Invitation.public_id == invitation))
            if invitation
            else None
        ),
        draft_id=form.id,
    )


def answer_saved(session: Session, form: FormDraft, *, question: QuestionDefinition) -> None:
    """After an answer is saved: raise the alert a "yes" asks for at once; queue free text's
    analysis. Changing the answer later un-raises nothing: the request was made."""
    value = form.answers.get(question.key)
    now = datetime.now(UTC)
    if asks_for_help(question, value):
        raising.raise_alert(
            session,
            subject=subject(session, form, said_at=now),
            source=AlertSource.child_request,
            categories=[raising.ASKED_FOR_HELP],
        )
    elif question.kind is QuestionKind.free_text and isinstance(value, str) and value.strip():
        jobs.enqueue(
            session,
            kind=ANALYSE_DRAFT,
            payload={"draft_id": form.id, "question": question.key, "said_at": now.isoformat()},
        )


@jobs.handler(ANALYSE_DRAFT)
def analyse_draft(session: Session, payload: dict[str, Any]) -> None:
    """Analyse one saved free-text answer of a draft; raise the draft's alert if it worries."""
    # Locked, so a send of the same draft waits for this (or this sees it sent): the words
    # raise one alert, under the draft's key before it is moved or the response's after.
    form = session.scalar(
        select(FormDraft).where(FormDraft.id == int(payload["draft_id"])).with_for_update()
    )
    if form is None or form.response_id is not None:
        return  # gone, or sent: the response's own analysis reads these words
    key = str(payload["question"])
    text = form.answers.get(key)
    if not isinstance(text, str) or not text.strip():
        return  # changed to nothing since
    from api.answer_analysis.service import known_names  # it imports this module

    published = surveys.published(session, form.survey_key, form.survey_version)
    result = analyse(
        text,
        question=key,
        audience=published.definition.audience.value,
        known_names=[*known_names(session), *(form.context.get("respondent_name") or "").split()],
        taxonomy_file=get_settings().taxonomy_file,
        council=learning.active_model(session),
    )
    if result.safeguarding.flag:
        said_at = datetime.fromisoformat(str(payload.get("said_at") or datetime.now(UTC)))
        raising.raise_alert(
            session,
            subject=subject(session, form, said_at=said_at),
            source=AlertSource.analysis,
            categories=list(result.safeguarding.categories),
        )


def alert_of(session: Session, form: FormDraft) -> SafeguardingAlert | None:
    """The alert this draft raised, before or after it was sent."""
    keys = [raising.draft_key(form.id)]
    if form.response_id is not None:
        keys.append(raising.response_key(form.response_id))
    return session.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.subject_key.in_(keys)).limit(1)
    )


def check_contact(value: str) -> str:
    """A way to be reached as given, tidied; InvalidInput for what cannot be one."""
    contact = value.strip()
    if len(contact) > CONTACT_MAX:
        raise InvalidInput("too long", errors=[FieldError("contact", "too_long")])
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in contact):
        raise InvalidInput("not text", errors=[FieldError("contact", "invalid")])
    return contact


def offer_contact(session: Session, form: FormDraft, *, value: str) -> bool:
    """Keep how someone who asked for help said they could be reached, encrypted on the alert
    (never in the draft's answers). False when there was nothing to keep."""
    contact = check_contact(value)
    if not contact:
        return False
    alert = alert_of(session, form)
    if alert is None:  # asked for help but somehow no alert: raise it now, nothing is lost
        alert = raising.raise_alert(
            session,
            subject=subject(session, form, said_at=datetime.now(UTC)),
            source=AlertSource.child_request,
            categories=[raising.ASKED_FOR_HELP],
        ) or alert_of(session, form)
    if alert is None:
        return False
    alert.offered_contact_encrypted = crypto.encrypt(contact)
    alert.updated_at = datetime.now(UTC)
    session.add(
        AlertEvent(
            alert_id=alert.id,
            actor_label="asked for help",
            status=alert.status,
            note="Said how they can be reached",
        )
    )
    session.flush()
    return True
