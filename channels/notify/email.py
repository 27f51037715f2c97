"""Email through GOV.UK Notify: the subject and plain text of each email as the ((subject))
and ((body)) of a passthrough template, one notification per address.

Notify sends no HTML part and no inline pictures, so a digest arrives as its text part (its
charts stay on the staff page it links to)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import requests
from notifications_python_client.errors import APIError

from channels.email.sender import Email, HandOver
from channels.notify import client as notify
from channels.sms.provider import Sent, UncertainFailure


@dataclass(frozen=True)
class NotifyEmailSender:
    api_key: str
    template_id: str
    api_base_url: str = notify.NOTIFY_API
    timeout: float = 10.0

    def send(self, email: Email, *, handing_over: HandOver | None = None) -> str:
        """Send to each address, or raise a SendFailure; returns the Message-ID we gave it.
        Each notification's reference is that Message-ID (with the address's place when
        there are several), so the same email is found again by asking Notify."""
        message_id = email.message_id or f"<{uuid.uuid4().hex}@yousaid>"
        api = self._api()
        if handing_over is not None:
            handing_over()  # from here the first notification may exist
        for place, address in enumerate(email.to):
            try:
                api.send_email_notification(
                    email_address=address,
                    template_id=self.template_id,
                    personalisation={"subject": email.subject, "body": email.text},
                    reference=reference(message_id, place, len(email.to)),
                )
            except (APIError, requests.exceptions.RequestException) as exc:
                failure = notify.sorted_failure(exc)
                if place > 0:
                    # Some addresses have it: sending again would double theirs.
                    raise UncertainFailure(f"after {place} of {len(email.to)}: {failure}") from exc
                raise failure from exc
        return message_id

    def find(self, reference: str) -> Sent | None:
        """The email sent with this reference, if Notify has one."""
        found = notify.find_by_reference(self._api(), reference)
        return Sent(provider_id=found[0], status=found[1]) if found else None

    def _api(self) -> Any:
        return notify.client(self.api_key, base_url=self.api_base_url, timeout=self.timeout)


def reference(message_id: str, place: int, addresses: int) -> str:
    """The reference of one address's notification of an email."""
    bare = message_id.strip("<>")
    return bare if addresses == 1 else f"{bare}#{place}"
