"""'You said, we did': actions written by staff, published to the people who gave feedback."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from analysis.taxonomy import THEME_IDS
from analysis.text import clean_free_text
from api.accounts.scope import Scope
from api.accounts.scoped import one_for_team, require_role
from api.actions.schemas import ActionRead, ActionWrite
from api.core.errors import FieldError, InvalidInput
from api.models import Action, Response, Team, action_responses
from api.models.enums import Role

WRITERS = frozenset({Role.admin, Role.rights_team, Role.manager})


def _check(session: Session, scope: Scope, body: ActionWrite) -> tuple[int | None, list[int]]:
    require_role(scope, WRITERS, REFUSAL)
    errors = []
    team_id = None
    if body.team:
        team_id = session.scalar(select(Team.id).where(Team.slug == body.team))
        if team_id is None:
            errors.append(FieldError("team", f"there is no team '{body.team}'"))
    if not scope.allows_team(team_id) and not errors:
        errors.append(FieldError("team", "not one of your teams"))
    unknown = sorted(set(body.themes) - set(THEME_IDS))
    if unknown:
        errors.append(FieldError("themes", f"not themes: {', '.join(unknown)}"))
    response_ids = list(
        session.scalars(
            select(Response.id).where(
                Response.public_id.in_(body.responses), scope.team_filter(Response.team_id)
            )
        )
    )
    if len(response_ids) != len(set(body.responses)):
        errors.append(FieldError("responses", "some responses are not ones you can see"))
    if errors:
        raise InvalidInput("Some details are not right", errors=errors)
    return team_id, response_ids


def _apply(action: Action, body: ActionWrite, team_id: int | None) -> None:
    action.team_id = team_id
    action.you_said_en = clean_free_text(body.you_said)
    action.you_said_cy = clean_free_text(body.you_said_cy) if body.you_said_cy else None
    action.we_did_en = clean_free_text(body.we_did)
    action.we_did_cy = clean_free_text(body.we_did_cy) if body.we_did_cy else None
    action.themes = sorted(set(body.themes))
    action.owner = clean_free_text(body.owner)
    action.due_on = body.due_on
    action.status = body.status
    action.updated_at = datetime.now(UTC)


def _link(session: Session, action: Action, response_ids: list[int]) -> None:
    session.execute(delete(action_responses).where(action_responses.c.action_id == action.id))
    if response_ids:
        session.execute(
            insert(action_responses),
            [{"action_id": action.id, "response_id": r} for r in response_ids],
        )


def create(session: Session, scope: Scope, *, body: ActionWrite) -> Action:
    team_id, response_ids = _check(session, scope, body)
    action = Action(public_id=str(uuid.uuid4()), themes=[])
    _apply(action, body, team_id)
    session.add(action)
    session.flush()
    _link(session, action, response_ids)
    return action


REFUSAL = "Actions are written by managers and the rights team"


def _scoped(session: Session, scope: Scope, public_id: str) -> Action:
    return one_for_team(
        session,
        scope,
        Action,
        Action.public_id == public_id,
        roles=WRITERS,
        refusal=REFUSAL,
        missing="There is no such action",
    )


def get(session: Session, scope: Scope, *, public_id: str) -> Action:
    """One action of the reader's teams (404 for another team's)."""
    return _scoped(session, scope, public_id)


def update(session: Session, scope: Scope, *, public_id: str, body: ActionWrite) -> Action:
    action = _scoped(session, scope, public_id)
    team_id, response_ids = _check(session, scope, body)
    _apply(action, body, team_id)
    if action.published_at and not (action.you_said_cy and action.we_did_cy):
        action.published_at = None  # a published action always has its Welsh
    _link(session, action, response_ids)
    session.flush()
    return action


def require_welsh(you_said_cy: str | None, we_did_cy: str | None) -> None:
    """Published words are in Welsh as well as English (Welsh no less favourably): refuse,
    naming each missing field, before anything is written."""
    missing = [
        FieldError(field, f"Add the Welsh of {what} before publishing")
        for field, what, text in (
            ("you_said_cy", "what people said", you_said_cy),
            ("we_did_cy", "what we did", we_did_cy),
        )
        if not (text or "").strip()
    ]
    if missing:
        raise InvalidInput(
            "Add the Welsh before publishing: Welsh is offered as well as English",
            errors=missing,
        )


def publish(session: Session, scope: Scope, *, public_id: str, published: bool) -> Action:
    """Show it (or stop showing it) on the public pages; only with its Welsh."""
    action = _scoped(session, scope, public_id)
    if published:
        require_welsh(action.you_said_cy, action.we_did_cy)
    action.published_at = (action.published_at or datetime.now(UTC)) if published else None
    session.flush()
    return action


def read(session: Session, action: Action) -> ActionRead:
    team = session.scalar(select(Team.slug).where(Team.id == action.team_id))
    responses = list(
        session.scalars(
            select(Response.public_id)
            .join(action_responses, action_responses.c.response_id == Response.id)
            .where(action_responses.c.action_id == action.id)
        )
    )
    return ActionRead(
        id=action.public_id,
        team=team,
        you_said=action.you_said_en,
        you_said_cy=action.you_said_cy,
        we_did=action.we_did_en,
        we_did_cy=action.we_did_cy,
        themes=action.themes,
        responses=responses,
        owner=action.owner,
        due_on=action.due_on,
        status=action.status,
        published=action.published_at is not None,
        published_at=action.published_at,
    )


def list_actions(session: Session, scope: Scope) -> list[ActionRead]:
    require_role(scope, WRITERS, REFUSAL)
    actions = session.scalars(
        select(Action).where(scope.team_filter(Action.team_id)).order_by(Action.created_at.desc())
    )
    return [read(session, a) for a in actions]


def published(session: Session, *, team: str | None = None, limit: int = 50) -> list[Action]:
    """Published actions, newest first: one team's and the council-wide ones, or all."""
    query = select(Action).where(Action.published_at.is_not(None))
    if team is not None:
        team_id = session.scalar(select(Team.id).where(Team.slug == team))
        query = query.where((Action.team_id == team_id) | Action.team_id.is_(None))
    return list(session.scalars(query.order_by(Action.published_at.desc()).limit(limit)))


def team_names(session: Session, actions: list[Action], lang: str) -> dict[int, str]:
    """The name of each action's team as the public reads it: the Welsh name on a Welsh page
    where the team has one, else its English name (council-wide actions have none)."""
    ids = {a.team_id for a in actions if a.team_id is not None}
    if not ids:
        return {}
    name = func.coalesce(Team.name_cy, Team.name) if lang == "cy" else Team.name
    return dict(session.execute(select(Team.id, name).where(Team.id.in_(ids))).tuples().all())
