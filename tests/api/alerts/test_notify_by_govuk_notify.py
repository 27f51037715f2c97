"""A safeguarding alert's email through GOV.UK Notify: the duty team told at once, a link and
never the words, one notification per address."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models import AlertNotification
from api.models.enums import AlertSource, NotificationStatus
from tests.api.alerts.test_notify import raise_one, worker
from tests.notify_fake import EMAIL_TEMPLATE_ID, fake_notify, notify_env


def test_an_alert_is_emailed_through_notify_with_a_link_and_never_the_words(
    monkeypatch, fresh_database, use_database
):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_DUTY_EMAILS", "duty@council.gov.uk, mash@council.gov.uk")
    monkeypatch.setenv("YOUSAID_OFFICE_HOURS", "Mon-Sun 00:00-23:59")
    monkeypatch.setenv("YOUSAID_BANK_HOLIDAYS", "")
    with fake_notify() as fake:
        notify_env(monkeypatch, fake, email=True, YOUSAID_SMS_PROVIDER="outbox")
        raise_one(fresh_database, "draft:1", AlertSource.child_request)
        worker(fresh_database).run_until_idle()
    get_settings.cache_clear()
    assert [n["email_address"] for n in fake.sent] == ["duty@council.gov.uk", "mash@council.gov.uk"]
    first = fake.sent[0]
    assert first["template_id"] == EMAIL_TEMPLATE_ID
    assert "/staff/alerts/" in first["personalisation"]["body"]
    assert "safeguarding" in first["personalisation"]["subject"].lower()
    with Session(fresh_database.engine) as session:
        notification = session.scalar(select(AlertNotification))
    assert notification is not None and notification.status is NotificationStatus.sent
