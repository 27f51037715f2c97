"""The local SMS provider: texts stay in the database, where the simulator shows them.
For `make run`, demos and tests; nothing reaches a phone."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from api.models.enums import MessageStatus
from channels.sms.provider import Sent


@dataclass(frozen=True)
class OutboxProvider:
    name: str = "outbox"

    def send(
        self, *, to: str, body: str, status_callback: str | None, reference: str | None = None
    ) -> Sent:
        # The outbound row already holds the words; "delivered" is the truth for the outbox.
        return Sent(provider_id=f"OB{uuid.uuid4().hex}", status=MessageStatus.delivered)
