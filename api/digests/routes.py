"""The digest archive over the API: every digest a forum was sent, as it was sent."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.digests import archive
from api.digests.archive import ARCHIVE_CSP, DigestRead

router = APIRouter(prefix="/digests", tags=["forums"])


@router.get("")
async def list_digests(staff: Staff, forum: str | None = None) -> list[DigestRead]:
    """Digests of the forums you can see, newest first; a digest not yet sent says how
    sending it is going (`delivery`: attempts, the mail server's error, the next try)."""
    return await staff.run(lambda session, scope: archive.list_digests(session, scope, forum=forum))


@router.get("/{digest_id}")
async def get_digest(digest_id: int, staff: Staff) -> DigestRead:
    """One digest with its text as sent."""

    def work(session: Session, scope: Scope) -> DigestRead:
        return archive.one(session, scope, digest_id)[1]

    return await staff.run(work)


@router.get("/{digest_id}/html", response_class=HTMLResponse)
async def digest_html(digest_id: int, staff: Staff) -> HTMLResponse:
    """The digest as it was emailed, printable."""
    page = await staff.run(lambda session, scope: archive.page(session, scope, digest_id))
    return HTMLResponse(page, headers={"Content-Security-Policy": ARCHIVE_CSP})
