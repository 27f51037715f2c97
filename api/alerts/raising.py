"""Raising safeguarding alerts: one per subject, whatever raises it and however often.

Two ways in, never one (decision 25): a person asking for help ("Yes, I want someone to talk
to me") raises an alert with no text analysis at all, and the analysis raises one from words
alone. A subject is what the alert is about: a response, a web form still being filled in, or
a text that came outside a survey. Whatever raises the same subject again joins its alert (the
analysis after the child's request makes it "both"; the finished form after its saved page
changes nothing), so a duty worker is told once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.alerts import notify
from api.models import AlertEvent, Response, SafeguardingAlert
from api.models.enums import AlertSource, Audience, Channel

if TYPE_CHECKING:
    from api.responses.intake import StoredResponse

# The category of an alert raised because the person asked for help.
ASKED_FOR_HELP = "asked_for_help"


@dataclass(frozen=True)
class Subject:
    """What an alert is about, and what a duty worker needs to find the person."""

    key: str  # "response:12", "draft:5", "inbound:7", "conversation:3"
    said_at: datetime
    audience: Audience | None = None
    channel: Channel | None = None
    team_id: int | None = None
    survey_id: int | None = None
    collection_point_id: int | None = None
    invitation_id: int | None = None
    response_id: int | None = None
    answer_id: int | None = None
    draft_id: int | None = None
    inbound_message_id: int | None = None


def response_key(response_id: int) -> str:
    return f"response:{response_id}"


def draft_key(draft_id: int) -> str:
    return f"draft:{draft_id}"


def inbound_key(message_id: int) -> str:
    return f"inbound:{message_id}"


def conversation_key(invitation_id: int) -> str:
    """A survey by text still going: its answers are not yet a response."""
    return f"conversation:{invitation_id}"


def for_response(response: Response | StoredResponse, *, answer_id: int | None = None) -> Subject:
    """A stored response as an alert's subject."""
    return Subject(
        key=response_key(response.id),
        said_at=response.submitted_at,
        audience=response.audience,
        channel=response.channel,
        team_id=response.team_id,
        survey_id=response.survey_id,
        collection_point_id=response.collection_point_id,
        invitation_id=response.invitation_id,
        response_id=response.id,
        answer_id=answer_id,
    )


def _find(session: Session, key: str) -> SafeguardingAlert | None:
    return session.scalar(select(SafeguardingAlert).where(SafeguardingAlert.subject_key == key))


def find(session: Session, key: str) -> SafeguardingAlert | None:
    """The subject's alert, if it has one."""
    return _find(session, key)


# A person who read a possible concern and decided it is a safeguarding matter (decision 29).
READ_BY_A_PERSON = "read_by_a_person"
_WHY = {
    AlertSource.child_request: "asked for help",
    AlertSource.analysis: "the words",
    AlertSource.concern_review: "a person who read a possible concern",
}


@dataclass(frozen=True)
class Actor:
    """The person who raised an alert themselves (from a possible concern they read)."""

    user_id: int | None
    label: str
    note: str | None = None  # what they decided, for the duty team (never the words)


def raise_alert(
    session: Session,
    *,
    subject: Subject,
    source: AlertSource,
    categories: list[str],
    actor: Actor | None = None,
) -> SafeguardingAlert | None:
    """Raise the subject's alert and queue telling the duty team, in the caller's transaction.

    The new alert; None when the subject had one already (it is joined, nobody is told twice).
    """
    existing = _find(session, subject.key)
    if existing is not None:
        _join(session, existing, subject=subject, source=source, categories=categories, actor=actor)
        return None
    alert = SafeguardingAlert(
        public_id=str(uuid.uuid4()),
        subject_key=subject.key,
        answer_id=subject.answer_id,
        response_id=subject.response_id,
        draft_id=subject.draft_id,
        inbound_message_id=subject.inbound_message_id,
        invitation_id=subject.invitation_id,
        team_id=subject.team_id,
        survey_id=subject.survey_id,
        collection_point_id=subject.collection_point_id,
        audience=subject.audience,
        channel=subject.channel,
        raised_by=source,
        categories=list(categories),
        status=notify.NEW,
        said_at=subject.said_at,
    )
    try:
        with session.begin_nested():
            session.add(alert)
            session.flush()
    except IntegrityError:
        # Raised at the same moment by another transaction: join that one.
        session.expunge(alert)
        found = _find(session, subject.key)
        if found is not None:
            _join(
                session, found, subject=subject, source=source, categories=categories, actor=actor
            )
        return None
    session.add(_raised_event(alert, source, actor))
    notify.queue_raised(session, alert)
    return alert


def _raised_event(alert: SafeguardingAlert, source: AlertSource, actor: Actor | None) -> AlertEvent:
    if actor is not None:
        return AlertEvent(
            alert_id=alert.id,
            actor_user_id=actor.user_id,
            actor_label=actor.label,
            status=alert.status,
            note="Raised from a possible concern they read"
            + (f". Their note: {actor.note}" if actor.note else ""),
        )
    label = "asked for help" if source is AlertSource.child_request else "analysis"
    return AlertEvent(alert_id=alert.id, actor_label=label, status=alert.status)


def _join(
    session: Session,
    alert: SafeguardingAlert,
    *,
    subject: Subject,
    source: AlertSource,
    categories: list[str],
    actor: Actor | None = None,
) -> None:
    """A second reason for the same alert: keep both, tell nobody again."""
    # "both" means the person asked and their words were flagged; a reader's decision is
    # recorded in the history, not folded into how it was raised.
    became_both = {alert.raised_by, source} == {AlertSource.child_request, AlertSource.analysis}
    new_categories = [c for c in categories if c not in alert.categories]
    if alert.answer_id is None and subject.answer_id is not None:
        alert.answer_id = subject.answer_id
    if not (became_both or new_categories or actor is not None):
        session.flush()
        return
    if became_both:
        alert.raised_by = AlertSource.both
    alert.categories = [*alert.categories, *new_categories]
    alert.updated_at = datetime.now(UTC)
    if actor is not None:
        by, label = actor.user_id, actor.label
    else:
        by, label = None, "analysis" if source is AlertSource.analysis else "asked for help"
    session.add(
        AlertEvent(
            alert_id=alert.id,
            actor_user_id=by,
            actor_label=label,
            status=alert.status,
            note=f"Also raised by {_WHY[source]}",
        )
    )
    session.flush()


def rekey(session: Session, *, old_key: str, subject: Subject) -> SafeguardingAlert | None:
    """An alert follows its words when they are stored: a draft's (or a text conversation's)
    alert becomes the response's, so the response's analysis joins it rather than raising a
    second one."""
    alert = _find(session, old_key)
    if alert is None:
        return None
    taken = _find(session, subject.key)
    if taken is not None and taken.id != alert.id:
        return taken  # cannot happen for a new response; never merge two people's alerts
    alert.subject_key = subject.key
    fields = replace(subject, draft_id=alert.draft_id)
    alert.response_id = fields.response_id
    alert.invitation_id = alert.invitation_id or fields.invitation_id
    alert.team_id = alert.team_id or fields.team_id
    alert.survey_id = alert.survey_id or fields.survey_id
    alert.collection_point_id = alert.collection_point_id or fields.collection_point_id
    alert.audience = alert.audience or fields.audience
    alert.channel = alert.channel or fields.channel
    session.flush()
    return alert
