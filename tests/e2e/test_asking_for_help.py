"""A child presses "Yes, I want someone to talk to me": the honest page follows, an alert exists
and the duty team's email is written within 10 seconds, by keyboard, in English and Welsh, at
phone and desktop widths, with and without JavaScript."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import crypto
from api.core.config import get_settings
from api.jobs import worker
from api.models import CollectionPoint, SafeguardingAlert
from api.models.enums import AlertSource, Audience, Channel
from tests.e2e.test_young_person_form import check_accessibility, tab_to

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def duty(monkeypatch, tmp_path):
    monkeypatch.setenv("YOUSAID_DUTY_EMAILS", "duty@council.example")
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    background, stop = worker.start_in_thread(poll_seconds=0.2)
    yield tmp_path / "outbox"
    stop.set()
    background.join(timeout=5)
    get_settings.cache_clear()


def wait_for_alert(database, since: float) -> SafeguardingAlert:
    while time.monotonic() - since < 10:
        with Session(database.engine) as session:
            found = session.scalar(select(SafeguardingAlert))
            if found is not None:
                return found
        time.sleep(0.1)
    raise AssertionError("no alert within 10 seconds")


def wait_for_email(outbox, since: float) -> None:
    while time.monotonic() - since < 10 and not list(outbox.glob("*.eml")):
        time.sleep(0.1)
    assert list(outbox.glob("*.eml")), "no duty email within 10 seconds"


@pytest.mark.parametrize(
    ("language", "viewport", "javascript"),
    [("en", PHONE, True), ("cy", PHONE, True), ("en", DESKTOP, True), ("cy", DESKTOP, False)],
    ids=["en-phone", "cy-phone", "en-desktop", "cy-desktop-no-js"],
)
def test_a_child_asks_for_someone_to_talk_to_them(
    browser, live, duty, language, viewport, javascript
):
    base, (database, codes) = live
    name = f"help-{language}-{viewport['width']}{'' if javascript else '-nojs'}"
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{base}/q/{codes[language]}")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person/1")
    if javascript:
        check_accessibility(page, f"{name}-question")
    else:
        page.screenshot(path=str(_shot(f"{name}-question")), full_page=True)
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")  # the first answer: "Yes, I want someone to talk to me"
    tab_to(page, "button[type=submit]")
    asked_at = time.monotonic()
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person/help-now?next=2")
    text = page.inner_text("main")
    if language == "en":
        assert "So no one can come to you. Tell us who or where you are" in text
        assert "Meic" not in page.content()
    else:
        assert "all neb ddod atat ti" in text and "Meic" in text
    assert page.locator('a[href="tel:08001111"]').count() == 1
    if javascript:
        check_accessibility(page, f"{name}-help-now")
    else:
        page.screenshot(path=str(_shot(f"{name}-help-now")), full_page=True)

    alert = wait_for_alert(database, asked_at)
    assert alert.raised_by is AlertSource.child_request
    assert (alert.audience, alert.channel) == (Audience.young_person, Channel.qr)
    assert alert.said_at is not None
    with Session(database.engine) as session:
        point = session.scalar(
            select(CollectionPoint.key).where(CollectionPoint.id == alert.collection_point_id)
        )
    assert point == "closure"
    wait_for_email(duty, asked_at)

    tab_to(page, "#contact")
    page.keyboard.type("Sam, Ysgol y Graig 😊")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/help-now?next=2&sent=1")
    if javascript:
        check_accessibility(page, f"{name}-sent")
    tab_to(page, 'a[href="/f/young-person/2"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person/2")
    context.close()
    with Session(database.engine) as session:
        kept = session.scalar(select(SafeguardingAlert.offered_contact_encrypted))
    # Stored encrypted: it reads back as they wrote it, and is not the words themselves
    # (a plain "Sam" not in the ciphertext would fail now and then: base64 can spell it).
    assert kept and "Ysgol y Graig" not in kept
    assert crypto.decrypt(kept) == "Sam, Ysgol y Graig 😊"


def _shot(name: str):
    from tests.e2e.conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_youngest_see_a_picture_with_words_and_can_ask_too(browser, live, duty, language):
    base, (database, _) = live
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/f/young-person-under-8?lang={language}")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person-under-8/1")
    picture = page.locator("svg.picture[role=img]")
    assert picture.count() == 1 and picture.get_attribute("aria-label")
    check_accessibility(page, f"under-8-{language}-question")
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person-under-8/help-now?next=2")
    check_accessibility(page, f"under-8-{language}-help-now")
    context.close()
    assert wait_for_alert(database, time.monotonic()).raised_by is AlertSource.child_request


def test_words_in_a_form_closed_straight_after_raise_one_alert_within_ten_seconds(
    browser, live, duty
):
    from datetime import UTC, datetime, timedelta

    from api.forms import service as forms
    from api.models import FormDraft

    base, (database, codes) = live
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/q/{codes['en']}")
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/1")
    page.goto(f"{base}/f/young-person/8")  # the worries page
    page.fill("textarea", "my step dad hits me when mum is out")
    typed_at = time.monotonic()
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/9")  # the next question: the alert is raised
    context.close()  # and the child stops there

    alert = wait_for_alert(database, typed_at)
    assert alert.raised_by is AlertSource.analysis and alert.draft_id is not None
    wait_for_email(duty, typed_at)
    with Session(database.engine) as session, session.begin():  # 48 hours later
        for form in session.scalars(select(FormDraft)):
            form.updated_at = datetime.now(UTC) - timedelta(days=3)
        session.flush()
        forms.finish_stale(session, {})
    time.sleep(3)  # the worker analyses the new partial response
    with Session(database.engine) as session:
        (after,) = session.scalars(select(SafeguardingAlert)).all()
    assert after.id == alert.id and after.response_id is not None
    assert len(list(duty.glob("*.eml"))) == 1
