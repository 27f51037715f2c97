"""A person's language: recorded from the first contact that says, used for every later
message, and both languages (in the council's order) while nobody knows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from api.core.config import get_settings
from api.forms import service as forms
from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn
from api.models import ContactLanguage, Invitation, OutboundMessage
from api.models.enums import Channel, Language, LanguageSource, MessagePurpose
from tests.api.invitations.test_tasks import run_job, send_due


def invite(sessions, contact, event_id="e-1"):
    with sessions() as session, session.begin():
        invitations.receive_case_event(
            session,
            event=CaseEventIn.model_validate(
                {
                    "event_id": event_id,
                    "case_ref": "C-1",
                    "event": "case_closed",
                    "team": "north-cin",
                    "occurred_at": datetime(2026, 11, 20, 10, tzinfo=UTC),
                    "contacts": [contact],
                }
            ),
        )
        return session.scalar(select(Invitation).order_by(Invitation.id.desc()))


def messages(sessions, purpose):
    with sessions() as session:
        return session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == purpose)
        ).all()


def test_an_email_to_someone_whose_language_is_unknown_is_in_both(sessions, monkeypatch):
    monkeypatch.setenv("YOUSAID_LANGUAGE_ORDER", "cy-en")
    get_settings.cache_clear()
    invitation = invite(sessions, {"role": "partner", "email": "dsl@school.example.org"})
    assert invitation.language is Language.cy and invitation.language_known is False
    [email] = messages(sessions, MessagePurpose.invitation)
    welsh, english = email.subject.split(" / ")
    assert welsh.startswith("Cyngor Demo: ") and english.startswith("Demo Council: ")
    assert email.body.index("Cyngor Demo") < email.body.index("Demo Council")
    assert email.body.count("/i/") == 2  # the one link, under each language


def test_a_reminder_to_someone_whose_language_is_unknown_is_in_both(sessions):
    invitation = invite(sessions, {"role": "young_person", "phone": "07700 900200"})
    send_due(sessions)
    run_job(sessions, invitations.REMIND, invitation.id)
    [reminder] = messages(sessions, MessagePurpose.reminder)
    english, welsh = reminder.body.split("\n\n")
    assert english.startswith("Demo Council: ") and welsh.startswith("Cyngor Demo: ")


def test_a_known_language_is_written_in_alone(sessions):
    invite(sessions, {"role": "parent", "phone": "07700 900201", "language": "cy"})
    [text] = messages(sessions, MessagePurpose.invitation)
    assert text.body.startswith("Cyngor Demo: ") and "Demo Council" not in text.body


def test_answering_the_form_in_welsh_is_recorded_as_their_choice(sessions):
    invitation = invite(sessions, {"role": "young_person", "phone": "07700 900202"})
    assert invitation.language_known is False
    with sessions() as session, session.begin():
        row = session.get(Invitation, invitation.id)
        definition = invitations.survey_definition(session, row)
        context = forms.FormContext(
            channel=Channel.sms, language=Language.cy, invitation=row.public_id
        )
        token = forms.start(session, survey_key=definition.key, context=context)
        draft = forms.draft(session, token=token, survey_key=definition.key)
        scaled = next(q for q in definition.questions if q.is_scaled)
        forms.save_answer(session, draft, question=scaled, value="4")
        forms.submit(session, draft)
    with sessions() as session:
        row = session.get(Invitation, invitation.id)
        assert row.language is Language.cy and row.language_known is True
        stored = session.scalar(select(ContactLanguage))
        assert (stored.language, stored.source) == (Language.cy, LanguageSource.form)
