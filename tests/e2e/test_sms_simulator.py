"""The SMS simulator on a phone-sized screen, by keyboard: a survey by text without a phone,
and every page of it passes axe-core with no serious or critical violations."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.core.config import get_settings
from api.jobs.queue import Worker
from api.messaging.dispatch import Dispatcher
from api.models import Answer, OptOut, OutboundMessage, Response, SafeguardingAlert
from api.models.enums import Channel, MessagePurpose
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_young_person_form import PHONE, check_accessibility, tab_to


class Phone:
    """The simulator's phone in a browser, with the worker run after each text (what `yousaid
    serve`'s in-process worker does every 2 s)."""

    def __init__(self, browser, live) -> None:  # type: ignore[no-untyped-def]
        self.base, (self.database, _) = live
        self.sessions = sessionmaker(self.database.engine, expire_on_commit=False)
        self.context = browser.new_context(viewport=PHONE)
        self.page = self.context.new_page()

    def worker_runs(self) -> None:
        Worker(self.sessions, "e2e").run_until_idle()
        Dispatcher(self.sessions, "e2e").run_until_idle()

    def start_as_parent(self) -> None:
        self.page.goto(f"{self.base}/sms/simulator")
        self.page.select_option("#role", "parent")
        self.page.select_option("#event", "case_closed")
        with self.page.expect_navigation():
            self.page.click("form[action='/sms/simulator/start'] button[type=submit]")
        self.worker_runs()
        self.page.goto(f"{self.base}/sms/simulator")

    def send(self, reply: str) -> None:
        self.page.fill("#body", reply)
        with self.page.expect_navigation():
            self.page.click("form[action='/sms/simulator/reply'] button[type=submit]")
        self.worker_runs()
        self.page.goto(f"{self.base}/sms/simulator")

    def thread(self) -> str:
        return self.page.content()


@pytest.fixture
def phone(browser, live, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("YOUSAID_SMS_PER_SECOND", "0")  # no waiting a second a text
    get_settings.cache_clear()
    phone = Phone(browser, live)
    yield phone
    phone.context.close()


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


def test_a_text_after_the_thank_you_gets_the_not_watched_reply_and_raises_an_alert(phone):
    phone.start_as_parent()
    assert "We pass on worries about a child" in phone.thread()
    for reply in ["4"] * 8 + ["They were kind", "skip"]:
        phone.send(reply)
    assert "This number is not watched. If a child is in danger call 999." in phone.thread()
    phone.send("also he has a knife and says he will hurt them tonight")
    thread = phone.thread()
    assert "this number is not watched all the time" in thread
    assert "call 999, or call us on" in thread
    phone.page.screenshot(path=str(ARTIFACTS / "sms-after-the-survey.png"), full_page=True)
    check_accessibility(phone.page, "simulator-after-the-survey")

    with Session(phone.database.engine) as session:
        [alert] = session.scalars(select(SafeguardingAlert)).all()
        assert alert.channel is Channel.sms and alert.inbound_message_id is not None
        replies = session.scalars(
            select(OutboundMessage.body).where(OutboundMessage.purpose == MessagePurpose.help)
        ).all()
        assert len(replies) == 1 and "knife" not in replies[0]


def test_a_disclosure_mid_survey_is_told_where_help_is_and_stop_then_start_carries_on(phone):
    phone.start_as_parent()
    phone.send("4")
    phone.send("he has a knife and says he will hurt them tonight")  # instead of a number
    thread = phone.thread()
    assert "this number is not watched all the time" in thread
    assert "Sorry, we did not understand that." in thread
    phone.send("STOP")
    assert "you will not get any more texts from us" in phone.thread()
    phone.send("START")
    assert phone.thread().count("2/10 ") == 2  # question 2 again, where it stopped
    for reply in ["4"] * 7:
        phone.send(reply)
    phone.send("I wish they would leave me alone and stop judging me")  # an answer, not STOP
    phone.send("skip")
    assert "Thank you. Your answers help us get better." in phone.thread()
    phone.page.screenshot(path=str(ARTIFACTS / "sms-mid-survey.png"), full_page=True)

    with Session(phone.database.engine) as session:
        kept = session.scalars(
            select(SafeguardingAlert).where(SafeguardingAlert.inbound_message_id.is_not(None))
        ).all()
        assert len(kept) == 1  # the knife text, kept for a person to read, raised its alert
        answers = session.scalars(select(Answer.text).where(Answer.text.is_not(None))).all()
        assert answers == ["I wish they would leave me alone and stop judging me"]
        assert session.scalar(select(OptOut.contact_hash)) is None  # START undid the STOP
