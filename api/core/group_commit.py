"""Group commit: the small writes of many concurrent requests in one transaction.

A webhook that stores one row spends most of its database time on the transaction around it
(the thread hop, BEGIN, COMMIT, and on SQLite the write lock). While one batch commits, the
requests that arrive queue up, and the next batch takes them all. Each request still answers
only after its own write is committed, so "acknowledged" still means "stored".

If a batch fails, each of its writes is tried again in a transaction of its own, so one bad
write never fails the others. With `isolate`, each write runs in a savepoint of its own, so a
write that raises (a validation error, a refusal) is undone alone and the batch goes on: for
work that fails routinely, such as intake (decision 24).

Replicas of the server share one PostgreSQL, and a batch holds every row its writes locked
until it commits. Two batches that lock the same rows in different orders deadlock, so a
write may name the key of what it locks (`order`, e.g. a form draft's token) and each batch
runs its writes in that key's order: every replica then locks in one order. A deadlock or
serialization failure that still happens (rows no key names) is retried here, a few times
with jitter, never shown to the person (decision 35).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.core.db import SessionFactory, run_transaction

log = logging.getLogger("yousaid.group_commit")
T = TypeVar("T")
Work = Callable[[Session], Any]
MAX_BATCH = 200
# PostgreSQL's deadlock_detected and serialization_failure: the transaction was chosen to
# end so another could go on; the same work run again will very likely succeed.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
TRIES = 5


def retryable(exc: BaseException) -> bool:
    """A deadlock or serialization failure: nothing was written, and trying again is safe."""
    return isinstance(exc, DBAPIError) and (
        getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES
    )


def run_retrying(factory: SessionFactory, work: Callable[[Session], T]) -> T:
    """run_transaction, run again after a deadlock or serialization failure (up to TRIES
    times, waiting a random few milliseconds more each time so two replicas fall apart)."""
    for attempt in range(1, TRIES + 1):
        try:
            return run_transaction(factory, work)
        except DBAPIError as exc:
            if attempt == TRIES or not retryable(exc):
                raise
            log.warning("transaction retried after %s (try %d)", type(exc.orig).__name__, attempt)
            time.sleep(random.uniform(0.005, 0.025) * attempt)  # noqa: S311 - jitter, not a secret
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Bulk:
    """A checked write that can be done together with others of its kind: `many(session,
    items)` writes them all and gives each its outcome, a result or the exception that item
    alone met."""

    key: Any
    many: Callable[[Session, list[Any]], list[Any]]
    item: Any

    def alone(self, session: Session) -> Any:
        [outcome] = self.many(session, [self.item])
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def perform(write: Any, session: Session) -> Any:
    """Run what a check returned: a write function, or a Bulk on its own."""
    return write.alone(session) if isinstance(write, Bulk) else write(session)


@dataclass
class _Item:
    work: Work
    future: asyncio.Future[Any]
    # The work is a check: it reads, refuses by raising, and returns the write to run.
    checked: bool = False
    # The key of the rows the work locks; a batch runs its items in this order.
    order: str | None = None

    def whole(self, session: Session) -> Any:
        """The item's work on its own: check and write, or the plain work."""
        return perform(self.work(session), session) if self.checked else self.work(session)


@dataclass
class GroupCommit:
    # Looked up at each commit: tests swap the app's session factory after start-up.
    sessions: Callable[[], SessionFactory]
    isolate: bool = False
    _waiting: deque[_Item] = field(default_factory=deque)
    _draining: asyncio.Task[None] | None = None

    async def run(self, work: Callable[[Session], T], *, order: str | None = None) -> T:
        """Run work(session) in a shared transaction; its result once that has committed.
        `order`: the key of the rows it locks (a batch locks them in this key's order)."""
        future = asyncio.get_running_loop().create_future()
        result: T = await self._enqueue(_Item(work, future, order=order))
        return result

    async def run_checked(self, check: Callable[[Session], Any]) -> Any:
        """check(session) reads and refuses by raising, writing nothing; the function it
        returns writes (a `Bulk` it returns is written with the others of its kind). A
        refusal fails its own request alone, at no cost to the batch (no savepoint needed); a
        write that raises, which should be rare, has every request of the batch retried in a
        transaction of its own."""
        loop = asyncio.get_running_loop()
        return await self._enqueue(_Item(check, loop.create_future(), checked=True))

    async def _enqueue(self, item: _Item) -> Any:
        loop = asyncio.get_running_loop()
        self._waiting.append(item)
        if self._draining is None or self._draining.done():
            self._draining = loop.create_task(self._drain())
        # Shielded: a client that hangs up does not stop the write the others share.
        return await asyncio.shield(item.future)

    async def _drain(self) -> None:
        # No await between the emptiness check and returning: run() sees either this task
        # still running or none at all, never a task about to stop with work waiting.
        while self._waiting:
            batch = [self._waiting.popleft() for _ in range(min(len(self._waiting), MAX_BATCH))]
            # One order of locks on every replica: keyed work by its key, then the rest as
            # it came (a stable sort).
            batch.sort(key=lambda item: (item.order is None, item.order or ""))
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
            if len(batch) > 1 and (self.isolate or any(item.checked for item in batch)):
                return run_retrying(factory, lambda session: self._each(session, batch))
            values = run_retrying(factory, lambda session: [i.whole(session) for i in batch])
            return [(True, value) for value in values]
        except Exception as exc:
            if len(batch) == 1:
                return [(False, exc)]
        # The commit failed (or a write spoilt the batch): each on its own.
        results: list[tuple[bool, Any]] = []
        for item in batch:
            try:
                results.append((True, run_retrying(factory, item.whole)))
            except Exception as exc:
                results.append((False, exc))
        return results

    @staticmethod
    def _each(session: Session, batch: list[_Item]) -> list[tuple[bool, Any]]:
        """Each item on its own terms: a checked one refused by its check fails alone (it
        wrote nothing), and its write runs bare; any other runs in a savepoint, so one that
        raises is rolled back alone. A checked write that raises fails the whole batch."""
        outcomes: list[tuple[bool, Any]] = []
        bulks: dict[Any, list[tuple[int, Bulk]]] = {}
        for item in batch:
            if item.checked:
                try:
                    write = item.work(session)
                except Exception as exc:
                    if retryable(exc):
                        raise
                    outcomes.append((False, exc))
                    continue
                if isinstance(write, Bulk):  # written below, with the others of its kind
                    bulks.setdefault(write.key, []).append((len(outcomes), write))
                    outcomes.append((False, None))
                else:
                    outcomes.append((True, write(session)))
                continue
            try:
                with session.begin_nested():
                    outcomes.append((True, item.work(session)))
            except Exception as exc:
                if retryable(exc):
                    raise  # not this write's fault: the whole batch runs again
                outcomes.append((False, exc))
        for writes in bulks.values():
            done = writes[0][1].many(session, [write.item for _, write in writes])
            for (index, _), outcome in zip(writes, done, strict=True):
                outcomes[index] = (not isinstance(outcome, Exception), outcome)
        return outcomes
