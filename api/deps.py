"""FastAPI dependencies, defined once: the session, who is asking, and what they may do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from api.accounts import service as accounts
from api.accounts.scope import Scope
from api.db import SessionDep
from api.errors import Forbidden, NotAuthenticated
from api.models.enums import Role


def current_scope(request: Request, session: SessionDep) -> Scope:
    """The scope of the bearer token's user; 401 without a live token."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send an API token as 'Authorization: Bearer <token>'")
    user = accounts.user_for_token(session, token.strip())
    if user is None:
        raise NotAuthenticated("That API token is not valid, or has been revoked")
    return Scope.for_user(user)


CurrentScope = Annotated[Scope, Depends(current_scope)]


def require_role(*roles: Role) -> Callable[[Scope], Scope]:
    allowed = frozenset(roles)

    def check(scope: CurrentScope) -> Scope:
        if scope.role not in allowed:
            raise Forbidden(f"A {scope.role.value} cannot do this")
        return scope

    return check


CanSubmit = Annotated[Scope, Depends(require_role(Role.admin, Role.rights_team, Role.manager))]
