"""Things read once per transaction and asked for again within it (a token's scope when
requests share a transaction, the marked days a page asks about several times).

Tied to the transaction object itself, weakly: when the transaction ends and is gone, so is
what was remembered, and a later transaction never sees it."""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy.orm import Session, SessionTransaction

_memory: weakref.WeakKeyDictionary[SessionTransaction, dict[Any, Any]] = weakref.WeakKeyDictionary()


def remembered(session: Session) -> dict[Any, Any]:
    """The memory of this session's current transaction (begun if it has not)."""
    session.connection()  # begins the transaction, if it has not begun
    transaction = session.get_transaction()
    assert transaction is not None
    found = _memory.get(transaction)
    if found is None:
        found = _memory[transaction] = {}
    return found
