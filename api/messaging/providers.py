"""Which provider carries which channel, chosen by settings."""

from __future__ import annotations

from functools import lru_cache

from api.core.config import Settings
from channels.email.sender import Sender, sender_for
from channels.notify.email import NotifyEmailSender
from channels.notify.sms import NotifySmsProvider
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
    if settings.sms_provider == "notify":
        return _notify(
            settings.notify_api_key or "",
            settings.notify_sms_template_id or "",
            settings.notify_sms_sender_id,
            settings.notify_api_base_url,
            settings.notify_timeout_seconds,
        )
    return OutboxProvider()


def email_sender(settings: Settings) -> Sender:
    """SMTP, the local outbox, or GOV.UK Notify."""
    if settings.email_provider == "notify":
        return NotifyEmailSender(
            settings.notify_api_key or "",
            settings.notify_email_template_id or "",
            api_base_url=settings.notify_api_base_url,
            timeout=settings.notify_timeout_seconds,
        )
    return sender_for(settings)


@lru_cache(maxsize=4)
def _twilio(sid: str, token: str, sender: str, base_url: str, timeout: float) -> TwilioProvider:
    # One client per configuration: it keeps its HTTP connections open between sends.
    return TwilioProvider(sid, token, sender, api_base_url=base_url, timeout=timeout)


@lru_cache(maxsize=4)
def _notify(
    key: str, template: str, sender_id: str | None, base_url: str, timeout: float
) -> NotifySmsProvider:
    # Likewise: one per configuration, with a client per thread inside it.
    return NotifySmsProvider(
        key, template, sms_sender_id=sender_id, api_base_url=base_url, timeout=timeout
    )


def sender_key(settings: Settings) -> str:
    """The per-sender rate limit's key: the number or service texts come from."""
    if settings.sms_provider == "twilio":
        return f"twilio:{settings.twilio_from}"
    if settings.sms_provider == "notify":
        return f"notify:{settings.notify_sms_sender_id or 'default'}"
    return "outbox"
