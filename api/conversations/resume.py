"""START after STOP: an unfinished survey by text carries on where it stopped."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.conversations.replies import reply, tense_of
from api.invitations import service as invitations
from api.invitations.language import written_for
from api.models import Invitation
from api.models.enums import Channel, InvitationMode, InvitationStatus, MessagePurpose
from api.surveys import library
from channels.sms import conversation


def resume(session: Session, sender_hash: str, sender: str | None) -> bool:
    """START after STOP: an unfinished, unexpired survey by text carries on at the question it
    stopped on (asked again). What was answered before is already a partial response."""
    invitation = session.scalar(
        select(Invitation)
        .where(
            Invitation.contact_hash == sender_hash,
            Invitation.channel == Channel.sms,
            Invitation.mode == InvitationMode.conversational,
            Invitation.status == InvitationStatus.cancelled,
            Invitation.ended_reason == "opted_out",
        )
        .order_by(Invitation.id.desc())
        .limit(1)
        .with_for_update()
    )
    if invitation is None:
        return False
    expires = invitation.expires_at
    if expires is not None:
        expires = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
        if expires <= datetime.now(UTC):
            return False
    asked = conversation.questions(invitations.survey_definition(session, invitation))
    if invitation.question_index >= len(asked):
        return False
    invitation.status = InvitationStatus.started
    invitation.ended_at = None
    invitation.ended_reason = None
    invitation.reasked = False
    invitation.answers = {}
    if sender:
        question = asked[invitation.question_index]
        reply(
            session,
            sender,
            MessagePurpose.question,
            invitation.language,
            invitation.id,
            written_for(
                invitation,
                lambda language: conversation.question_message(
                    question,
                    number=invitation.question_index + 1,
                    total=len(asked),
                    language=language,
                    tense=tense_of(session, invitation),
                    scales=library.scales(),
                ),
            ),
        )
    return True
