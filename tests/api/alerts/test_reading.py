"""What the alert page reads about the person: the words from wherever they were said, the
contact details while kept, each only for raw roles and audited; who was told, with the
attempts from each job row."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.accounts.scope import Scope
from api.alerts import reading
from api.core import crypto
from api.core.errors import Forbidden
from api.models import AlertNotification, AuditEvent, FormDraft, InboundMessage, Job
from api.models.enums import AlertSource, Channel, Role
from tests import factories
from tests.api.alerts.alerting import PHONE, alert, invitation

OFFICER = Scope(role=Role.rights_team, label="officer@council.example")


def audits(db, action: str) -> int:
    return db.scalar(select(func.count()).where(AuditEvent.action == action)) or 0


def draft(db, answers: dict) -> FormDraft:
    row = FormDraft(
        token_hash=uuid.uuid4().hex,
        survey_key="young-person",
        survey_version=1,
        context={},
        answers=answers,
    )
    db.add(row)
    db.flush()
    return row


def test_the_words_of_a_form_still_being_filled_in_are_its_free_text(db):
    saved = draft(db, {"worker_listened": 2, "worries": "my step dad hits me", "wishes": " "})
    made = alert(db, draft_id=saved.id)
    assert reading.words(db, OFFICER, made) == "my step dad hits me"
    assert audits(db, "alert.view_text") == 1


def test_the_words_of_a_text_outside_a_survey_are_decrypted(db):
    message = InboundMessage(
        provider_id=uuid.uuid4().hex,
        channel=Channel.sms,
        sender_hash="x" * 64,
        kept_body_encrypted=crypto.encrypt("he has a knife"),
    )
    db.add(message)
    db.flush()
    made = alert(db, inbound_message_id=message.id, channel=Channel.sms)
    assert reading.words(db, OFFICER, made) == "he has a knife"


def test_a_child_who_asked_with_no_words_is_said_so(db):
    made = alert(db, source=AlertSource.child_request)
    assert reading.words(db, OFFICER, made) == reading.NO_WORDS
    assert audits(db, "alert.view_text") == 1


def test_a_practitioner_cannot_read_the_words_or_the_contact(db):
    made = alert(db, invitation_id=invitation(db).id)
    practitioner = factories.scope_of(Role.practitioner)
    with pytest.raises(Forbidden):
        reading.words(db, practitioner, made)
    with pytest.raises(Forbidden):
        reading.contact(db, practitioner, made)
    assert audits(db, "alert.view_text") + audits(db, "alert.view_contact") == 0


def test_an_invited_persons_number_is_revealed_and_audited(db):
    invited = invitation(db)
    made = alert(db, invitation_id=invited.id)
    assert reading.has_contact(db, made)
    shown = reading.contact(db, OFFICER, made)
    assert shown.phone == PHONE and shown.invited and shown.erased_at is None
    assert audits(db, "alert.view_contact") == 1


def test_an_ended_invitation_says_until_when_its_number_is_kept(db):
    ended = datetime.now(UTC) - timedelta(days=2)
    made = alert(db, invitation_id=invitation(db, ended_at=ended).id)
    shown = reading.contact(db, OFFICER, made)
    assert shown.kept_until is not None and shown.kept_until.date() > ended.date()


def test_an_erased_number_is_said_to_be_no_longer_kept(db):
    erased = datetime.now(UTC) - timedelta(days=1)
    invited = invitation(db, phone=None, contact_erased_at=erased)
    shown = reading.contact(db, OFFICER, alert(db, invitation_id=invited.id))
    assert shown.phone is None and shown.erased_at is not None


def test_what_an_anonymous_child_offered_is_revealed(db):
    made = alert(db, team=None, source=AlertSource.child_request)
    assert not reading.has_contact(db, made)
    made.offered_contact_encrypted = crypto.encrypt("at school, Year 6, Ms Jones")
    assert reading.has_contact(db, made)
    assert reading.contact(db, OFFICER, made).offered == "at school, Year 6, Ms Jones"


def test_who_was_told_carries_the_jobs_attempts_and_last_error(db):
    made = alert(db)
    notification = db.scalar(select(AlertNotification).where(AlertNotification.alert_id == made.id))
    job = db.scalar(select(Job).where(Job.unique_key == f"alerts.notify:{notification.id}"))
    job.attempts, job.last_error = 2, "SMTP refused"
    db.flush()
    (told,) = reading.tellings(db, made)
    assert told.attempts == 2 and told.last_error == "SMTP refused"
    assert told.recipients_label == notification.recipients_label
