"""The daily retention run (`retention.run`): every step in batches, each batch committed
with its count, so a run stopped mid-way (a worker asked to stop, a crash) has lost nothing
and the next slice carries on where it stopped (decisions 35 and 43).

A job slice works for a few seconds, then queues the next slice of the same run: a worker
asked to stop is never held by a long run, and the counts of what was done are always on
the run's row (and, when it finishes, in an audit event): numbers, never content."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core import audit
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.models import RetentionRun
from api.retention.steps import STEPS, Step

KIND = "retention.run"
SLICE_SECONDS = 5.0


def start(session: Session, *, actor: str, dry_run: bool = False) -> RetentionRun:
    run = RetentionRun(actor_label=actor, dry_run=dry_run, counts={})
    session.add(run)
    session.flush()
    return run


def unfinished(session: Session) -> int | None:
    """A run that stopped before its end (its worker died): the next one carries it on."""
    return session.scalar(
        select(RetentionRun.id)
        .where(RetentionRun.finished_at.is_(None), RetentionRun.dry_run.is_(False))
        .order_by(RetentionRun.id.desc())
        .limit(1)
    )


def _count(session: Session, step: Step, now: datetime) -> int:
    due = step.candidates(now, get_settings()).subquery()
    return int(session.scalar(select(func.count()).select_from(due)) or 0)


def _batch(session: Session, step: Step, now: datetime) -> int:
    settings = get_settings()
    ids = list(session.scalars(step.candidates(now, settings).limit(settings.retention_batch_size)))
    if ids:
        step.apply(session, ids, now)
    return len(ids)


def dry_run(session: Session, *, actor: str) -> RetentionRun:
    """What a run would do now, counted; nothing changes but the run's own record."""
    run = start(session, actor=actor, dry_run=True)
    now = datetime.now(UTC)
    run.counts = {step.name: _count(session, step, now) for step in STEPS}
    run.finished_at = datetime.now(UTC)
    _audited(session, run)
    return run


def carry_on(session: Session, run_id: int, *, seconds: float | None = SLICE_SECONDS) -> bool:
    """Do the run's work, a committed batch at a time, for about `seconds` (None: to the
    end). True when nothing is left; the run is then finished and audited."""
    began = time.monotonic()
    now = datetime.now(UTC)
    for step in STEPS:
        while True:
            run = session.get(RetentionRun, run_id)
            if run is None or run.finished_at is not None:
                return True
            done = _batch(session, step, now)
            if done == 0:
                break
            run.counts = {**run.counts, step.name: run.counts.get(step.name, 0) + done}
            session.commit()  # the batch and its count, together
            if seconds is not None and time.monotonic() - began > seconds:
                return False
    run = session.get(RetentionRun, run_id)
    if run is not None and run.finished_at is None:
        run.counts = {step.name: run.counts.get(step.name, 0) for step in STEPS}
        run.finished_at = datetime.now(UTC)
        _audited(session, run)
    session.commit()
    return True


def _audited(session: Session, run: RetentionRun) -> None:
    audit.record(
        session,
        Scope.system(run.actor_label),
        action="retention.dry_run" if run.dry_run else "retention.run",
        object_type="retention_run",
        object_id=str(run.id),
        **run.counts,
    )


@jobs.handler(KIND)
def run_job(session: Session, payload: dict[str, Any]) -> None:
    """Start today's run (or carry on the one in the payload); queue the next slice if
    there is more to do."""
    run_id = payload.get("run_id") or unfinished(session)
    if run_id is None:
        run_id = start(session, actor="worker").id
        session.commit()
    if not carry_on(session, int(run_id), seconds=SLICE_SECONDS):
        jobs.enqueue(session, kind=KIND, payload={"run_id": run_id})
