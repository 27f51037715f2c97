"""An admin's work on staff accounts and teams: add, change role and teams, deactivate,
reset a password, add a team. Every change is audited; the temporary password a reset or a
new account gets is returned once, to show the admin, and stored only hashed."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts import service as accounts
from api.accounts import signin
from api.accounts.scope import Scope
from api.accounts.scoped import require_role
from api.core import audit
from api.core.errors import Conflict, FieldError, InvalidInput, NotFound
from api.models import StaffSession, StaffUser, Team
from api.models.enums import Role, ServiceArea

ADMINS = frozenset({Role.admin})
REFUSAL = "Only an admin can manage accounts and teams"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def users(session: Session, actor: Scope) -> list[StaffUser]:
    require_role(actor, ADMINS, REFUSAL)
    return list(session.scalars(select(StaffUser).order_by(StaffUser.email)))


def teams(session: Session) -> list[Team]:
    return list(session.scalars(select(Team).order_by(Team.name)))


def add_user(
    session: Session,
    actor: Scope,
    *,
    email: str,
    display_name: str,
    role: Role,
    team_slugs: list[str],
) -> tuple[StaffUser, str]:
    """A new account with a temporary password the person changes at first sign-in."""
    require_role(actor, ADMINS, REFUSAL)
    user = accounts.create_user(
        session,
        email=email,
        role=role,
        display_name=display_name.strip() or None,
        team_slugs=team_slugs,
    )
    temporary = signin.reset_password(session, actor, user)
    audit.record(
        session,
        actor,
        action="user.created",
        object_type="staff_user",
        object_id=str(user.id),
        role=role.value,
        teams=sorted(team_slugs),
    )
    return user, temporary


def _user(session: Session, user_id: int) -> StaffUser:
    user = session.get(StaffUser, user_id)
    if user is None:
        raise NotFound("There is no such user")
    return user


def change_user(
    session: Session,
    actor: Scope,
    *,
    user_id: int,
    role: Role,
    team_slugs: list[str],
    active: bool,
) -> StaffUser:
    require_role(actor, ADMINS, REFUSAL)
    user = _user(session, user_id)
    if user.id == actor.user_id and (role is not Role.admin or not active):
        raise Conflict("You cannot remove your own admin role or deactivate yourself")
    chosen = list(session.scalars(select(Team).where(Team.slug.in_(team_slugs))))
    if role in (Role.manager, Role.practitioner) and not chosen:
        raise InvalidInput(
            f"A {role.value} sees only their teams: choose at least one",
            errors=[FieldError("teams", "choose at least one")],
        )
    user.role, user.teams, user.active = role, chosen, active
    if not active:  # signed out at once, everywhere
        session.query(StaffSession).filter(StaffSession.user_id == user.id).delete()
    audit.record(
        session,
        actor,
        action="user.changed",
        object_type="staff_user",
        object_id=str(user.id),
        role=role.value,
        teams=sorted(t.slug for t in chosen),
        active=active,
    )
    return user


def reset_password(session: Session, actor: Scope, *, user_id: int) -> tuple[StaffUser, str]:
    require_role(actor, ADMINS, REFUSAL)
    user = _user(session, user_id)
    return user, signin.reset_password(session, actor, user)


def add_team(
    session: Session,
    actor: Scope,
    *,
    slug: str,
    name: str,
    area: ServiceArea,
    name_cy: str | None = None,
) -> Team:
    require_role(actor, ADMINS, REFUSAL)
    slug, name, name_cy = slug.strip().lower(), name.strip(), (name_cy or "").strip() or None
    errors = []
    if not SLUG.match(slug) or len(slug) > 64:
        errors.append(FieldError("slug", "Use lower-case letters, numbers and hyphens"))
    if not name or len(name) > 200:
        errors.append(FieldError("name", "Enter the team's name (up to 200 characters)"))
    if name_cy and len(name_cy) > 200:
        errors.append(FieldError("name_cy", "Enter the Welsh name in up to 200 characters"))
    if errors:
        raise InvalidInput("Some details are not right", errors=errors)
    if session.scalar(select(Team.id).where(Team.slug == slug)) is not None:
        raise InvalidInput(
            "There is already a team with that short name",
            errors=[FieldError("slug", f"'{slug}' is taken")],
        )
    team = Team(slug=slug, name=name, name_cy=name_cy, service_area=area)
    session.add(team)
    session.flush()
    audit.record(session, actor, action="team.created", object_type="team", object_id=slug)
    return team


def name_team_in_welsh(session: Session, actor: Scope, *, slug: str, name_cy: str) -> Team:
    """Give (or change, or with an empty name remove) a team's Welsh name: the name Welsh pages
    use ("Dywedoch chi, gwnaethon ni: Tîm Asesu")."""
    require_role(actor, ADMINS, REFUSAL)
    team = session.scalar(select(Team).where(Team.slug == slug))
    if team is None:
        raise InvalidInput("There is no such team", errors=[FieldError("slug", "No such team")])
    name_cy = name_cy.strip()
    if len(name_cy) > 200:
        raise InvalidInput(
            "Some details are not right",
            errors=[FieldError("name_cy", "Enter the Welsh name in up to 200 characters")],
        )
    team.name_cy = name_cy or None
    audit.record(session, actor, action="team.named_in_welsh", object_type="team", object_id=slug)
    return team


def locked(user: StaffUser, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now
