"""The SMS simulator under `make run`: a survey by text in the browser, without a phone."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.core.config import get_settings
from api.jobs.queue import Worker
from api.main import create_app
from api.messaging.dispatch import Dispatcher
from api.models import Response
from api.models.enums import Channel
from tests import factories


def csrf(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


@pytest.fixture
def simulator(fresh_database, use_database, monkeypatch):
    monkeypatch.setenv("YOUSAID_SMS_PER_SECOND", "0")  # the test need not wait a second a text
    use_database(fresh_database)
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
    with sessions() as session, session.begin():
        factories.team(session, "north-cin")
    with TestClient(create_app()) as client:

        def work():
            Worker(sessions, "sim").run_until_idle()
            Dispatcher(sessions, "sim").run_until_idle()

        yield client, work, sessions


def test_a_person_can_chat_with_a_survey_without_a_phone(simulator):
    client, work, sessions = simulator
    page = client.get("/sms/simulator")
    assert page.status_code == 200 and "Start a new conversation" in page.text
    client.post(
        "/sms/simulator/start",
        data={"csrf": csrf(page), "role": "parent", "event": "case_closed", "team": "north-cin"},
    )
    work()
    thread = client.get("/sms/simulator")
    assert "1/10 I felt listened to and understood" in thread.text
    assert "07700 900" in thread.text or "+447700900" in thread.text
    for reply in ["5"] * 8 + ["<script>alert(1)</script>", "skip"]:
        client.post("/sms/simulator/reply", data={"csrf": csrf(thread), "body": reply})
        work()
        thread = client.get("/sms/simulator")
    assert "Thank you. Your answers help us get better." in thread.text
    assert "<script>alert(1)</script>" not in thread.text  # shown escaped, never run
    assert "&lt;script&gt;" in thread.text
    with sessions() as session:
        [response] = session.scalars(select(Response)).all()
    assert response.channel is Channel.sms


def test_the_page_refreshes_itself_while_a_text_is_on_its_way(simulator):
    client, work, _ = simulator
    page = client.get("/sms/simulator")
    client.post("/sms/simulator/start", data={"csrf": csrf(page), "role": "carer"})
    waiting = client.get("/sms/simulator")
    assert 'http-equiv="refresh"' in waiting.text
    work()
    assert 'http-equiv="refresh"' not in client.get("/sms/simulator").text


def test_a_post_without_the_token_does_nothing(simulator):
    client, _, _ = simulator
    refused = client.post("/sms/simulator/start", data={"role": "parent"}, follow_redirects=False)
    assert refused.status_code == 303
    assert client.cookies.get("ys_sim_phone") is None


def test_the_simulator_is_not_there_when_texts_reach_real_phones(client, monkeypatch):
    monkeypatch.setenv("YOUSAID_SMS_PROVIDER", "twilio")
    monkeypatch.setenv("YOUSAID_TWILIO_ACCOUNT_SID", "AC1")
    monkeypatch.setenv("YOUSAID_TWILIO_AUTH_TOKEN", "x")
    monkeypatch.setenv("YOUSAID_TWILIO_FROM", "+447700900001")
    get_settings.cache_clear()
    try:
        assert client.get("/sms/simulator").status_code == 404
        assert client.post("/sms/simulator/reply", data={"body": "hi"}).status_code == 404
    finally:
        get_settings.cache_clear()


def test_the_welsh_simulator_names_its_choices_in_welsh(simulator):
    client, _, _ = simulator
    page = client.get("/sms/simulator", params={"lang": "cy"}).text
    assert ">Rhiant<" in page and ">Person ifanc<" in page
    assert "Achos wedi cau" in page and "case closed" not in page
    assert "Ddim yn hysbys: negeseuon testun yn y ddwy iaith" in page


def test_a_conversation_with_no_known_language_comes_in_both(simulator):
    client, work, _ = simulator
    page = client.get("/sms/simulator")
    client.post(
        "/sms/simulator/start",
        data={"csrf": csrf(page), "role": "parent", "event": "case_closed", "language": "unknown"},
    )
    work()
    thread = client.get("/sms/simulator").text
    assert "Demo Council: " in thread and "Cyngor Demo: " in thread
