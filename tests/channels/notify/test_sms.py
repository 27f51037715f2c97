"""Texts through GOV.UK Notify: the real notifications-python-client against a local
stand-in for Notify's API, which checks the JWT the client signs with the key's secret."""

import socket

import pytest

from api.models.enums import MessageStatus
from channels.notify.sms import NotifySmsProvider
from channels.sms.provider import PermanentFailure, TemporaryFailure, UncertainFailure
from tests.notify_fake import API_KEY, SERVICE_ID, SMS_TEMPLATE_ID, Scripted, fake_notify

TO = "+447700900123"


def provider(url: str, *, key: str = API_KEY, timeout: float = 2.0) -> NotifySmsProvider:
    return NotifySmsProvider(
        key, SMS_TEMPLATE_ID, sms_sender_id="sender-1", api_base_url=url, timeout=timeout
    )


def test_a_text_goes_as_the_body_of_the_passthrough_template_with_our_reference():
    with fake_notify() as fake:
        sent = provider(fake.url).send(
            to=TO, body="Hello ŵ", status_callback=None, reference="yousaid-message-7"
        )
    assert sent.status is MessageStatus.queued
    [notification] = fake.sent
    assert sent.provider_id == notification["id"]
    assert notification["phone_number"] == TO
    assert notification["template_id"] == SMS_TEMPLATE_ID
    assert notification["personalisation"] == {"body": "Hello ŵ"}
    assert notification["reference"] == "yousaid-message-7"
    assert notification["sms_sender_id"] == "sender-1"


def test_a_wrong_key_is_refused_by_notify_and_nothing_goes():
    wrong = API_KEY[:-36] + "00000000-0000-4000-8000-000000000000"
    with fake_notify() as fake, pytest.raises(TemporaryFailure) as raised:
        provider(fake.url, key=wrong).send(to=TO, body="Hi", status_callback=None)
    assert fake.sent == [] and fake.refused_tokens == 1
    assert "403" in str(raised.value)


def test_a_key_for_another_service_is_refused():
    other = "yousaid_test-" + "11111111-2222-4333-8444-555555555555" + API_KEY[-37:]
    assert SERVICE_ID not in other
    with fake_notify() as fake, pytest.raises(TemporaryFailure):
        provider(fake.url, key=other).send(to=TO, body="Hi", status_callback=None)
    assert fake.sent == []


def test_rate_limited_or_down_is_temporary():
    with fake_notify() as fake:
        fake.then(Scripted(status=429), Scripted(status=503))
        for _ in range(2):
            with pytest.raises(TemporaryFailure):
                provider(fake.url).send(to=TO, body="Hi", status_callback=None)
    assert fake.sent == []


def test_a_bad_request_is_permanent():
    with fake_notify() as fake:
        fake.then(Scripted(status=400))
        with pytest.raises(PermanentFailure) as raised:
            provider(fake.url).send(to=TO, body="Hi", status_callback=None)
    assert raised.value.code == "400"


def test_a_server_error_may_have_sent_it():
    with fake_notify() as fake:
        fake.then(Scripted(status=500))
        with pytest.raises(UncertainFailure):
            provider(fake.url).send(to=TO, body="Hi", status_callback=None)


def test_a_slow_answer_times_out_as_uncertain():
    with fake_notify() as fake:
        fake.then(Scripted(delay=1.5))
        with pytest.raises(UncertainFailure):
            provider(fake.url, timeout=0.5).send(to=TO, body="Hi", status_callback=None)


def test_nobody_listening_is_temporary():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TemporaryFailure):
        provider(f"http://127.0.0.1:{port}").send(to=TO, body="Hi", status_callback=None)


def test_a_text_is_found_again_by_its_reference():
    with fake_notify() as fake:
        fake.then(Scripted(store_first=True, delay=1.0))
        with pytest.raises(UncertainFailure):  # Notify had it; its answer was lost
            provider(fake.url, timeout=0.3).send(
                to=TO, body="Hi", status_callback=None, reference="yousaid-message-9"
            )
        found = provider(fake.url).find("yousaid-message-9")
        missing = provider(fake.url).find("yousaid-message-10")
    assert found is not None and found.provider_id == fake.sent[0]["id"]
    assert found.status is MessageStatus.queued
    assert missing is None
