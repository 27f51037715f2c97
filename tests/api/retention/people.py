"""A person as the service holds them: invited by text for a case, answered with their own
words (analysed, so a redacted copy sits beside the raw one), sent a text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.core import crypto
from api.invitations.contacts import normalise_phone
from api.models import Answer, OutboundMessage, Response
from api.models.enums import Channel, Language, MessagePurpose, MessageStatus
from tests import factories
from tests.api.alerts.alerting import invitation

PHONE = "07700 900461"
# Names and a number in the words, so the redacted copy differs from the raw one.
WORDS = "Sarah Jones never rang me back on 07700 900461, and I waited for weeks every time"


def invited(db, *, phone=PHONE, case_ref="CASE-5521", team="north"):
    e164 = normalise_phone(phone)
    row = invitation(db, team=team, phone=phone, case_ref=case_ref)
    row.contact_hash = crypto.contact_hash(e164)
    db.add(
        OutboundMessage(
            invitation_id=row.id,
            channel=Channel.sms,
            purpose=MessagePurpose.invitation,
            language=Language.en,
            recipient_encrypted=crypto.encrypt(e164),
            recipient_hash=crypto.contact_hash(e164),
            body="Tell us what it was like: https://example.test/i/abc",
            status=MessageStatus.sent,
        )
    )
    db.flush()
    return row


def answered(db, invited_row=None, *, words=WORDS, team="north", days_ago=0, name=None):
    """A response (linked to the invitation, if any) with free text, analysed."""
    when = datetime.now(UTC) - timedelta(days=days_ago)
    result = factories.response(
        db,
        team=team,
        submitted_at=when,
        respondent_name=name,
        answers=factories.parent_answers(one_thing_to_change=words),
    )
    response = db.get(Response, result.response.id)
    if invited_row is not None:
        response.invitation_id = invited_row.id
    db.flush()
    answer_analysis.analyse_response(db, response_id=response.id)
    return response


def free_text_answer(db, response) -> Answer:
    return db.scalar(
        select(Answer)
        .where(Answer.response_id == response.id, Answer.text.is_not(None))
        .order_by(Answer.id)
    )
