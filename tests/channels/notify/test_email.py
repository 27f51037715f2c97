"""Email through GOV.UK Notify: subject and text into the passthrough template, one
notification per address, handed over before the first goes."""

import pytest

from channels.email.sender import Email
from channels.notify.email import NotifyEmailSender
from channels.sms.provider import PermanentFailure, UncertainFailure
from tests.notify_fake import API_KEY, EMAIL_TEMPLATE_ID, Scripted, fake_notify


def sender(url: str) -> NotifyEmailSender:
    return NotifyEmailSender(API_KEY, EMAIL_TEMPLATE_ID, api_base_url=url, timeout=2)


def test_an_email_goes_as_subject_and_body_with_its_message_id_as_reference():
    handed: list[int] = []
    with fake_notify() as fake:
        message_id = sender(fake.url).send(
            Email(to=("duty@council.gov.uk",), subject="An alert", text="Open the link",
                  message_id="<yousaid-message-3@yousaid>"),
            handing_over=lambda: handed.append(len(fake.sent)),
        )  # fmt: skip
    [notification] = fake.sent
    assert message_id == "<yousaid-message-3@yousaid>"
    assert notification["email_address"] == "duty@council.gov.uk"
    assert notification["template_id"] == EMAIL_TEMPLATE_ID
    assert notification["personalisation"] == {"subject": "An alert", "body": "Open the link"}
    assert notification["reference"] == "yousaid-message-3@yousaid"
    assert handed == [0]  # marked handed over before anything went


def test_each_address_gets_its_own_notification():
    with fake_notify() as fake:
        sender(fake.url).send(Email(to=("a@council.gov.uk", "b@council.gov.uk"), subject="S",
                                    text="T", message_id="<m@yousaid>"))  # fmt: skip
    assert [(n["email_address"], n["reference"]) for n in fake.sent] == [
        ("a@council.gov.uk", "m@yousaid#0"),
        ("b@council.gov.uk", "m@yousaid#1"),
    ]


def test_a_refusal_of_the_first_address_is_what_notify_said():
    with fake_notify() as fake:
        fake.then(Scripted(status=400))
        with pytest.raises(PermanentFailure):
            sender(fake.url).send(Email(to=("a@council.gov.uk",), subject="S", text="T"))


def test_a_failure_after_one_address_went_is_uncertain_so_nobody_gets_it_twice():
    with fake_notify() as fake:
        fake.then(Scripted(), Scripted(status=429))
        with pytest.raises(UncertainFailure):
            sender(fake.url).send(
                Email(to=("a@council.gov.uk", "b@council.gov.uk"), subject="S", text="T")
            )
    assert len(fake.sent) == 1
