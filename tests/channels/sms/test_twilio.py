"""The Twilio adapter against a local stand-in for Twilio's API, through the real library."""

import socket

import pytest

from api.models.enums import MessageStatus
from channels.sms.provider import PermanentFailure, TemporaryFailure, UncertainFailure
from channels.sms.twilio import TwilioProvider, signature_ok
from tests.twilio_fake import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    FROM_NUMBER,
    PUBLIC_BASE_URL,
    Scripted,
    fake_twilio,
    signed,
)


def provider(url: str, timeout: float = 2.0, sender: str = FROM_NUMBER) -> TwilioProvider:
    return TwilioProvider(ACCOUNT_SID, AUTH_TOKEN, sender, api_base_url=url, timeout=timeout)


def test_a_text_goes_through_the_library_to_the_configured_base_url():
    with fake_twilio() as fake:
        sent = provider(fake.url).send(
            to="+447700900123", body="Hello ŵ", status_callback="https://x.example/cb?m=1"
        )
    assert sent.provider_id.startswith("SM")
    assert sent.status is MessageStatus.queued
    [message] = fake.sent
    assert message["To"] == "+447700900123" and message["From"] == FROM_NUMBER
    assert message["Body"] == "Hello ŵ"
    assert message["StatusCallback"] == "https://x.example/cb?m=1"
    assert any(a.startswith("Basic ") for a in fake.auth_seen)


def test_a_messaging_service_sends_instead_of_a_number():
    with fake_twilio() as fake:
        provider(fake.url, sender="MG" + "1" * 32).send(
            to="+447700900123", body="Hi", status_callback=None
        )
    assert fake.sent[0]["MessagingServiceSid"] == "MG" + "1" * 32
    assert "From" not in fake.sent[0]


def test_rate_limited_is_temporary():
    with fake_twilio() as fake:
        fake.then(Scripted(status=429, code=20429))
        with pytest.raises(TemporaryFailure):
            provider(fake.url).send(to="+447700900123", body="Hi", status_callback=None)


def test_an_opted_out_number_is_permanent_with_its_code():
    with fake_twilio() as fake:
        fake.then(Scripted(status=400, code=21610))
        with pytest.raises(PermanentFailure) as raised:
            provider(fake.url).send(to="+447700900123", body="Hi", status_callback=None)
    assert raised.value.code == "21610"


def test_a_server_error_may_have_sent_it():
    with fake_twilio() as fake:
        fake.then(Scripted(status=500))
        with pytest.raises(UncertainFailure):
            provider(fake.url).send(to="+447700900123", body="Hi", status_callback=None)


def test_a_slow_answer_times_out_as_uncertain():
    with fake_twilio() as fake:
        fake.then(Scripted(delay=1.5))
        with pytest.raises(UncertainFailure):
            provider(fake.url, timeout=0.5).send(
                to="+447700900123", body="Hi", status_callback=None
            )


def test_nobody_listening_is_temporary():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TemporaryFailure):
        provider(f"http://127.0.0.1:{port}").send(
            to="+447700900123", body="Hi", status_callback=None
        )


def test_signatures_are_checked_against_the_public_url():
    params = {"MessageSid": "SM1", "Body": "4", "From": "+447700900123"}
    headers = signed("/sms/twilio/inbound", params)
    good = headers["X-Twilio-Signature"]
    url = PUBLIC_BASE_URL + "/sms/twilio/inbound"
    assert signature_ok(auth_token=AUTH_TOKEN, url=url, params=params, signature=good)
    assert not signature_ok(
        auth_token=AUTH_TOKEN, url=url, params={**params, "Body": "1"}, signature=good
    )
    assert not signature_ok(auth_token="other", url=url, params=params, signature=good)
    assert not signature_ok(auth_token=AUTH_TOKEN, url=url, params=params, signature=None)
