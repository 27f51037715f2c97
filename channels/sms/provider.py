"""The small interface every SMS provider meets, and what can go wrong when sending.

The three failures differ in one thing that matters to a family: whether a text may have
gone. Temporary means it certainly did not (try again later); permanent means it never
will; uncertain means it may have, so it is never sent again blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from api.models.enums import MessageStatus


@dataclass(frozen=True)
class Sent:
    provider_id: str
    status: MessageStatus


class SendFailure(Exception):
    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class TemporaryFailure(SendFailure):
    """Nothing was sent (refused connection, rate limited, service unavailable)."""


class PermanentFailure(SendFailure):
    """The provider refused this message for good (a bad number, an opted-out number)."""


class UncertainFailure(SendFailure):
    """The request may have reached the provider (a timeout after sending, a 500)."""


# Twilio's "Attempt to send to unsubscribed recipient": the number opted out with the carrier.
OPTED_OUT_CODE = "21610"


class SmsProvider(Protocol):
    @property
    def name(self) -> str: ...

    def send(
        self, *, to: str, body: str, status_callback: str | None, reference: str | None = None
    ) -> Sent:
        """Hand one text to the provider, or raise a SendFailure. The reference is ours, the
        same on every attempt at one message (providers that keep it can be asked for it)."""


@runtime_checkable
class FindsByReference(Protocol):
    """A provider that can say whether it holds a text sent with a reference (Notify): a
    text whose answer was lost is then settled by asking, never sent twice (decision 42)."""

    def find(self, reference: str) -> Sent | None:
        """The text sent with this reference, None if there is none, or a SendFailure."""
