"""An invitation's later life: the one reminder, expiry, email links, and erasing contacts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.core.config import get_settings
from api.invitations import links, tasks
from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn
from api.jobs.queue import Worker
from api.messaging.dispatch import Dispatcher
from api.models import InboundMessage, Invitation, Job, OptOut, OutboundMessage, Response
from api.models.enums import (
    Completeness,
    InvitationStatus,
    MessagePurpose,
    MessageStatus,
)
from tests.smtp import smtp_server


def invite(sessions, contact, event="case_closed"):
    with sessions() as session, session.begin():
        invitations.receive_case_event(
            session,
            event=CaseEventIn.model_validate(
                {
                    "event_id": f"e-{contact.get('phone') or contact.get('email')}",
                    "case_ref": "C-1",
                    "event": event,
                    "team": "north-cin",
                    "occurred_at": datetime(2026, 11, 20, 10, tzinfo=UTC),
                    "contacts": [contact],
                }
            ),
        )
        return session.scalar(select(Invitation).order_by(Invitation.id.desc()))


def send_due(sessions, at=None):
    with sessions() as session:
        due = session.scalar(
            select(OutboundMessage.send_after)
            .where(OutboundMessage.status == MessageStatus.pending)
            .order_by(OutboundMessage.send_after)
            .limit(1)
        )
    moment = at or max(due or datetime.now(UTC), datetime.now(UTC))
    Dispatcher(sessions, "t", clock=lambda: moment).run_until_idle()
    return moment


def run_job(sessions, kind, invitation_id):
    with sessions() as session, session.begin():
        session.execute(
            update(Job)
            .where(Job.kind == kind, Job.payload["invitation_id"].as_integer() == invitation_id)
            .values(run_after=datetime.now(UTC) - timedelta(seconds=1))
        )
    Worker(sessions, "t").run_until_idle()


def test_a_reminder_goes_once_after_48_hours_if_they_have_not_started(sessions):
    invitation = invite(sessions, {"role": "young_person", "phone": "07700 900100"})
    sent_at = send_due(sessions)
    with sessions() as session:
        remind = session.scalar(select(Job).where(Job.kind == invitations.REMIND))
        assert remind.run_after == sent_at + timedelta(hours=48)
        expire = session.scalar(select(Job).where(Job.kind == invitations.EXPIRE))
        assert expire.run_after == sent_at + timedelta(days=7)
    run_job(sessions, invitations.REMIND, invitation.id)
    with sessions() as session:
        [reminder] = session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == MessagePurpose.reminder)
        ).all()
        assert "/i/" in reminder.body and reminder.uses_window
    run_job(sessions, invitations.REMIND, invitation.id)  # a repeat adds nothing
    with sessions() as session:
        assert len(session.scalars(select(OutboundMessage)).all()) == 2


def test_a_front_door_reminder_speaks_of_the_help_still_going_on_and_echoes_nothing(sessions):
    invitation = invite(
        sessions,
        {"role": "young_person", "phone": "07700 900109", "language": "en"},
        event="front_door_completed",
    )
    send_due(sessions)
    with sessions() as session, session.begin():
        # Whatever was answered before (here, words kept on the invitation), never echoed.
        session.get(Invitation, invitation.id).answers = {"worries": "my step dad"}
    run_job(sessions, invitations.REMIND, invitation.id)
    with sessions() as session:
        [reminder] = session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == MessagePurpose.reminder)
        ).all()
    assert "the help you are getting" in reminder.body and "the help you got" not in reminder.body
    assert "step dad" not in reminder.body


def test_a_front_door_email_and_its_reminder_say_how_it_is_going(sessions):
    invitation = invite(
        sessions,
        {"role": "partner", "email": "dsl@school.example.org", "language": "en"},
        event="front_door_completed",
    )
    send_due(sessions)
    run_job(sessions, invitations.REMIND, invitation.id)
    with sessions() as session:
        sent = {m.purpose: m for m in session.scalars(select(OutboundMessage))}
    assert "is going" in sent[MessagePurpose.invitation].subject
    assert "how working with us is going" in sent[MessagePurpose.reminder].body
    assert "went" not in sent[MessagePurpose.reminder].body


def test_no_reminder_once_they_have_started(sessions):
    invitation = invite(sessions, {"role": "young_person", "phone": "07700 900101"})
    send_due(sessions)
    with sessions() as session, session.begin():
        invitations.started(session, session.get(Invitation, invitation.id))
    run_job(sessions, invitations.REMIND, invitation.id)
    with sessions() as session:
        purposes = set(session.scalars(select(OutboundMessage.purpose)))
    assert purposes == {MessagePurpose.invitation}


def test_after_seven_days_a_half_finished_conversation_is_kept_as_partial(sessions):
    invitation = invite(sessions, {"role": "parent", "phone": "07700 900102"})
    send_due(sessions)
    with sessions() as session, session.begin():
        row = session.get(Invitation, invitation.id)
        row.status, row.answers, row.question_index = (
            InvitationStatus.started,
            {"listened_to": 4},
            1,
        )
    run_job(sessions, invitations.EXPIRE, invitation.id)
    with sessions() as session:
        assert session.get(Invitation, invitation.id).status is InvitationStatus.expired
        [response] = session.scalars(select(Response)).all()
        assert response.completeness is Completeness.partial


def test_an_expired_invitation_sends_nothing_more(sessions):
    invitation = invite(sessions, {"role": "parent", "phone": "07700 900103"})
    with sessions() as session, session.begin():
        session.get(Invitation, invitation.id).status = InvitationStatus.expired
    send_due(sessions)
    with sessions() as session:
        assert session.scalar(select(OutboundMessage.status)) is MessageStatus.cancelled


def test_a_partner_with_only_email_gets_the_link_by_smtp(sessions, monkeypatch):
    with smtp_server() as (port, inbox):
        monkeypatch.setenv("YOUSAID_EMAIL_PROVIDER", "smtp")
        monkeypatch.setenv("YOUSAID_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("YOUSAID_SMTP_PORT", str(port))
        get_settings.cache_clear()
        invitation = invite(sessions, {"role": "partner", "email": "dsl@school.example.org"})
        send_due(sessions)
    [mail] = inbox.messages
    assert mail["To"] == "dsl@school.example.org"
    assert "children's services" in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert links.link_token(invitation.public_id) in body
    with sessions() as session:
        assert session.get(Invitation, invitation.id).status is InvitationStatus.sent


def test_contact_details_are_erased_thirty_days_after_the_end_but_opt_outs_stay(sessions):
    invitation = invite(sessions, {"role": "parent", "phone": "07700 900104"})
    send_due(sessions)
    long_ago = datetime.now(UTC) - timedelta(days=31)
    with sessions() as session, session.begin():
        row = session.get(Invitation, invitation.id)
        invitations.end(session, row, status=InvitationStatus.cancelled, reason="opted_out")
        row.ended_at = long_ago
        session.execute(update(OutboundMessage).values(created_at=long_ago))
        session.add(OptOut(contact_hash=row.contact_hash, source="keyword", language="en"))
        session.add(
            InboundMessage(
                provider_id="SM1",
                channel="sms",
                sender_hash="h",
                sender_encrypted="x",
                body="STOP",
                received_at=long_ago,
            )
        )
    with sessions() as session, session.begin():
        tasks.erase_contacts(session, {})
    with sessions() as session:
        row = session.get(Invitation, invitation.id)
        assert row.phone_encrypted is None and row.contact_hash is None
        assert row.contact_erased_at is not None
        message = session.scalar(select(OutboundMessage))
        assert message.recipient_encrypted is None and message.body == ""
        inbound = session.scalar(select(InboundMessage))
        assert inbound.sender_encrypted is None and inbound.body is None
        assert session.scalar(select(OptOut)) is not None


def test_recent_contact_details_are_kept(sessions):
    invite(sessions, {"role": "parent", "phone": "07700 900105"})
    with sessions() as session, session.begin():
        tasks.erase_contacts(session, {})
    with sessions() as session:
        assert session.scalar(select(Invitation.phone_encrypted)) is not None


def test_a_kept_text_loses_its_words_on_the_same_clock_but_only_once_read(sessions):
    long_ago = datetime.now(UTC) - timedelta(days=31)
    with sessions() as session, session.begin():
        for sid, read in (("SMread", long_ago), ("SMunread", None)):
            session.add(
                InboundMessage(
                    provider_id=sid,
                    channel="sms",
                    sender_hash="h",
                    kept_body_encrypted="token",
                    received_at=long_ago,
                    read_at=read,
                )
            )
    with sessions() as session, session.begin():
        tasks.erase_contacts(session, {})
    with sessions() as session:
        kept = dict(
            session.execute(select(InboundMessage.provider_id, InboundMessage.kept_body_encrypted))
            .tuples()
            .all()
        )
    assert kept == {"SMread": None, "SMunread": "token"}
