"""The one way a reply to a family's phone is queued, and the tense its words take (the
collection point says whether the help is happening or has ended)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.messaging import service as messages
from api.models import CollectionPoint, Invitation
from api.models.enums import Channel, Language, MessagePurpose


def tense_of(session: Session, invitation: Invitation) -> Any:
    point = (
        session.get(CollectionPoint, invitation.collection_point_id)
        if invitation.collection_point_id
        else None
    )
    return point.tense if point else None


def reply(
    session: Session,
    to: str,
    purpose: MessagePurpose,
    language: Language,
    invitation_id: int | None,
    body: str,
) -> None:
    messages.queue(
        session,
        channel=Channel.sms,
        recipient=to,
        purpose=purpose,
        language=language,
        body=body,
        invitation_id=invitation_id,
    )
