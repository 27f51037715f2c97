"""'You said, we did' for staff."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.actions import service as actions
from api.actions.schemas import ActionRead, ActionWrite

router = APIRouter(prefix="/actions", tags=["you said, we did"])


@router.post("", status_code=201)
async def create_action(body: ActionWrite, staff: Staff) -> ActionRead:
    """Record what people said and what we did or will do (not public until published)."""
    return await staff.run(
        lambda session, scope: actions.read(session, actions.create(session, scope, body=body))
    )


@router.get("")
async def list_actions(staff: Staff) -> list[ActionRead]:
    """Actions for your teams, newest first."""
    return await staff.run(lambda session, scope: actions.list_actions(session, scope))


@router.put("/{action_id}")
async def update_action(action_id: str, body: ActionWrite, staff: Staff) -> ActionRead:
    """Change an action (unpublished again if its Welsh is taken away)."""
    return await staff.run(
        lambda session, scope: actions.read(
            session, actions.update(session, scope, public_id=action_id, body=body)
        )
    )


async def _publish(action_id: str, staff: Staff, published: bool) -> ActionRead:
    def work(session: Session, scope: Scope) -> ActionRead:
        action = actions.publish(session, scope, public_id=action_id, published=published)
        return actions.read(session, action)

    return await staff.run(work)


@router.post("/{action_id}/publish")
async def publish_action(action_id: str, staff: Staff) -> ActionRead:
    """Show it on the public 'You said, we did' pages and thank-you pages."""
    return await _publish(action_id, staff, True)


@router.post("/{action_id}/unpublish")
async def unpublish_action(action_id: str, staff: Staff) -> ActionRead:
    """Take it off the public pages."""
    return await _publish(action_id, staff, False)
