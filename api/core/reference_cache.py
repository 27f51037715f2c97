"""A per-database, in-process cache of reference ids that never change once written.

Team and collection point ids, and a survey version's question ids, are looked up on every
submission; they are immutable once created (rows are deactivated, never deleted or re-keyed),
so a process may remember them. Only hits are cached, so a team added a moment ago is found
at once; entries expire after a minute so a newly published survey version is picked up
without a restart. Tests clear it between tests, because their rollbacks do un-write rows.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.core.errors import FieldError

T = TypeVar("T")
TTL_SECONDS = 60.0


class ReferenceCache:
    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, load: Callable[[], T | None]) -> T | None:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and entry[0] > now:
            value: T = entry[1]
            return value
        loaded = load()
        if loaded is not None:
            with self._lock:
                self._entries[key] = (now + TTL_SECONDS, loaded)
        return loaded

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_caches: weakref.WeakKeyDictionary[Engine, ReferenceCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def for_session(session: Session) -> ReferenceCache:
    """The cache of the database this session talks to (tests run two databases at once)."""
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    with _caches_lock:
        cache = _caches.get(engine)
        if cache is None:
            cache = _caches[engine] = ReferenceCache()
        return cache


def clear_all() -> None:
    with _caches_lock:
        for cache in _caches.values():
            cache.clear()


def reference_id(
    session: Session,
    column: InstrumentedAttribute[str],
    value: str | None,
    field: str,
    errors: list[FieldError],
) -> int | None:
    """The id of a team or collection point named by slug or key (cached per process)."""
    if value is None:
        return None
    model = column.class_
    found: int | None = for_session(session).get(
        (model.__tablename__, value),
        lambda: session.scalar(select(model.id).where(column == value)),
    )
    if found is None:
        errors.append(FieldError(field, f"there is no {field.replace('_', ' ')} '{value}'"))
    return found
