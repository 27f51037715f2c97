"""Durable jobs: rows written in the transaction that caused them, run by the worker."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select
from sqlalchemy.orm import Session, sessionmaker

from api.core.sql import insert_or_ignore
from api.jobs.errors import one_line
from api.models import Job
from api.models.enums import JobStatus

log = logging.getLogger("yousaid.jobs")
Handler = Callable[[Session, dict[str, Any]], None]
# A job locked longer than this belongs to a worker that died: it runs again.
STALE_AFTER = timedelta(minutes=15)
_handlers: dict[str, Handler] = {}
_fallbacks: dict[str, Handler] = {}


def handler(kind: str, *, failed_for_good: Handler | None = None) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of this kind (named domain.action), and, when
    something else must happen once a job of this kind has failed its last attempt (so that
    nothing waits for a result that will not come), the function that does it."""

    def register(function: Handler) -> Handler:
        _handlers[kind] = function
        if failed_for_good is not None:
            _fallbacks[kind] = failed_for_good
        return function

    return register


_INSERT = insert_or_ignore(cast(Table, Job.__table__), conflict="unique_key")
# Job.priority: lower runs first among due jobs, whatever their age.
URGENT = -10  # telling the duty team of an alert: before any backlog of analysis
LOW = 10  # the second reading of answers: after every other due job


def enqueue(
    session: Session,
    *,
    kind: str,
    payload: dict[str, Any] | None = None,
    run_after: datetime | None = None,
    unique_key: str | None = None,
    max_attempts: int = 5,
    priority: int = 0,
) -> int | None:
    """Add a job in the caller's transaction; its id. With a unique_key, a repeat adds
    nothing and returns None. `priority`: lower runs first among due jobs (LOW waits)."""
    now = datetime.now(UTC)
    values = {
        "kind": kind,
        "payload": payload or {},
        "unique_key": unique_key,
        "status": JobStatus.queued,
        "run_after": run_after or now,
        "attempts": 0,
        "max_attempts": max_attempts,
        "last_error": None,
        "locked_by": None,
        "locked_at": None,
        "created_at": now,
        "finished_at": None,
        "priority": priority,
    }
    job_id: int | None = session.connection().execute(_INSERT, values).scalar()
    return job_id


def enqueue_many(session: Session, *, kind: str, payloads: list[dict[str, Any]]) -> None:
    """Add one job per payload, in one statement (no unique keys)."""
    if not payloads:
        return
    now = datetime.now(UTC)
    session.connection().execute(
        insert(Job),
        [
            {
                "kind": kind,
                "payload": payload,
                "unique_key": None,
                "status": JobStatus.queued,
                "run_after": now,
                "attempts": 0,
                "max_attempts": 5,
                "created_at": now,
                "priority": 0,
            }
            for payload in payloads
        ],
    )


def backoff(attempts: int) -> timedelta:
    """30 s, 2 min, 8 min, 32 min ... capped at 6 hours."""
    return timedelta(seconds=min(30 * 4 ** (attempts - 1), 6 * 3600))


@dataclass
class Worker:
    sessions: sessionmaker[Session]
    name: str
    # Set on SIGTERM: the job in hand runs to its end, no other is claimed (decision 35).
    stop: threading.Event | None = None

    def claim(self) -> int | None:
        """Lock one due job for this worker; SKIP LOCKED lets many workers share the queue."""
        now = datetime.now(UTC)
        with self.sessions() as session, session.begin():
            job = session.scalar(
                select(Job)
                .where(
                    or_(
                        Job.status == JobStatus.queued,
                        (Job.status == JobStatus.running) & (Job.locked_at < now - STALE_AFTER),
                    ),
                    Job.run_after <= now,
                )
                .order_by(Job.priority, Job.run_after, Job.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if job is None:
                return None
            job.status = JobStatus.running
            job.locked_by = self.name
            job.locked_at = now
            job.attempts += 1
            return job.id

    def run_one(self) -> bool:
        """Run one due job; False when there was nothing to do."""
        job_id = self.claim()
        if job_id is None:
            return False
        with self.sessions() as session:
            job = session.get(Job, job_id)
            if job is None:
                return True
            function = _handlers.get(job.kind)
            try:
                if function is None:
                    raise LookupError(f"no handler for job kind {job.kind!r}")
                function(session, dict(job.payload))
                job.status = JobStatus.done
                job.finished_at = datetime.now(UTC)
                job.last_error = None
                session.commit()
            except Exception:
                session.rollback()
                self._failed(job_id, traceback.format_exc(limit=5))
        return True

    def _failed(self, job_id: int, error: str) -> None:
        # The traceback goes to the server's log; the job keeps the one line its readers see
        # (the digest archive, who was told of an alert).
        log.warning("job %s failed: %s", job_id, error.rstrip())
        with self.sessions() as session, session.begin():
            job = session.get(Job, job_id)
            if job is None:
                return
            final = job.attempts >= job.max_attempts
            job.status = JobStatus.failed if final else JobStatus.queued
            job.run_after = datetime.now(UTC) + backoff(job.attempts)
            job.last_error = one_line(error)
            job.locked_by = job.locked_at = None
            job.finished_at = datetime.now(UTC) if final else None
            kind, payload = job.kind, dict(job.payload)
        if final and kind in _fallbacks:
            self._fall_back(job_id, kind, payload)

    def _fall_back(self, job_id: int, kind: str, payload: dict[str, Any]) -> None:
        """The kind's `failed_for_good` in a transaction of its own; if that fails too, the
        log says so loudly (the job row already shows the failure to its readers)."""
        try:
            with self.sessions() as session, session.begin():
                _fallbacks[kind](session, payload)
        except Exception:
            log.error("job %s: what follows its failure failed too", job_id, exc_info=True)

    def run_until_idle(self, limit: int = 1000) -> int:
        """Run due jobs until none is left (or limit); how many ran."""
        ran = 0
        while ran < limit and not (self.stop is not None and self.stop.is_set()):
            if not self.run_one():
                break
            ran += 1
        return ran
