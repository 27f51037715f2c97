"""Erasing a person: every identifier and every word of theirs goes; what was counted stays.

Published figures come from the responses' scores, choices and themes (and the daily
tallies recounted from them), so those rows are kept, anonymous once the words, names and
links to a number or case are gone: every figure already published stays as it was. What a
child-protection record needs is kept (the words behind an alert, decision 43); while an
alert is open, a possible concern or a kept text is unread, nothing is erased at all."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from markupsafe import escape
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from api.alerts.service import OPEN
from api.core import crypto
from api.core.errors import Conflict
from api.models import (
    Answer,
    AnswerAnalysis,
    CaseEvent,
    ContactLanguage,
    Digest,
    Episode,
    EqualityAnswer,
    InboundMessage,
    Invitation,
    OutboundMessage,
    PossibleConcern,
    Response,
    SafeguardingAlert,
)
from api.models.enums import ConcernStatus
from api.retention import protected, words
from api.subject_access.lookup import Found, KeyKind

ERASED_HASH = "erased"  # the keyed hash goes too: an erased person cannot be found again
ERASED_CASE = "(erased)"
QUOTE_REMOVED = "[removed at the person's request]"
# Shorter quotes ("Nothing", "All good") say nothing about who wrote them.
SHORTEST_QUOTE = 20


def _refuse_while_needed(session: Session, found: Found) -> None:
    open_alerts = session.scalar(
        select(func.count()).where(
            SafeguardingAlert.id.in_(found.alert_ids), SafeguardingAlert.status.in_(OPEN)
        )
    )
    if open_alerts:
        raise Conflict(
            "A safeguarding alert about this person is still open. Nothing can be erased until "
            "the duty team has closed it."
        )
    unread = session.scalar(
        select(func.count()).where(
            PossibleConcern.id.in_(found.concern_ids),
            PossibleConcern.status == ConcernStatus.open,
        )
    )
    unread_texts = session.scalar(
        select(func.count()).where(
            InboundMessage.id.in_(found.inbound_ids),
            InboundMessage.kept_body_encrypted.is_not(None),
            InboundMessage.read_at.is_(None),
        )
    )
    if unread or unread_texts:
        raise Conflict(
            "Something this person wrote has not been read by a person yet (a possible concern "
            "or a text). Nothing can be erased until it has been read."
        )


def _digest_quotes(session: Session, answer_ids: Sequence[int]) -> int:
    """Their words quoted in an archived digest (redacted, as sent) are taken out of it."""
    quotes = [
        text
        for text in session.scalars(
            select(AnswerAnalysis.redacted_text).where(AnswerAnalysis.answer_id.in_(answer_ids))
        )
        if text and len(text.strip()) >= SHORTEST_QUOTE
    ]
    if not quotes:
        return 0
    changed = 0
    for digest in session.scalars(
        select(Digest).where(Digest.text.is_not(None) | Digest.html.is_not(None))
    ):
        text, html = digest.text, digest.html
        for quote in quotes:
            if text:
                text = text.replace(quote, QUOTE_REMOVED)
            if html:
                html = html.replace(str(escape(quote)), QUOTE_REMOVED)
        if (text, html) != (digest.text, digest.html):
            digest.text, digest.html = text, html
            changed += 1
    return changed


def erase(session: Session, found: Found) -> dict[str, int]:
    """Erase what was found; counts of what was done (and kept), never content."""
    _refuse_while_needed(session, found)
    now = datetime.now(UTC)
    kept_answers = set(session.scalars(protected.answers_kept()))
    kept_responses = set(session.scalars(protected.responses_kept()))
    answers = session.execute(
        select(Answer.id, Answer.response_id).where(
            Answer.response_id.in_(found.response_ids),
            (Answer.text.is_not(None)) | Answer.id.in_(select(AnswerAnalysis.answer_id)),
        )
    ).all()
    erasable = [a for a, r in answers if a not in kept_answers and r not in kept_responses]
    counts = {
        "digests_changed": _digest_quotes(session, erasable),
        "answers_words_removed": words.remove(session, erasable),
        "answers_kept_for_safeguarding": len(answers) - len(erasable),
    }
    # Their own description of themselves (special-category data, decision 48) goes whole:
    # no alert or figure needs one person's answer.
    removed = session.execute(
        delete(EqualityAnswer).where(EqualityAnswer.response_id.in_(found.response_ids))
    )
    counts["equality_answers_removed"] = int(getattr(removed, "rowcount", 0) or 0)
    names = [r for r in found.response_ids if r not in kept_responses]
    session.execute(update(Response).where(Response.id.in_(names)).values(respondent_name=None))
    session.execute(
        update(Invitation)
        .where(Invitation.id.in_(found.invitation_ids))
        .values(
            phone_encrypted=None,
            email_encrypted=None,
            contact_hash=None,
            answers=None,
            case_ref=None,
            contact_erased_at=func.coalesce(Invitation.contact_erased_at, now),
        )
    )
    counts["invitations"] = len(found.invitation_ids)
    if found.key.kind is KeyKind.case_ref:
        session.execute(
            update(CaseEvent)
            .where(CaseEvent.id.in_(found.case_event_ids))
            .values(case_ref=ERASED_CASE)
        )
        counts["case_events"] = len(found.case_event_ids)
        # Each episode keeps its place in the figures under a reference of its own (two
        # erased episodes of one day and team must not collide on the episode's key).
        for episode_id in found.episode_ids:
            session.execute(
                update(Episode)
                .where(Episode.id == episode_id)
                .values(case_ref=f"{ERASED_CASE}-{episode_id}"[:64])
            )
        counts["episodes"] = len(found.episode_ids)
    session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id.in_(found.outbound_ids))
        .values(recipient_encrypted=None, body="", recipient_hash=ERASED_HASH)
    )
    counts["messages_sent"] = len(found.outbound_ids)
    kept_inbound = set(session.scalars(protected.inbound_kept()))
    received = [i for i in found.inbound_ids if i not in kept_inbound]
    session.execute(
        update(InboundMessage)
        .where(InboundMessage.id.in_(received))
        .values(sender_encrypted=None, body=None, kept_body_encrypted=None, sender_hash=ERASED_HASH)
    )
    counts["messages_received"] = len(received)
    if found.key.kind is not KeyKind.case_ref:
        erased = session.execute(
            delete(ContactLanguage).where(
                ContactLanguage.contact_hash == crypto.contact_hash(found.key.value)
            )
        )
        counts["language_preference"] = int(getattr(erased, "rowcount", 0) or 0)
    counts["alerts_kept"] = len(found.alert_ids)
    session.flush()
    return counts
