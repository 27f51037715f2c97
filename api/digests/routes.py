"""The digest archive: every digest a forum was sent, as it was sent."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.deps import Staff
from api.digests.delivery import SEND
from api.errors import NotFound
from api.forums import service as forums
from api.models import Digest, Forum, Job
from api.models.enums import DigestStatus, JobStatus

router = APIRouter(prefix="/digests", tags=["forums"])
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


def _visible(session: Session, scope: Scope) -> dict[int, str]:
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
            last_error=job.last_error,
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
    )


def _one(session: Session, scope: Scope, digest_id: int) -> tuple[Digest, str]:
    digest = session.get(Digest, digest_id)
    visible = _visible(session, scope)
    if digest is None or digest.forum_id not in visible:
        raise NotFound("There is no such digest")  # or not one of your forums: the same
    return digest, visible[digest.forum_id]


@router.get("")
async def list_digests(staff: Staff, forum: str | None = None) -> list[DigestRead]:
    """Digests of the forums you can see, newest first."""

    def work(session: Session, scope: Scope) -> list[DigestRead]:
        visible = _visible(session, scope)
        query = select(Digest).where(Digest.forum_id.in_(visible)).order_by(Digest.id.desc())
        rows = [
            d for d in session.scalars(query.limit(200)) if forum in (None, visible[d.forum_id])
        ]
        pending = deliveries(session, [d.id for d in rows if d.status is DigestStatus.pending])
        return [_read(d, visible[d.forum_id], delivery=pending.get(d.id)) for d in rows]

    return await staff.run(work)


@router.get("/{digest_id}")
async def get_digest(digest_id: int, staff: Staff) -> DigestRead:
    """One digest with its text as sent."""

    def work(session: Session, scope: Scope) -> DigestRead:
        digest, key = _one(session, scope, digest_id)
        pending = deliveries(session, [digest.id] if digest.status is DigestStatus.pending else [])
        return _read(digest, key, delivery=pending.get(digest.id), with_text=True)

    return await staff.run(work)


@router.get("/{digest_id}/html", response_class=HTMLResponse)
async def digest_html(digest_id: int, staff: Staff) -> HTMLResponse:
    """The digest as it was emailed, printable."""

    def work(session: Session, scope: Scope) -> str:
        digest, _ = _one(session, scope, digest_id)
        if digest.html is None:
            raise NotFound("This digest was not sent (nothing to report, or not yet)")
        return digest.html

    page = await staff.run(work)
    return HTMLResponse(page, headers={"Content-Security-Policy": ARCHIVE_CSP})
