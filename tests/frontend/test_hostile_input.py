"""Input no browser sends, at the public form and the text-message webhook: each is a clear
4xx or a friendly page, never a 500, and nothing is half-written (issue 16). The API's own
operations are fuzzed from their OpenAPI description (tests/api/test_openapi_fuzz.py); these
routes are not in it."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models import Answer, FormDraft, InboundMessage, Job, Response
from tests import factories
from tests.frontend.test_public import begin, choose_who_reads, csrf
from tests.live import live_server
from tests.twilio_fake import FakeTwilio, inbound_params, signed, twilio_env

FORM = {"content-type": "application/x-www-form-urlencoded"}
INBOUND = "/sms/twilio/inbound"
FREE_TEXT = 7  # the young person's form: 7, 8 and 9 are free text, 9 the last


def count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def draft_answers(db) -> dict:
    return dict(db.scalar(select(FormDraft.answers)) or {})


def token(client, number: int = FREE_TEXT) -> str:
    return csrf(client.get(f"/f/young-person/{number}"))


def post(client, number: int, body: bytes, **headers: str):
    return client.post(f"/f/young-person/{number}", content=body, headers={**FORM, **headers})


def test_a_10_mb_answer_is_a_friendly_413_and_the_draft_keeps_what_it_had(client, db):
    begin(client)
    client.post("/f/young-person/2", data={"csrf": token(client, 2), "answer": "5"})
    before = draft_answers(db)
    body = b"csrf=" + token(client).encode() + b"&answer=" + b"x" * 10_000_000
    huge = post(client, FREE_TEXT, body)
    assert huge.status_code == 413 and "too much to send in one go" in huge.text
    assert draft_answers(db) == before and count(db, Response) == 0


def test_a_malformed_form_is_a_friendly_4xx_and_saves_nothing(client, db):
    begin(client)
    garbage = post(client, FREE_TEXT, b"%%%&&&===%zz&answer=%")
    assert garbage.status_code == 403 and "This page has timed out" in garbage.text
    for content_type in ("multipart/form-data; boundary=xx", "multipart/form-data"):
        broken = post(
            client,
            FREE_TEXT,
            b"--xx\r\nContent-Disposition: form-data\r\n\r\nabc",
            **{"content-type": content_type},
        )
        assert broken.status_code == 400
        assert broken.headers["content-type"].startswith("text/html")
        assert "Sorry, something went wrong" in broken.text
    assert draft_answers(db) == {}


def test_emoji_script_and_welsh_are_kept_as_typed_and_shown_back_as_text(client, db):
    factories.team(db, "front-door")
    begin(client, query="?team=front-door")
    words = {
        7: "Mae fy ngweithiwr yn gwrando arna i 😀 ŵŷ",
        8: "🏳️‍🌈👍🏽 thank you",
        9: "<script>alert(1)</script>",
    }
    for number, typed in words.items():
        sent = client.post(
            f"/f/young-person/{number}",
            data={"csrf": token(client, number), "answer": typed},
            follow_redirects=False,
        )
        assert sent.status_code == 303
    choose_who_reads(client, "young-person")  # the one choice, before sending, sends them
    kept = set(db.scalars(select(Answer.text).where(Answer.text.is_not(None))))
    assert kept == set(words.values())
    assert count(db, Response) == 1


def test_invalid_utf_8_in_a_form_is_kept_with_replacement_characters(client, db):
    begin(client)
    body = b"csrf=" + token(client).encode() + b"&answer=ok+%ff%fe+then+more"
    sent = post(client, FREE_TEXT, body)
    assert sent.status_code == 200  # the next question, after its 303
    [kept] = draft_answers(db).values()
    assert kept == "ok \ufffd\ufffd then more"


@pytest.mark.parametrize("number", ["9" * 400, "1e999", str(2**63), "-1", "5.0"])
def test_a_huge_or_odd_number_for_a_face_is_shown_back_kindly_and_not_saved(client, db, number):
    begin(client)
    wrong = client.post("/f/young-person/3", data={"csrf": token(client, 3), "answer": number})
    assert wrong.status_code == 400 and "Choose one answer" in wrong.text
    assert draft_answers(db) == {}


def test_a_question_number_too_big_to_keep_is_page_not_found(client, db):
    begin(client)
    huge = "9" * 30
    assert client.get(f"/f/young-person/{huge}", follow_redirects=False).status_code == 404
    posted = client.post(f"/f/young-person/{huge}", data={"csrf": token(client), "answer": "5"})
    assert posted.status_code == 404 and "Page not found" in posted.text
    assert draft_answers(db) == {}


@pytest.fixture
def served(fresh_database, use_database):
    use_database(fresh_database)
    yield fresh_database


def raw_get(base: str, target: str) -> bytes:
    """A request line no HTTP client library will build (they stop at 64 KB)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("http", ["httptools", "h11"])  # `yousaid serve` runs httptools
def test_a_100_kb_query_string_is_refused_or_answered_never_a_500(served, http):
    long = "a" * 100_000
    with live_server(http=http) as base:
        for target in (
            f"/f/young-person?team={long}",
            f"/f/young-person?qr={long}",
            f"/q/{long}",
            f"/you-said-we-did/{long}",
            f"/api/v1/responses?team={long}",
        ):
            status_line = raw_get(base, target).split(b"\r\n", 1)[0]
            status = int(status_line.split()[1])
            # httptools refuses the request line (400); h11 passes it on, and the app
            # answers: the start page, a page not found, or the API's 401.
            assert status in (200, 400, 401, 404), (target[:40], status_line)
    with Session(served.engine) as session:
        assert count(session, FormDraft) == 0


@pytest.fixture
def twilio(monkeypatch):
    twilio_env(monkeypatch, FakeTwilio(url="http://127.0.0.1:9"))
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"From=%2B447700900123&MessageSid=SM1&Body=\xff\xfe", FORM["content-type"], 400),
        (b"x" * 10_000_000, FORM["content-type"], 413),
        (b'{"Body": "hi"}', "application/json", 415),
        (b"%%%&&&===", FORM["content-type"], 403),
    ],
    ids=["invalid-utf-8", "10-mb", "json", "malformed"],
)
def test_a_webhook_post_twilio_never_sends_is_a_clear_4xx_and_stores_nothing(
    client, db, twilio, body, content_type, status
):
    refused = client.post(INBOUND, content=body, headers={"content-type": content_type})
    assert refused.status_code == status
    assert count(db, InboundMessage) == 0 and count(db, Job) == 0


def test_a_signed_text_with_emoji_welsh_and_markup_is_kept_as_sent(client, db, twilio):
    words = "Diolch 😀 ŵŷ <script>alert(1)</script>"
    params = inbound_params("+447700900123", words)
    assert client.post(INBOUND, data=params, headers=signed(INBOUND, params)).status_code == 200
    assert db.scalar(select(InboundMessage.body)) == words


def test_a_signed_text_with_a_huge_number_or_id_is_stored_once(client, db, twilio):
    params = {**inbound_params("9" * 400, "9" * 5000), "MessageSid": "SM" + "9" * 100_000}
    for _ in range(2):  # Twilio retries: the one (cut) id keeps it once
        sent = client.post(INBOUND, data=params, headers=signed(INBOUND, params))
        assert sent.status_code == 200
    assert count(db, InboundMessage) == 1 and count(db, Job) == 1
