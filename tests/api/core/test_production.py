"""Production refuses to start with what is unsafe, and each refusal says what to do."""

from __future__ import annotations

import secrets

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from api.core.config import Settings
from api.core.production import estimated_bits


def safe(**changes: object) -> dict[str, object]:
    """Settings a council could start production with, changed as a test says."""
    return {
        "environment": "production",
        "secret_key": secrets.token_hex(32),
        "encryption_keys": Fernet.generate_key().decode(),
        "duty_emails": "duty@council.gov.uk, mash@council.gov.uk",
        "public_base_url": "https://feedback.council.gov.uk",
        "council_phone": "01234 567890",
        "front_door_phone": "01234 567891",
        "out_of_hours_phone": "01234 567892",
        **changes,
    }


def refusal(**changes: object) -> str:
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None, **safe(**changes))  # type: ignore[arg-type, call-arg]
    return str(raised.value)


def test_safe_settings_start():
    settings = Settings(_env_file=None, **safe())  # type: ignore[arg-type, call-arg]
    assert settings.environment == "production"
    assert not settings.shows_api_docs


@pytest.mark.parametrize(
    "key",
    [
        "x",
        "s" * 40,
        "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc",
        "correct-horse",
        "f230c8f2e94f69746f748ac6b8a3a734",  # token_hex(16): half what production needs
    ],
)
def test_a_weak_secret_key_is_refused_with_how_to_make_one(key: str):
    message = refusal(secret_key=key)
    assert "YOUSAID_SECRET_KEY is too short or too simple" in message
    assert "openssl rand -hex 32" in message


@pytest.mark.parametrize(
    "key", ["change-me-in-production", " change-me-in-production", "CHANGEME", "secret "]
)
def test_a_placeholder_secret_key_is_refused_even_with_spaces_around_it(key: str):
    message = refusal(secret_key=key)
    assert "YOUSAID_SECRET_KEY is a placeholder" in message
    assert "secrets.token_urlsafe(32)" in message


@pytest.mark.parametrize(  # made in the test: the ids must be the same in every xdist worker
    "make",
    [
        lambda: secrets.token_hex(32),
        lambda: secrets.token_urlsafe(32),
        lambda: secrets.token_urlsafe(48),
    ],
    ids=["token_hex(32)", "token_urlsafe(32)", "token_urlsafe(48)"],
)
def test_generated_secret_keys_are_accepted(make):
    key = make()
    assert Settings(_env_file=None, **safe(secret_key=key)).secret_key == key  # type: ignore[arg-type, call-arg]
    assert estimated_bits(key) >= 256


def test_a_key_that_is_not_a_fernet_key_is_refused_before_any_text_fails():
    good = Fernet.generate_key().decode()
    message = refusal(encryption_keys=f"{good}, not-a-key")
    assert "YOUSAID_ENCRYPTION_KEYS: key number 2 is not a Fernet key" in message
    assert "Fernet.generate_key()" in message
    assert "YOUSAID_ENCRYPTION_KEYS must be set" in refusal(encryption_keys="")


def test_rotated_fernet_keys_are_accepted():
    keys = f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
    assert Settings(_env_file=None, **safe(encryption_keys=keys)).encryption_keys == keys  # type: ignore[arg-type, call-arg]


@pytest.mark.parametrize(
    ("setting", "name"),
    [
        ("duty_emails", "YOUSAID_DUTY_EMAILS"),
        ("alert_escalation_emails", "YOUSAID_ALERT_ESCALATION_EMAILS"),
        ("out_of_hours_emails", "YOUSAID_OUT_OF_HOURS_EMAILS"),
    ],
)
def test_alert_addresses_that_are_not_email_addresses_are_refused(setting: str, name: str):
    message = refusal(**{setting: "duty@council.gov.uk, the duty team"})
    assert f"{name}: 'the duty team' is not an email address" in message
    assert "duty@council.gov.uk, separated by commas" in message


def test_an_address_mail_never_reaches_is_refused():
    assert "an address mail never reaches" in refusal(duty_emails="duty@yousaid.invalid")
    assert "an address mail never reaches" in refusal(out_of_hours_emails="edt@example.com")


def test_no_duty_address_is_refused():
    assert "YOUSAID_DUTY_EMAILS must name the duty team" in refusal(duty_emails=" , ")


def test_a_public_address_that_is_not_https_is_refused():
    message = refusal(public_base_url="http://feedback.council.gov.uk")
    assert "YOUSAID_PUBLIC_BASE_URL must be an https:// address" in message
    assert "cookies are marked Secure" in message
    assert "YOUSAID_PUBLIC_BASE_URL must be set" in refusal(public_base_url="")


@pytest.mark.parametrize(
    ("setting", "name", "number"),
    [
        ("council_phone", "YOUSAID_COUNCIL_PHONE", "01632 960000"),
        ("council_phone", "YOUSAID_COUNCIL_PHONE", "+44 1632 960123"),
        ("front_door_phone", "YOUSAID_FRONT_DOOR_PHONE", "01632 960001"),
        ("out_of_hours_phone", "YOUSAID_OUT_OF_HOURS_PHONE", "01632960002"),
    ],
)
def test_the_demos_phone_numbers_are_refused(setting: str, name: str, number: str):
    message = refusal(**{setting: number})
    assert f"{name} is the demo's number" in message
    assert "set the" in message


def test_every_refusal_is_listed_at_once():
    message = refusal(
        secret_key="x", encryption_keys="k", duty_emails="duty", public_base_url="http://x"
    )
    for name in ("SECRET_KEY", "ENCRYPTION_KEYS", "DUTY_EMAILS", "PUBLIC_BASE_URL"):
        assert f"YOUSAID_{name}" in message


def test_development_keeps_its_defaults():
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.council_phone == "01632 960000"
    assert settings.shows_api_docs


def test_the_command_line_says_what_to_do_instead_of_a_traceback(monkeypatch):
    from typer.testing import CliRunner

    from api.cli import app
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_ENVIRONMENT", "production")
    monkeypatch.setenv("YOUSAID_SECRET_KEY", "change-me-in-production")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["migrate"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "YouSaid will not start in production" in result.output
    assert "Traceback" not in result.output
