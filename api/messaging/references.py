"""Our reference for an outbound message: the same on every attempt, so a provider that keeps
it (Notify) can be asked whether it already has the message, and its receipts name ours."""

from __future__ import annotations

import re

from api.models.enums import Channel

_PREFIX = "yousaid-message-"
_OURS = re.compile(rf"^{_PREFIX}(\d{{1,10}})(?:@yousaid)?$")
_LARGEST_ID = 2**31 - 1  # an integer column


def for_message(message_id: int, channel: Channel) -> str:
    # An email's is also its Message-ID (<reference>), so it carries a domain.
    suffix = "@yousaid" if channel is Channel.email else ""
    return f"{_PREFIX}{message_id}{suffix}"


def message_id_of(reference: str | None) -> int | None:
    """The outbound message a reference names, or None if it is not one of ours."""
    found = _OURS.match((reference or "").strip())
    if found is None or int(found.group(1)) > _LARGEST_ID:
        return None
    return int(found.group(1))
