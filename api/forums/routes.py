"""Practice forums: what each hears and when its digest goes."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.forums import service as forums
from api.forums.schemas import ForumRead, ForumWrite

router = APIRouter(prefix="/forums", tags=["forums"])


@router.get("")
async def list_forums(staff: Staff) -> list[ForumRead]:
    """The forums you can see (all of them for the rights team and admins)."""
    return await staff.run(lambda session, scope: forums.list_forums(session, scope))


@router.post("", status_code=201)
async def create_forum(body: ForumWrite, staff: Staff) -> ForumRead:
    """Add a forum: members, cadence, and routing rules over team, collection point,
    audience, theme, polarity, sentiment and statements falling below a target."""

    def work(session: Session, scope: Scope) -> ForumRead:
        return forums.read(forums.create(session, scope, definition=body))

    return await staff.run(work)


@router.put("/{key}")
async def replace_forum(key: str, body: ForumWrite, staff: Staff) -> ForumRead:
    """Replace a forum's definition (its key stays)."""

    def work(session: Session, scope: Scope) -> ForumRead:
        return forums.read(forums.replace(session, scope, key=key, definition=body))

    return await staff.run(work)
