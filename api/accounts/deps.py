"""FastAPI dependencies, defined once: who is asking, and a way to do their work.

A staff request is served in one trip to the thread pool: authenticate, check the role, run
the service and commit, all on one session in one thread (see api.core.db.run_transaction). The
dependencies themselves are async and touch no database, so they cost no thread hop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.accounts import service as accounts
from api.accounts.scope import Scope
from api.core import group_commit
from api.core.db import SessionFactory, run_transaction
from api.core.errors import Forbidden, NotAuthenticated
from api.core.group_commit import GroupCommit
from api.models.enums import Role

T = TypeVar("T")
ANY_ROLE = frozenset(Role)
SUBMITTERS = frozenset({Role.admin, Role.rights_team, Role.manager})


@dataclass(frozen=True)
class StaffRequest:
    """A request bearing an API token, not yet checked against the database."""

    token: str
    sessions: SessionFactory
    # Shares transactions among concurrent writers (api/core/group_commit.py); None: no sharing.
    group: GroupCommit | None = None

    def _authenticated(
        self, work: Callable[[Session, Scope], T], roles: frozenset[Role]
    ) -> Callable[[Session], T]:
        def authenticated(session: Session) -> T:
            scope = accounts.scope_for_token(session, self.token)
            if scope is None:
                raise NotAuthenticated("That API token is not valid, or has been revoked")
            if scope.role not in roles:
                raise Forbidden(f"A {scope.role.value} cannot do this")
            return work(session, scope)

        return authenticated

    async def run_checked(
        self,
        check: Callable[[Session, Scope], Any],
        *,
        roles: frozenset[Role] = ANY_ROLE,
    ) -> T:
        """As `run`, in a transaction shared with other requests writing at the same moment
        (decision 24): `check(session, scope)` reads and refuses by raising; the function it
        returns writes (or is a `Bulk`, written with others of its kind). Answered once the
        shared transaction has committed."""
        authenticated = self._authenticated(check, roles)
        if self.group is None:
            return await run_in_threadpool(
                run_transaction,
                self.sessions,
                lambda session: group_commit.perform(authenticated(session), session),
            )
        result: T = await self.group.run_checked(authenticated)
        return result

    async def run(
        self, work: Callable[[Session, Scope], T], *, roles: frozenset[Role] = ANY_ROLE
    ) -> T:
        """Authenticate and run work(session, scope) in one transaction in one worker thread."""
        return await run_in_threadpool(
            run_transaction, self.sessions, self._authenticated(work, roles)
        )


async def staff_request(request: Request) -> StaffRequest:
    """401 at once without a bearer token; the token itself is checked inside the work."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send an API token as 'Authorization: Bearer <token>'")
    return StaffRequest(
        token=token.strip(),
        sessions=request_sessions(request),
        group=getattr(request.app.state, "intake_commit", None),
    )


def request_sessions(request: Request) -> SessionFactory:
    """Where requests get sessions: app.state.sessions (tests put their own session there)."""
    sessions: SessionFactory = request.app.state.sessions
    return sessions


Staff = Annotated[StaffRequest, Depends(staff_request)]
