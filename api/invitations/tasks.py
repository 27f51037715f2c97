"""The invitation's later life: one reminder, expiry, and erasing the contact details."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from api.conversations import service as conversations
from api.conversations.replies import tense_of
from api.core import crypto
from api.core.config import get_settings
from api.invitations import links
from api.invitations import service as invitations
from api.invitations.language import writing_in
from api.jobs import queue as jobs
from api.messaging import service as messages
from api.models import Invitation
from api.models.enums import (
    Channel,
    InvitationMode,
    InvitationStatus,
    Language,
    MessagePurpose,
    Tense,
)
from api.retention import steps as retention_steps
from channels.email.invitation import reminder_email
from channels.i18n import in_each_language
from channels.sms import texts

ERASE = "invitations.erase_contacts"


@jobs.handler(invitations.REMIND)
def remind(session: Session, payload: dict[str, Any]) -> None:
    """One reminder, only if they have not started, and in the send window."""
    invitation = session.get(Invitation, payload["invitation_id"])
    if invitation is None or invitation.status is not InvitationStatus.sent:
        return
    if invitation.reminded_at is not None:
        return
    address = _address(invitation)
    if address is None or messages.is_opted_out(session, invitation.contact_hash or ""):
        return
    tense = tense_of(session, invitation)  # the invitation's words: "are getting" or "got"
    languages = writing_in(invitation)
    subject, body = in_each_language(
        [_reminder_in(invitation, language, tense) for language in languages], languages
    )
    messages.queue(
        session,
        channel=invitation.channel,
        recipient=address,
        purpose=MessagePurpose.reminder,
        language=invitation.language,
        subject=subject,
        body=body,
        invitation_id=invitation.id,
        window_audience=invitation.audience,
    )
    invitation.reminded_at = datetime.now(UTC)


def _reminder_in(
    invitation: Invitation, language: Language, tense: Tense | None
) -> tuple[str | None, str]:
    council = get_settings().council_name_in(language)
    if invitation.channel is Channel.email:
        return reminder_email(
            council=council, url=links.stored_link_url(invitation), language=language, tense=tense
        )
    url = links.stored_link_url(invitation) if invitation.mode is InvitationMode.link else None
    return None, texts.reminder(
        council=council, url=url, language=language, audience=invitation.audience, tense=tense
    )


@jobs.handler(invitations.EXPIRE)
def expire(session: Session, payload: dict[str, Any]) -> None:
    """Seven days on: the invitation closes; answers given by text are kept as partial."""
    invitation = session.get(Invitation, payload["invitation_id"], with_for_update=True)
    if invitation is None or invitation.status not in (
        InvitationStatus.sent,
        InvitationStatus.started,
    ):
        return
    conversations.submit_partial(session, invitation)
    invitations.end(session, invitation, status=InvitationStatus.expired, reason="expired")


@jobs.handler(ERASE)
def erase_contacts(session: Session, payload: dict[str, Any]) -> None:
    """Numbers and addresses go some days after the invitation ends (responses never had
    them), except what an open alert may still show. Opt-outs stay, as keyed hashes. The
    daily retention run does the same and counts it; this keeps the clock to the hour."""
    now = datetime.now(UTC)
    settings = get_settings()
    for step in retention_steps.CONTACTS:
        ids = list(session.scalars(step.candidates(now, settings).limit(5000)))
        if ids:
            step.apply(session, ids, now)
    session.flush()


def _address(invitation: Invitation) -> str | None:
    stored = invitation.phone_encrypted or invitation.email_encrypted
    return crypto.decrypt(stored) if stored else None
