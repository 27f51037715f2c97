"""Which provider carries which channel, chosen by settings."""

from __future__ import annotations

from functools import lru_cache

from api.core.config import Settings
from channels.sms.outbox import OutboxProvider
from channels.sms.provider import SmsProvider
from channels.sms.twilio import TwilioProvider


def sms_provider(settings: Settings) -> SmsProvider:
    if settings.sms_provider == "twilio":
        return _twilio(
            settings.twilio_account_sid or "",
            settings.twilio_auth_token or "",
            settings.twilio_from or "",
            settings.twilio_api_base_url,
            settings.twilio_timeout_seconds,
        )
    return OutboxProvider()


@lru_cache(maxsize=4)
def _twilio(sid: str, token: str, sender: str, base_url: str, timeout: float) -> TwilioProvider:
    # One client per configuration: it keeps its HTTP connections open between sends.
    return TwilioProvider(sid, token, sender, api_base_url=base_url, timeout=timeout)


def sender_key(settings: Settings) -> str:
    """The per-sender rate limit's key: the number or service texts come from."""
    if settings.sms_provider == "twilio":
        return f"twilio:{settings.twilio_from}"
    return "outbox"
