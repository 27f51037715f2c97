"""Message statuses only move forward. Pure."""

from __future__ import annotations

from api.models.enums import MessageStatus

# Ours first, then the provider's. A late "sent" never overwrites "delivered".
_RANK = {
    MessageStatus.pending: 0,
    MessageStatus.dispatching: 1,
    MessageStatus.unknown: 2,
    MessageStatus.queued: 3,
    MessageStatus.sent: 4,
    MessageStatus.delivered: 5,
}
FINAL = frozenset({MessageStatus.undelivered, MessageStatus.failed, MessageStatus.cancelled})


def moves_forward(current: MessageStatus, new: MessageStatus) -> bool:
    """Whether a message at `current` may take `new`: failures end it, nothing follows an end."""
    if current in FINAL or current == new:
        return False
    if new in FINAL:
        return True
    return _RANK[new] > _RANK[current]
