"""The SMS simulator on a phone-sized screen, by keyboard: a survey by text without a phone,
and every page of it passes axe-core with no serious or critical violations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import api.tasks  # noqa: F401 - the worker's job handlers
from api.config import get_settings
from api.jobs import Worker
from api.messaging.dispatch import Dispatcher
from api.models import OutboundMessage, Response, SafeguardingAlert
from api.models.enums import Channel, MessagePurpose
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_young_person_form import PHONE, check_accessibility, tab_to


def test_a_parent_answers_by_text_in_the_simulator(browser, live, monkeypatch):
    monkeypatch.setenv("YOUSAID_SMS_PER_SECOND", "0")  # no waiting a second a text
    get_settings.cache_clear()
    base, (database, _) = live
    sessions = sessionmaker(database.engine, expire_on_commit=False)

    def worker_runs() -> None:  # what `yousaid serve`'s in-process worker does every 2 s
        Worker(sessions, "e2e").run_until_idle()
        Dispatcher(sessions, "e2e").run_until_idle()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/sms/simulator")
    check_accessibility(page, "simulator-start")
    page.select_option("#role", "parent")
    page.select_option("#event", "case_closed")
    tab_to(page, "form[action='/sms/simulator/start'] button[type=submit]")
    with page.expect_navigation():  # the post, then the redirect back to the phone
        page.keyboard.press("Enter")
    worker_runs()
    page.goto(f"{base}/sms/simulator")
    assert "1/10 I felt listened to and understood" in page.content()
    check_accessibility(page, "simulator-thread")
    for reply in ["5"] * 8 + ["Ring back when you say you will", "skip"]:
        tab_to(page, "#body")
        page.keyboard.type(reply)
        tab_to(page, "form[action='/sms/simulator/reply'] button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        worker_runs()
        page.goto(f"{base}/sms/simulator")
    assert "Thank you. Your answers help us get better." in page.content()
    check_accessibility(page, "simulator-done")
    context.close()

    with Session(database.engine) as session:
        assert session.scalar(select(Response.channel)) is Channel.sms


def test_a_text_after_the_thank_you_gets_the_not_watched_reply_and_raises_an_alert(
    browser, live, monkeypatch
):
    monkeypatch.setenv("YOUSAID_SMS_PER_SECOND", "0")
    get_settings.cache_clear()
    base, (database, _) = live
    sessions = sessionmaker(database.engine, expire_on_commit=False)

    def worker_runs() -> None:
        Worker(sessions, "e2e").run_until_idle()
        Dispatcher(sessions, "e2e").run_until_idle()

    def send(page, reply: str) -> None:  # type: ignore[no-untyped-def]
        page.fill("#body", reply)
        with page.expect_navigation():
            page.click("form[action='/sms/simulator/reply'] button[type=submit]")
        worker_runs()
        page.goto(f"{base}/sms/simulator")

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/sms/simulator")
    page.select_option("#role", "parent")
    page.select_option("#event", "case_closed")
    with page.expect_navigation():
        page.click("form[action='/sms/simulator/start'] button[type=submit]")
    worker_runs()
    page.goto(f"{base}/sms/simulator")
    assert "We pass on worries about a child" in page.content()
    for reply in ["4"] * 8 + ["They were kind", "skip"]:
        send(page, reply)
    assert "This number is not watched. If a child is in danger call 999." in page.content()
    words = "also he has a knife and says he will hurt them tonight"
    send(page, words)
    thread = page.content()
    assert "this number is not watched all the time" in thread
    assert "call 999, or call us on" in thread
    page.screenshot(path=str(ARTIFACTS / "sms-after-the-survey.png"), full_page=True)
    check_accessibility(page, "simulator-after-the-survey")
    context.close()

    with Session(database.engine) as session:
        [alert] = session.scalars(select(SafeguardingAlert)).all()
        assert alert.channel is Channel.sms and alert.inbound_message_id is not None
        replies = session.scalars(
            select(OutboundMessage.body).where(OutboundMessage.purpose == MessagePurpose.help)
        ).all()
        assert len(replies) == 1 and "knife" not in replies[0]
