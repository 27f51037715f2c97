"""GOV.UK Notify chosen without what it needs does not start, in production or anywhere."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.core.config import Settings
from tests.api.core.test_production import safe
from tests.notify_fake import API_KEY, CALLBACK_TOKEN, EMAIL_TEMPLATE_ID, SMS_TEMPLATE_ID

NOTIFY_TEXTS = {
    "sms_provider": "notify",
    "notify_api_key": API_KEY,
    "notify_sms_template_id": SMS_TEMPLATE_ID,
    "notify_callback_token": CALLBACK_TOKEN,
}


def start(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]


def test_notify_with_its_key_templates_and_token_starts_in_production():
    settings = start(**safe(**NOTIFY_TEXTS, email_provider="notify",
                            notify_email_template_id=EMAIL_TEMPLATE_ID))  # fmt: skip
    assert settings.sms_provider == settings.email_provider == "notify"


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("notify_api_key", "YOUSAID_NOTIFY_API_KEY"),
        ("notify_sms_template_id", "YOUSAID_NOTIFY_SMS_TEMPLATE_ID"),
        ("notify_callback_token", "YOUSAID_NOTIFY_CALLBACK_TOKEN"),
    ],
)
def test_texts_through_notify_without_what_they_need_are_refused(missing, named):
    values = {k: v for k, v in NOTIFY_TEXTS.items() if k != missing}
    with pytest.raises(ValidationError, match=named):
        start(**safe(**values))
    with pytest.raises(ValidationError, match=named):  # not only in production
        start(**values)


def test_a_key_that_is_not_notifys_shape_is_refused():
    with pytest.raises(ValidationError, match="YOUSAID_NOTIFY_API_KEY"):
        start(**{**NOTIFY_TEXTS, "notify_api_key": "just-a-secret"})


def test_email_through_notify_needs_its_email_template():
    with pytest.raises(ValidationError, match="YOUSAID_NOTIFY_EMAIL_TEMPLATE_ID"):
        start(**safe(email_provider="notify", notify_api_key=API_KEY))
    settings = start(**safe(email_provider="notify", notify_api_key=API_KEY,
                            notify_email_template_id=EMAIL_TEMPLATE_ID))  # fmt: skip
    assert settings.sms_provider == "outbox"
