"""Texts that are not part of a survey: kept, analysed, and answered at most once a day.

A text after the thank-you, before the first question, from a number we never wrote to, to a
link invitation, from a number that opted out, or a reply that was not an answer, is not
thrown away: its words are kept Fernet-encrypted for a person to read (the staff page
"Texts outside a survey"), analysed in a worker job like any answer, and can raise a
safeguarding alert. The sender gets one reply a day at most, saying the number is not watched
and where help is now; never a word of what they wrote.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.language import detect as detect_language
from analysis.normalise import normalise
from analysis.pipeline import analyse
from api.alerts import hours, raising
from api.conversations.replies import reply  # the one way a reply is queued
from api.core import crypto
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.models import InboundMessage, Invitation
from api.models.enums import AlertSource, Channel, Language, MessagePurpose

ANALYSE = "sms.analyse_kept"
# The outcome of a kept text that was answered with "this number is not watched".
REPLIED = "kept_replied"
KEPT = "kept"


def last_invitation(session: Session, sender_hash: str) -> Invitation | None:
    """The number's newest invitation by text, whatever its state."""
    return session.scalar(
        select(Invitation)
        .where(Invitation.contact_hash == sender_hash, Invitation.channel == Channel.sms)
        .order_by(Invitation.id.desc())
        .limit(1)
    )


def keep(
    session: Session, inbound: InboundMessage, body: str, invitation: Invitation | None
) -> bool:
    """Keep the words encrypted, tie them to the invitation, queue their analysis. False when
    there were no words (an empty text or a picture)."""
    if invitation is not None:
        inbound.invitation_id = invitation.id
    if not body.strip():
        return False
    inbound.kept_body_encrypted = crypto.encrypt(body)
    session.flush()
    jobs.enqueue(
        session,
        kind=ANALYSE,
        payload={"inbound_id": inbound.id},
        unique_key=f"{ANALYSE}:{inbound.id}",
    )
    return True


def told_today(session: Session, sender_hash: str, now: datetime | None = None) -> bool:
    """Whether this number already had its one "not watched" reply today (the council's day)."""
    zone = ZoneInfo(get_settings().timezone)
    local = (now or datetime.now(UTC)).astimezone(zone)
    start = datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)
    found = session.scalar(
        select(InboundMessage.id)
        .where(
            InboundMessage.sender_hash == sender_hash,
            InboundMessage.told_not_watched.is_(True),
            InboundMessage.handled_at >= start,
            InboundMessage.handled_at < start + timedelta(days=1, hours=1),
        )
        .limit(1)
    )
    return found is not None


def tell_not_watched(
    session: Session, inbound: InboundMessage, body: str, sender: str | None
) -> bool:
    """Send "this number is not watched, in danger call ..." unless this number had it today;
    whether it was sent. Every text that is not an answer comes here, in a survey or not."""
    from channels.sms import texts

    if sender is None or told_today(session, inbound.sender_hash):
        return False
    invitation = session.get(Invitation, inbound.invitation_id) if inbound.invitation_id else None
    language = reply_language(invitation, body)
    settings = get_settings()
    reply(
        session,
        sender,
        MessagePurpose.help,
        language,
        invitation.id if invitation else None,
        texts.not_watched(
            council=settings.council_name_in(language),
            phone=hours.number_to_call(settings, datetime.now(UTC)),
            language=language,
            audience=invitation.audience if invitation else None,
        ),
    )
    inbound.told_not_watched = True
    return True


def reply_language(invitation: Invitation | None, body: str) -> Language:
    """The invitation's language; else Welsh when the words read as Welsh; else English."""
    if invitation is not None:
        return invitation.language
    return Language.cy if detect_language(normalise(body)) == "cy" else Language.en


def outside(
    session: Session,
    inbound: InboundMessage,
    body: str,
    sender: str | None,
    *,
    answer: bool = True,
) -> str:
    """A text outside any survey: kept, and answered once a day (unless `answer` is False)."""
    invitation = last_invitation(session, inbound.sender_hash)
    if not keep(session, inbound, body, invitation):
        return "empty"
    if answer and tell_not_watched(session, inbound, body, sender):
        return REPLIED
    return KEPT


@jobs.handler(ANALYSE)
def analyse_kept(session: Session, payload: dict[str, Any]) -> None:
    """Analyse a kept text like any answer; raise its alert when the words call for one."""
    message = session.get(InboundMessage, payload["inbound_id"])
    if message is None or not message.kept_body_encrypted:
        return  # erased since, or never kept
    try:
        words = crypto.decrypt(message.kept_body_encrypted)
    except ValueError:
        return  # its key is gone: nothing can read it, nothing to analyse
    invitation = session.get(Invitation, message.invitation_id) if message.invitation_id else None
    result = analyse(
        words,
        question=None,
        audience=invitation.audience.value if invitation else None,
        taxonomy_file=get_settings().taxonomy_file,
    )
    if not result.safeguarding.flag:
        return
    raising.raise_alert(
        session,
        subject=raising.Subject(
            key=raising.inbound_key(message.id),
            said_at=message.received_at,
            audience=invitation.audience if invitation else None,
            channel=Channel.sms,
            team_id=invitation.team_id if invitation else None,
            survey_id=invitation.survey_id if invitation else None,
            collection_point_id=invitation.collection_point_id if invitation else None,
            invitation_id=invitation.id if invitation else None,
            inbound_message_id=message.id,
        ),
        source=AlertSource.analysis,
        categories=list(result.safeguarding.categories),
    )
