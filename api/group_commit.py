"""Group commit: the small writes of many concurrent requests in one transaction.

A webhook that stores one row spends most of its database time on the transaction around it
(the thread hop, BEGIN, COMMIT, and on SQLite the write lock). While one batch commits, the
requests that arrive queue up, and the next batch takes them all. Each request still answers
only after its own write is committed, so "acknowledged" still means "stored".

If a batch fails, each of its writes is tried again in a transaction of its own, so one bad
write never fails the others.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.db import SessionFactory, run_transaction

T = TypeVar("T")
Work = Callable[[Session], Any]
MAX_BATCH = 200


@dataclass
class _Item:
    work: Work
    future: asyncio.Future[Any]


@dataclass
class GroupCommit:
    # Looked up at each commit: tests swap the app's session factory after start-up.
    sessions: Callable[[], SessionFactory]
    _waiting: deque[_Item] = field(default_factory=deque)
    _draining: asyncio.Task[None] | None = None

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run work(session) in a shared transaction; its result once that has committed."""
        loop = asyncio.get_running_loop()
        item = _Item(work, loop.create_future())
        self._waiting.append(item)
        if self._draining is None or self._draining.done():
            self._draining = loop.create_task(self._drain())
        # Shielded: a client that hangs up does not stop the write the others share.
        result: T = await asyncio.shield(item.future)
        return result

    async def _drain(self) -> None:
        # No await between the emptiness check and returning: run() sees either this task
        # still running or none at all, never a task about to stop with work waiting.
        while self._waiting:
            batch = [self._waiting.popleft() for _ in range(min(len(self._waiting), MAX_BATCH))]
            try:
                outcomes = await run_in_threadpool(self._commit, batch)
            except BaseException as exc:  # cancelled at shutdown: nobody waits for ever
                for item in batch:
                    if not item.future.done():
                        item.future.set_exception(RuntimeError(f"not stored: {exc!r}"))
                raise
            for item, (ok, value) in zip(batch, outcomes, strict=True):
                if item.future.done():
                    continue
                if ok:
                    item.future.set_result(value)
                else:
                    item.future.set_exception(value)

    def _commit(self, batch: list[_Item]) -> list[tuple[bool, Any]]:
        factory = self.sessions()
        try:
            values = run_transaction(factory, lambda session: [i.work(session) for i in batch])
            return [(True, value) for value in values]
        except Exception as exc:
            if len(batch) == 1:
                return [(False, exc)]
        # One write spoilt the batch (or the database blinked): each on its own.
        results: list[tuple[bool, Any]] = []
        for item in batch:
            try:
                results.append((True, run_transaction(factory, item.work)))
            except Exception as exc:
                results.append((False, exc))
        return results
