"""Each kind of data's retention, as a step: which rows are due (their ids) and what is done
to a batch of them. A step chooses only rows still needing it, so running it again, or
after a stop mid-way, does nothing twice. Nothing safeguarding needs is ever chosen
(api/retention/protected.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.orm import Session

from api.alerts.service import OPEN
from api.core.config import Settings
from api.models import (
    AlertEvent,
    Answer,
    AnswerAnalysis,
    AuditEvent,
    Digest,
    InboundMessage,
    Invitation,
    OutboundMessage,
    PossibleConcern,
    Response,
    SafeguardingAlert,
)
from api.models.enums import ConcernStatus
from api.retention import protected, words

Candidates = Callable[[datetime, Settings], Select[Any]]
Apply = Callable[[Session, Sequence[int], datetime], None]


@dataclass(frozen=True)
class Step:
    name: str  # the key of its count in a run's record
    candidates: Candidates
    apply: Apply


def _days(settings_days: int) -> timedelta:
    return timedelta(days=settings_days)


def _unprotected_answers(query: Select[Any]) -> Select[Any]:
    return query.where(
        Answer.id.not_in(protected.answers_kept()),
        Answer.response_id.not_in(protected.responses_kept()),
    )


# Alerts: some years after closing, the notes and the offered contact go; the alert stays.
def _alerts_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(SafeguardingAlert.id).where(
        SafeguardingAlert.status.not_in(OPEN),
        SafeguardingAlert.anonymised_at.is_(None),
        SafeguardingAlert.updated_at < now - _days(settings.retention_alert_days),
    )


def _anonymise_alerts(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(update(AlertEvent).where(AlertEvent.alert_id.in_(ids)).values(note=None))
    session.execute(
        update(SafeguardingAlert)
        .where(SafeguardingAlert.id.in_(ids))
        .values(offered_contact_encrypted=None, anonymised_at=now)
    )


# A read possible concern's reader's note goes on the alerts' clock.
def _concern_notes_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(PossibleConcern.id).where(
        PossibleConcern.status == ConcernStatus.read,
        PossibleConcern.note.is_not(None),
        PossibleConcern.read_at < now - _days(settings.retention_alert_days),
    )


def _remove_concern_notes(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(update(PossibleConcern).where(PossibleConcern.id.in_(ids)).values(note=None))


# The raw words, some months after the redacted copy was made.
def _raw_due(now: datetime, settings: Settings) -> Select[Any]:
    query = (
        select(Answer.id)
        .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(
            AnswerAnalysis.analysed_at < now - _days(settings.retention_raw_text_days),
            Answer.text.is_not(None),
            Answer.text != AnswerAnalysis.redacted_text,
        )
    )
    return _unprotected_answers(query)


def _keep_only_redacted(session: Session, ids: Sequence[int], now: datetime) -> None:
    words.keep_only_redacted(session, ids)


# A name a respondent chose to give goes on the raw words' clock.
def _names_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(Response.id).where(
        Response.respondent_name.is_not(None),
        Response.submitted_at < now - _days(settings.retention_raw_text_days),
        Response.id.not_in(protected.responses_kept()),
    )


def _remove_names(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(update(Response).where(Response.id.in_(ids)).values(respondent_name=None))


# Every copy of the words, some years after they were given.
def _free_text_due(now: datetime, settings: Settings) -> Select[Any]:
    query = (
        select(Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(
            Response.submitted_at < now - _days(settings.retention_free_text_days),
            or_(Answer.text.is_not(None), AnswerAnalysis.redacted_text != ""),
        )
    )
    return _unprotected_answers(query)


def _remove_words(session: Session, ids: Sequence[int], now: datetime) -> None:
    words.remove(session, ids)


# Contact details: numbers and addresses some days after the invitation ends.
def _contacts_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(Invitation.id).where(
        Invitation.ended_at < now - _days(settings.contact_retention_days),
        Invitation.contact_erased_at.is_(None),
        Invitation.id.not_in(protected.invitations_kept()),
    )


def erase_invitation_contacts(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(Invitation)
        .where(Invitation.id.in_(ids))
        .values(
            phone_encrypted=None,
            email_encrypted=None,
            contact_hash=None,
            answers=None,
            contact_erased_at=now,
        )
    )


def _sent_due(now: datetime, settings: Settings) -> Select[Any]:
    # Every message older than the cutoff loses its recipient and words (links included).
    return select(OutboundMessage.id).where(
        OutboundMessage.created_at < now - _days(settings.contact_retention_days),
        or_(OutboundMessage.recipient_encrypted.is_not(None), OutboundMessage.body != ""),
        OutboundMessage.status.not_in(("pending", "dispatching")),
        or_(
            OutboundMessage.invitation_id.is_(None),
            OutboundMessage.invitation_id.not_in(protected.invitations_kept()),
        ),
    )


def _erase_sent(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id.in_(ids))
        .values(recipient_encrypted=None, body="")
    )


def _received_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(InboundMessage.id).where(
        InboundMessage.received_at < now - _days(settings.contact_retention_days),
        InboundMessage.sender_encrypted.is_not(None),
        InboundMessage.id.not_in(protected.inbound_kept()),
    )


def _erase_received(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(InboundMessage)
        .where(InboundMessage.id.in_(ids))
        .values(sender_encrypted=None, body=None)
    )


def _kept_due(now: datetime, settings: Settings) -> Select[Any]:
    # A kept text (outside a survey) loses its words on the same clock, but only once a
    # person has marked it read: nothing is erased before someone has seen it.
    return select(InboundMessage.id).where(
        InboundMessage.received_at < now - _days(settings.contact_retention_days),
        InboundMessage.kept_body_encrypted.is_not(None),
        InboundMessage.read_at.is_not(None),
        InboundMessage.id.not_in(protected.inbound_kept()),
    )


def _erase_kept(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(InboundMessage).where(InboundMessage.id.in_(ids)).values(kept_body_encrypted=None)
    )


# The audit trail, some years on; an open alert's own trail stays while it is open.
def _audit_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(AuditEvent.id).where(
        AuditEvent.occurred_at < now - _days(settings.retention_audit_days),
        or_(
            AuditEvent.object_id.is_(None),
            AuditEvent.object_id.not_in(protected.open_alert_ids()),
        ),
    )


def _delete_audit(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(delete(AuditEvent).where(AuditEvent.id.in_(ids)))


# A sent digest's archived copy; the row stays, so the period is never sent again.
def _digests_due(now: datetime, settings: Settings) -> Select[Any]:
    return select(Digest.id).where(
        Digest.created_at < now - _days(settings.retention_digest_days),
        or_(Digest.text.is_not(None), Digest.html.is_not(None)),
    )


def _empty_digests(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(update(Digest).where(Digest.id.in_(ids)).values(text=None, html=None))


CONTACTS = (
    Step("contact_details", _contacts_due, erase_invitation_contacts),
    Step("sent_messages", _sent_due, _erase_sent),
    Step("received_messages", _received_due, _erase_received),
    Step("kept_texts", _kept_due, _erase_kept),
)

# In this order: an alert anonymised today frees its words for the steps after it.
STEPS = (
    Step("alerts_anonymised", _alerts_due, _anonymise_alerts),
    Step("concern_notes", _concern_notes_due, _remove_concern_notes),
    Step("raw_text", _raw_due, _keep_only_redacted),
    Step("names", _names_due, _remove_names),
    Step("free_text", _free_text_due, _remove_words),
    *CONTACTS,
    Step("audit_events", _audit_due, _delete_audit),
    Step("digest_archive", _digests_due, _empty_digests),
)
