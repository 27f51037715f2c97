"""Jobs that recur: each period's run is a job row with a unique key, so however many workers
look, each period runs once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from api.jobs import queue as jobs


@dataclass(frozen=True)
class Periodic:
    kind: str
    every: timedelta


PERIODIC = (
    # Drafts nobody came back to become partial responses: an answer given is never lost.
    Periodic("forms.finish_stale", timedelta(minutes=30)),
    # Numbers and addresses are erased a set number of days after an invitation ends.
    Periodic("invitations.erase_contacts", timedelta(hours=1)),
    # Each kind of data is kept only as long as its setting says (decision 43).
    Periodic("retention.run", timedelta(days=1)),
    # Staff sign-ins that have ended are forgotten.
    Periodic("staff_sessions.expire", timedelta(hours=1)),
    # Each forum's digest when its schedule says (one per forum per period, decision 19).
    Periodic("digests.schedule", timedelta(minutes=15)),
    # Days changed since are recounted into the daily tallies (decision 23); until then the
    # Overview counts them from the responses, so no figure waits for this.
    Periodic("tallies.recount", timedelta(minutes=1)),
)


def enqueue_due(session: Session, now: datetime | None = None) -> int:
    """Queue this period's run of each periodic job (a repeat adds nothing). How many new."""
    now = now or datetime.now(UTC)
    added = 0
    for periodic in PERIODIC:
        period = int(now.timestamp() // periodic.every.total_seconds())
        job = jobs.enqueue(session, kind=periodic.kind, unique_key=f"{periodic.kind}:{period}")
        added += job is not None
    return added
