"""At night nobody picks up an alert: the out-of-hours team is emailed at once, the alert is
escalated once when its time is up, and the escalation's link, opened in a browser by the
out-of-hours worker, shows the alert raised out of hours with both tellings on it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from api.alerts import notify
from api.core.config import get_settings
from api.models.enums import AlertSource, Role
from tests import factories
from tests.api.alerts.alerting import mail_settings
from tests.api.alerts.test_notify import due_now, raise_one, worker
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server
from tests.smtp import smtp_server


@pytest.fixture
def night(fresh_database, use_database, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        email = factories.staff_user(session, Role.rights_team).email
    with smtp_server() as (port, received), live_server() as base:
        for name, value in {
            **mail_settings(port, base),
            "YOUSAID_OFFICE_HOURS": "",  # the office is never open: it is always night
        }.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        yield {"database": fresh_database, "received": received, "email": email}
    get_settings.cache_clear()


def link_in(message) -> str:  # type: ignore[no-untyped-def]
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"(http://\S+/staff/alerts/[0-9a-f-]+)", body).group(1)


def test_a_late_alert_at_night_escalates_once_and_its_link_opens_the_alert(browser, night):
    database, received = night["database"], night["received"]
    raise_one(database, "draft:1", AlertSource.child_request)
    worker(database).run_until_idle()
    due_now(database, notify.ESCALATE)
    worker(database).run_until_idle()
    due_now(database, notify.ESCALATE)  # done once: nothing more is sent
    worker(database).run_until_idle()

    raised, escalated = received.messages
    assert raised["To"] == "edt@council.example, duty@council.example"
    assert "Not picked up" in escalated["Subject"]
    assert set(escalated["To"].split(", ")) == {
        "edt@council.example",
        "duty@council.example",
        "duty.manager@council.example",
    }
    assert link_in(escalated) == link_in(raised)

    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    page.goto(link_in(escalated))
    page.wait_for_url("**/staff/login?next=**")
    page.fill("#email", night["email"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(link_in(escalated))
    main = page.inner_text("main")
    assert "out of hours" in main
    assert "When raised: out-of-hours team and duty team" in main
    assert "Escalated (late)" in main
    check_accessibility(page, "escalated-alert")
