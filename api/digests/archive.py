"""The digest archive: which digests a person may read, as they were sent, and how sending
one that has not gone yet is going. Used by the API and the staff pages alike."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core.config import get_settings
from api.core.errors import NotFound
from api.digests.delivery import SEND
from api.forums import service as forums
from api.jobs.errors import one_line
from api.models import Digest, Forum, Job
from api.models.enums import DigestStatus, JobStatus

# The archived HTML is ours and escaped; still, nothing in it may run or load.
ARCHIVE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Delivery(BaseModel):
    """How sending a digest that has not gone yet is going: what the mail server said."""

    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    gave_up: bool


class DigestRead(BaseModel):
    id: int
    forum: str
    period: str
    status: str
    subject: str | None
    sent_at: datetime | None
    delivery: Delivery | None = None
    text: str | None = None
    # The email's Message-ID and when it was handed to the mail server (decision 35).
    message_id: str | None = None
    handed_over_at: datetime | None = None
    # What a person must know and may do, when the status alone does not say.
    note: str | None = None


def note(digest: Digest, forum_key: str) -> str | None:
    """For a digest that may have been sent: what happened, and how to send it on purpose."""
    if digest.status is not DigestStatus.may_have_been_sent:
        return None
    local = ZoneInfo(get_settings().timezone)  # the council's clock, as its pages show
    when = (
        f" at {digest.handed_over_at.astimezone(local):%H:%M on %d %B %Y}"
        if digest.handed_over_at
        else ""
    )
    return (
        f"May have been sent: handed to the mail server{when} (Message-ID "
        f"{digest.message_id}), but the worker stopped before the mail server's answer was "
        "recorded. Not sent again. Ask a forum member whether it arrived; if it did not, an "
        f"admin sends it again with: yousaid digest send --forum {forum_key} --period "
        f"{digest.period} --again"
    )


def visible(session: Session, scope: Scope) -> dict[int, str]:
    """The forums this person may read the digests of: id -> key."""
    keys = {f.key for f in forums.list_forums(session, scope)}
    return {
        forum_id: key
        for forum_id, key in session.execute(select(Forum.id, Forum.key))
        if key in keys
    }


def deliveries(session: Session, digest_ids: list[int]) -> dict[int, Delivery]:
    """The send job of each digest still pending, by digest id."""
    if not digest_ids:
        return {}
    keys = {f"{SEND}:{digest_id}": digest_id for digest_id in digest_ids}
    jobs = session.scalars(select(Job).where(Job.unique_key.in_(sorted(keys))))
    return {
        keys[str(job.unique_key)]: Delivery(
            attempts=job.attempts,
            # One line (kept before, a whole traceback): the traceback is in the server log.
            last_error=one_line(job.last_error),
            next_attempt_at=job.run_after if job.status is JobStatus.queued else None,
            gave_up=job.status is JobStatus.failed,
        )
        for job in jobs
    }


def _read(
    digest: Digest, key: str, *, delivery: Delivery | None = None, with_text: bool = False
) -> DigestRead:
    return DigestRead(
        id=digest.id,
        forum=key,
        period=digest.period,
        status=digest.status.value,
        subject=digest.subject,
        sent_at=digest.sent_at,
        delivery=delivery,
        text=digest.text if with_text else None,
        message_id=digest.message_id,
        handed_over_at=digest.handed_over_at,
        note=note(digest, key),
    )


def list_digests(
    session: Session, scope: Scope, *, forum: str | None = None, limit: int = 200
) -> list[DigestRead]:
    """Digests of the forums this person can see, newest first."""
    shown = visible(session, scope)
    if forum is not None:
        shown = {i: key for i, key in shown.items() if key == forum}
    query = select(Digest).where(Digest.forum_id.in_(shown)).order_by(Digest.id.desc())
    rows = list(session.scalars(query.limit(limit)))
    pending = deliveries(session, [d.id for d in rows if d.status is DigestStatus.pending])
    return [_read(d, shown[d.forum_id], delivery=pending.get(d.id)) for d in rows]


def one(session: Session, scope: Scope, digest_id: int) -> tuple[Digest, DigestRead]:
    """One digest with its text as sent; another forum's looks the same as none."""
    digest = session.get(Digest, digest_id)
    shown = visible(session, scope)
    if digest is None or digest.forum_id not in shown:
        raise NotFound("There is no such digest")
    pending = deliveries(session, [digest.id] if digest.status is DigestStatus.pending else [])
    return digest, _read(
        digest, shown[digest.forum_id], delivery=pending.get(digest.id), with_text=True
    )


def page(session: Session, scope: Scope, digest_id: int) -> str:
    """The digest as it was emailed (pictures inside), printable."""
    digest, _ = one(session, scope, digest_id)
    if digest.html is None:
        raise NotFound("This digest was not sent (nothing to report, or not yet)")
    return digest.html
