"""A duty worker's first minutes with an alert, in a real browser at 1280 px and 360 px, with
and without JavaScript: the email's link opens the alert after signing in; the page says who,
how, where and when; the invited parent's number is revealed on asking; the worker takes the
alert on and refers it in one step. Every page passes axe-core; screenshots are kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models.enums import AlertSource, Audience, Channel, Role
from tests import factories
from tests.api.alerts.alerting import PHONE, alert, invitation
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server


@pytest.fixture
def duty(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    now = datetime.now(UTC)
    with Session(fresh_database.engine) as session, session.begin():
        worker = factories.staff_user(session, Role.manager, teams=["front-door"])
        parent = invitation(session, team="front-door", case_ref="CP-20931")
        wanted = alert(
            session,
            team="front-door",
            invitation_id=parent.id,
            audience=Audience.parent_carer,
            channel=Channel.sms,
            categories=["domestic_abuse"],
            raised_at=now - timedelta(minutes=4),
        ).public_id
        # The rest of a realistic morning's queue.
        alert(session, team="front-door", source=AlertSource.child_request)
        alert(session, team="front-door", raised_at=now - timedelta(hours=2))
        email = worker.email
    with live_server() as base:
        yield {"base": base, "email": email, "alert": wanted}
    get_settings.cache_clear()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [1280, 360])
def test_a_duty_worker_opens_the_alert_from_the_email_and_refers_it(
    browser, duty, width, javascript
):
    base, wanted = duty["base"], f"{duty['base']}/staff/alerts/{duty['alert']}"
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, java_script_enabled=javascript
    )
    page = context.new_page()
    name = f"duty-{width}-{'js' if javascript else 'nojs'}"

    def look(step: str) -> None:
        if javascript:  # axe-core is a script: it runs where scripts do
            check_accessibility(page, f"{name}-{step}")
        else:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{step}.png"), full_page=True)
        wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not wide, f"{step} scrolls sideways at {width} px"

    # The link in the email, signed out: the sign-in page, then the alert itself.
    page.goto(wanted)
    page.wait_for_url("**/staff/login?next=**")
    look("1-sign-in")
    page.fill("#email", duty["email"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(wanted)
    main = page.inner_text("main")
    for words in (
        "A parent or carer",
        "Text message",
        "Front door (first contact and assessment)",
        "CP-20931",
        "Nobody yet",
        "Domestic abuse",
    ):
        assert words in main, words
    assert "Said" in main and PHONE not in main
    look("2-alert")

    page.click("button:has-text('Show contact details')")
    page.wait_for_selector(f"a[href='tel:{PHONE.replace(' ', '')}']")
    assert "Your viewing has been recorded" in page.inner_text("#contact ~ p, main")
    look("3-contact")

    page.click("button:has-text('Assign to me')")
    page.wait_for_selector("text=You now hold this alert")
    look("4-assigned")

    page.check("input[name='status'][value='referred']")
    page.fill("#note", "Referred to MASH, ref 5521; strategy discussion booked")
    page.click("button:has-text('Save decision')")
    page.wait_for_selector("text=The alert is now referred")
    history = page.inner_text("main")
    assert "Acknowledged, by" in history and "Referred to children's social care, by" in history
    assert f"Assigned to {duty['email']}" in history
    look("5-referred")

    page.goto(f"{base}/staff/alerts")
    queue = page.inner_text("main")
    assert "A child or young person" in queue and "Asked for help" in queue
    look("6-queue")
    context.close()
