"""The whole path, as the people on it live it: a child scans a poster and presses "Yes, I want
someone to talk to me"; the duty team's email arrives within 10 seconds, with no words in it;
the duty worker signs in from its link and the alert page says who, how, where and when."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.jobs import worker
from api.models import CollectionPoint, QrPlacement
from api.models.enums import Language, Role
from api.qr import service as placements
from tests import factories
from tests.e2e.test_young_person_form import PHONE, check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server


@pytest.fixture
def site(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    outbox = tmp_path / "mail"
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(outbox))
    monkeypatch.setenv("YOUSAID_DUTY_EMAILS", "duty@council.example")
    monkeypatch.setenv("YOUSAID_OFFICE_HOURS", "Mon-Sun 00:00-23:59")
    get_settings.cache_clear()
    with Session(fresh_database.engine) as session, session.begin():
        team = factories.team(session, "front-door")
        closure = session.scalar(select(CollectionPoint.id).where(CollectionPoint.key == "closure"))
        placement = QrPlacement(
            code=placements.new_code(),
            survey_key="young-person",
            language=Language.en,
            team_id=team.id,
            collection_point_id=closure,
            location="Family Centre reception",
        )
        session.add(placement)
        duty = factories.staff_user(session, Role.manager, teams=["front-door"]).email
        session.flush()
        code = placement.code
    background, stop = worker.start_in_thread(poll_seconds=0.2)
    try:
        with live_server() as base:
            yield {"base": base, "code": code, "duty": duty, "outbox": outbox}
    finally:
        stop.set()
        background.join(timeout=5)
        get_settings.cache_clear()


def wait_for_email(outbox, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = sorted(outbox.glob("*.eml")) if outbox.exists() else []
        if found:
            return message_from_bytes(found[0].read_bytes(), policy=policy.default)
        time.sleep(0.1)
    return None


def test_a_child_asks_for_help_and_the_duty_worker_opens_the_alert(browser, site):
    child = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = child.new_page()
    page.goto(f"{site['base']}/q/{site['code']}")
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/1")
    page.get_by_text("Yes, I want someone to talk to me").click()
    pressed = time.monotonic()
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/help-now?**")
    check_accessibility(page, "child-asks-for-help-next-page")
    assert "0800 1111" in page.inner_text("main") or "0800 1111" in page.content()
    child.close()

    message = wait_for_email(site["outbox"], 10)
    assert message is not None, "no email to the duty team within 10 seconds"
    assert time.monotonic() - pressed < 10
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "asked for someone to talk to them" in body
    link = re.search(r"https?://\S+/staff/alerts/[0-9a-f-]{36}", body.replace("=\n", ""))
    assert link, body
    path = "/staff/alerts/" + link.group(0).rsplit("/", 1)[1]

    duty = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = duty.new_page()
    page.goto(site["base"] + path)
    page.wait_for_url("**/staff/login?next=**")
    page.fill("#email", site["duty"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(site["base"] + path)
    shown = page.inner_text("main")
    check_accessibility(page, "duty-worker-opens-the-childs-alert")
    for words in ("child or young person", "QR", "Closure", "asked"):
        assert words.lower() in shown.lower(), f"{words!r} not on the alert page:\n{shown}"
    duty.close()
