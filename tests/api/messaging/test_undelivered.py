"""What did not arrive, for staff: their teams' only, why in plain words, never the words."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope
from api.core.errors import Forbidden
from api.messaging import service as messages
from api.messaging import undelivered
from api.models import Invitation, OutboundMessage, Survey
from api.models.enums import Audience, Channel, Language, MessagePurpose, MessageStatus, Role
from tests import factories


def not_arrived(
    db, *, team: str | None, code: str | None = None, status: MessageStatus = MessageStatus.failed
) -> OutboundMessage:
    invitation_id = None
    if team is not None:
        invitation = Invitation(
            public_id=str(uuid.uuid4()), token_hash=uuid.uuid4().hex,
            survey_id=db.scalar(select(Survey.id).limit(1)), team_id=factories._team(db, team).id,
            audience=Audience.parent_carer, language=Language.en, channel=Channel.sms,
            case_ref=f"CASE-{team}",
        )  # fmt: skip
        db.add(invitation)
        db.flush()
        invitation_id = invitation.id
    message = messages.queue(
        db, channel=Channel.sms, recipient="+447700900123", purpose=MessagePurpose.invitation,
        language=Language.en, body="Tell us", invitation_id=invitation_id,
    )  # fmt: skip
    message.status, message.error_code = status, code
    db.flush()
    return message


def scope(db, role: Role, team: str) -> Scope:
    return Scope(role=role, label="someone", team_ids=frozenset({factories.team(db, team).id}))


def test_a_manager_sees_their_teams_failures_with_why_and_never_the_words(db):
    mine = not_arrived(db, team="north", code="notify-permanent")
    not_arrived(db, team="south", code="notify-permanent")
    not_arrived(db, team=None, code="notify-permanent")
    delivered = not_arrived(db, team="north", status=MessageStatus.delivered)
    [shown] = undelivered.list_not_arrived(db, scope(db, Role.manager, "north"))
    assert shown.id == mine.id != delivered.id
    assert shown.what == "Invitation to a survey" and shown.by == "Text"
    assert shown.why.startswith("The number or address does not work")
    assert shown.case_ref == "CASE-north"
    assert not any("Tell us" in str(v) for v in vars(shown).values())


@pytest.mark.parametrize(
    ("code", "status", "starts"),
    [
        ("notify-temporary", MessageStatus.undelivered, "The phone was off"),
        ("notify-technical", MessageStatus.failed, "A fault at Notify"),
        ("21610", MessageStatus.failed, "The number has stopped texts"),
        (None, MessageStatus.undelivered, "The phone network could not deliver it"),
        ("30003", MessageStatus.failed, "The provider refused it (code 30003)"),
    ],
)
def test_why_is_said_in_plain_words(db, code, status, starts):
    message = not_arrived(db, team="north", code=code, status=status)
    assert undelivered.why(message).startswith(starts)


def test_practitioners_are_not_shown_the_list(db):
    with pytest.raises(Forbidden):
        undelivered.list_not_arrived(db, scope(db, Role.practitioner, "north"))
