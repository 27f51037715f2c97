"""Texts through GOV.UK Notify: each one the `body` of a passthrough template, with our
reference, so a text whose answer was lost can be found again rather than sent twice."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import requests
from notifications_python_client.errors import APIError

from api.models.enums import MessageStatus
from channels.notify import client as notify
from channels.sms.provider import Sent


@dataclass
class NotifySmsProvider:
    api_key: str
    template_id: str
    sms_sender_id: str | None = None
    api_base_url: str = notify.NOTIFY_API
    timeout: float = 10.0
    name: str = "notify"
    _local: threading.local = field(default_factory=threading.local, init=False, repr=False)

    def _api(self) -> Any:
        # The library's client holds one requests Session: one per thread.
        api = getattr(self._local, "api", None)
        if api is None:
            api = notify.client(self.api_key, base_url=self.api_base_url, timeout=self.timeout)
            self._local.api = api
        return api

    def send(
        self, *, to: str, body: str, status_callback: str | None, reference: str | None = None
    ) -> Sent:
        # Notify's receipts go to the one callback set in its settings: status_callback unused.
        try:
            created = self._api().send_sms_notification(
                phone_number=to,
                template_id=self.template_id,
                personalisation={"body": body},
                reference=reference,
                sms_sender_id=self.sms_sender_id,
            )
        except (APIError, requests.exceptions.RequestException) as exc:
            raise notify.sorted_failure(exc) from exc
        return Sent(provider_id=str(created["id"]), status=MessageStatus.queued)

    def find(self, reference: str) -> Sent | None:
        """The text sent with this reference, if Notify has one."""
        found = notify.find_by_reference(self._api(), reference)
        return Sent(provider_id=found[0], status=found[1]) if found else None
