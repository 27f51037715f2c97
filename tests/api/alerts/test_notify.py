"""Telling people about alerts: at once, one email for alerts raised together, escalated once
when nobody picks one up, the out-of-hours team out of hours; links and who/when/where, never
the words."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from api.alerts import notify, raising
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.models import AlertNotification, Job, SafeguardingAlert
from api.models.enums import (
    AlertSource,
    AlertStatus,
    Audience,
    Channel,
    NotificationPurpose,
    NotificationStatus,
)
from tests.api.alerts.alerting import mail_settings
from tests.smtp import smtp_server

# A Tuesday at 11:00 in London, and the same Tuesday at 22:00; Christmas Day at noon.
IN_HOURS = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
NIGHT = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
CHRISTMAS = datetime(2026, 12, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def mail(monkeypatch, fresh_database, use_database):
    use_database(fresh_database)
    with smtp_server() as (port, received):
        for name, value in {
            **mail_settings(port, "https://yousaid.council.example"),
            # Every hour of every day is office hours, unless a test says otherwise.
            "YOUSAID_OFFICE_HOURS": "Mon-Sun 00:00-23:59",
            "YOUSAID_BANK_HOLIDAYS": "",
        }.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        yield fresh_database, received
    get_settings.cache_clear()


def raise_one(database, key: str, source=AlertSource.analysis) -> int:
    with Session(database.engine) as session, session.begin():
        alert = raising.raise_alert(
            session,
            subject=raising.Subject(
                key=key,
                said_at=datetime.now(UTC) - timedelta(minutes=3),
                audience=Audience.young_person,
                channel=Channel.qr,
            ),
            source=source,
            categories=["unsafe_at_home"],
        )
        assert alert is not None
        return alert.id


def worker(database) -> jobs.Worker:
    return jobs.Worker(sessionmaker(bind=database.engine), "test")


def due_now(database, kind: str) -> None:
    with Session(database.engine) as session, session.begin():
        session.execute(update(Job).where(Job.kind == kind).values(run_after=datetime.now(UTC)))


def test_the_first_alert_is_emailed_at_once_with_a_link_to_its_staff_page(mail):
    database, received = mail
    alert_id = raise_one(database, "draft:1", AlertSource.child_request)
    worker(database).run_until_idle()
    (message,) = received.messages
    with Session(database.engine) as session:
        alert = session.get(SafeguardingAlert, alert_id)
        notification = session.scalar(select(AlertNotification))
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == "duty@council.example"
    assert f"https://yousaid.council.example/staff/alerts/{alert.public_id}" in body
    assert "asked for someone to talk to them" in body
    assert "a child or young person, by web form from a QR code" in body
    assert notification.status is NotificationStatus.sent
    assert notification.recipients_label == "duty team"


def test_alerts_raised_within_a_minute_share_one_email(mail):
    database, received = mail
    raise_one(database, "response:1")
    worker(database).run_until_idle()  # the first goes at once
    raise_one(database, "response:2")
    raise_one(database, "response:3")
    assert worker(database).run_until_idle() == 0  # the others wait for the minute to end
    due_now(database, notify.NOTIFY)
    worker(database).run_until_idle()
    _first, together = received.messages
    body = together.get_body(preferencelist=("plain",)).get_content()
    assert "2 safeguarding alerts" in together["Subject"]
    assert body.count("/staff/alerts/") == 2
    with Session(database.engine) as session:
        ids = set(session.scalars(select(AlertNotification.message_id)))
    assert len(ids) == 2


def test_raising_the_same_subject_again_joins_it_and_tells_nobody_twice(mail):
    database, received = mail
    raise_one(database, "response:9", AlertSource.child_request)
    with Session(database.engine) as session, session.begin():
        again = raising.raise_alert(
            session,
            subject=raising.Subject(key="response:9", said_at=datetime.now(UTC)),
            source=AlertSource.analysis,
            categories=["physical_abuse"],
        )
    assert again is None
    worker(database).run_until_idle()
    assert len(received.messages) == 1
    with Session(database.engine) as session:
        alert = session.scalar(select(SafeguardingAlert))
        assert alert.raised_by is AlertSource.both
        assert alert.categories == ["unsafe_at_home", "physical_abuse"]
        assert session.scalar(select(func.count()).select_from(AlertNotification)) == 1


def test_an_alert_still_new_when_its_time_is_up_is_escalated_once(mail):
    database, received = mail
    raise_one(database, "response:5")
    worker(database).run_until_idle()
    due_now(database, notify.ESCALATE)
    worker(database).run_until_idle()
    due_now(database, notify.ESCALATE)  # nothing left to run: the job was done
    worker(database).run_until_idle()
    _first, escalation = received.messages
    assert "Not picked up" in escalation["Subject"]
    assert escalation["To"] == "duty@council.example, duty.manager@council.example"
    with Session(database.engine) as session:
        purposes = sorted(session.scalars(select(AlertNotification.purpose)))
    assert purposes == [NotificationPurpose.escalation, NotificationPurpose.raised]


def test_an_alert_someone_picked_up_is_not_escalated(mail):
    database, received = mail
    alert_id = raise_one(database, "response:6")
    worker(database).run_until_idle()
    with Session(database.engine) as session, session.begin():
        session.get(SafeguardingAlert, alert_id).status = AlertStatus.acknowledged
    due_now(database, notify.ESCALATE)
    worker(database).run_until_idle()
    assert len(received.messages) == 1


def test_a_mail_server_that_refuses_leaves_the_notification_waiting_and_the_attempt_kept(
    mail, monkeypatch
):
    database, received = mail
    monkeypatch.setenv("YOUSAID_SMTP_PORT", "1")  # nothing listens there
    get_settings.cache_clear()
    raise_one(database, "response:7")
    worker(database).run_until_idle()
    with Session(database.engine) as session:
        notification = session.scalar(select(AlertNotification))
        job = session.scalar(select(Job).where(Job.kind == notify.NOTIFY))
    assert notification.status is NotificationStatus.pending
    assert job.attempts == 1 and job.last_error and job.status.value == "queued"
    assert received.messages == []


def test_out_of_hours_the_out_of_hours_team_is_told_and_the_duty_team_too(monkeypatch):
    monkeypatch.setenv("YOUSAID_DUTY_EMAILS", "duty@council.example")
    monkeypatch.setenv("YOUSAID_OUT_OF_HOURS_EMAILS", "edt@council.example")
    get_settings.cache_clear()
    settings = get_settings()
    day, day_out = notify.recipients_for(settings, IN_HOURS, NotificationPurpose.raised)
    night, night_out = notify.recipients_for(settings, NIGHT, NotificationPurpose.raised)
    holiday, holiday_out = notify.recipients_for(settings, CHRISTMAS, NotificationPurpose.raised)
    assert (day.emails, day_out) == (("duty@council.example",), False)
    assert night_out and night.emails == ("edt@council.example", "duty@council.example")
    assert holiday_out and holiday.label == "out-of-hours team and duty team"
    get_settings.cache_clear()


def test_out_of_hours_only_the_out_of_hours_team_when_the_council_says_so(monkeypatch):
    monkeypatch.setenv("YOUSAID_OUT_OF_HOURS_EMAILS", "edt@council.example")
    monkeypatch.setenv("YOUSAID_OUT_OF_HOURS_TELL_DUTY_TEAM", "false")
    get_settings.cache_clear()
    night, _ = notify.recipients_for(get_settings(), NIGHT, NotificationPurpose.raised)
    assert night.emails == ("edt@council.example",)
    assert night.label == "out-of-hours team"
    get_settings.cache_clear()


def test_an_out_of_hours_alert_is_sent_to_the_out_of_hours_contacts(mail, monkeypatch):
    database, received = mail
    monkeypatch.setenv("YOUSAID_OFFICE_HOURS", "Mon-Fri 09:00-09:01")
    monkeypatch.setenv("YOUSAID_OFFICE_CLOSED_DATES", datetime.now(UTC).date().isoformat())
    get_settings.cache_clear()
    alert_id = raise_one(database, "response:8")
    worker(database).run_until_idle()
    (message,) = received.messages
    assert message["To"] == "edt@council.example, duty@council.example"
    with Session(database.engine) as session:
        assert session.get(SafeguardingAlert, alert_id).out_of_hours is True


def test_the_email_never_carries_the_words(mail):
    database, received = mail
    raise_one(database, "response:10")
    worker(database).run_until_idle()
    (message,) = received.messages
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "The words are not in this email on purpose" in body
    assert "Possible concern: Unsafe at home" in body
