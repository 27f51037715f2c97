"""Fetching one thing that belongs to a team, as the reader's role and scope allow."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core.errors import Forbidden, NotFound
from api.models.enums import Role

M = TypeVar("M")


def require_role(scope: Scope, roles: frozenset[Role], refusal: str) -> None:
    if scope.role not in roles:
        raise Forbidden(refusal)


def one_for_team(
    session: Session,
    scope: Scope,
    model: type[M],
    where: ColumnElement[bool],
    *,
    roles: frozenset[Role],
    refusal: str,
    missing: str,
) -> M:
    """The one row matching `where` within the reader's teams; 403 for the wrong role, 404
    when it does not exist or is another team's (which looks the same, on purpose)."""
    require_role(scope, roles, refusal)
    team_id: Any = model.team_id  # type: ignore[attr-defined]
    found = session.scalar(select(model).where(where, scope.team_filter(team_id)))
    if found is None:
        raise NotFound(missing)
    return found
