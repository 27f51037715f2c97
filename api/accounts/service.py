"""Staff users and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core import transaction_cache
from api.core.errors import Conflict, FieldError, InvalidInput, NotFound
from api.models import ApiToken, StaffUser, Team, staff_user_teams
from api.models.enums import Role

TOKEN_PREFIX = "ys_"  # noqa: S105 - a marker that makes leaked tokens greppable
_hasher = PasswordHasher()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or len(email) > 254:
        raise InvalidInput(
            "That is not an email address", errors=[FieldError("email", "not an email address")]
        )
    return email


def create_user(
    session: Session,
    *,
    email: str,
    role: Role,
    display_name: str | None = None,
    team_slugs: list[str] | None = None,
    password: str | None = None,
) -> StaffUser:
    """Add a staff user; managers and practitioners must be given at least one team."""
    email = normalise_email(email)
    if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise Conflict(f"There is already a user {email}")
    teams = _teams(session, team_slugs or [])
    if role in (Role.manager, Role.practitioner) and not teams:
        raise InvalidInput(
            f"A {role.value} sees only their teams: choose at least one team",
            errors=[
                FieldError("teams", f"A {role.value} sees only their teams: choose at least one")
            ],
        )
    user = StaffUser(
        email=email,
        role=role,
        display_name=display_name or email.split("@")[0],
        password_hash=_hasher.hash(password) if password else None,
        teams=teams,
    )
    session.add(user)
    session.flush()
    return user


def _teams(session: Session, slugs: list[str]) -> list[Team]:
    teams = list(session.scalars(select(Team).where(Team.slug.in_(slugs))))
    missing = sorted(set(slugs) - {t.slug for t in teams})
    if missing:
        raise InvalidInput(
            f"Unknown team: {', '.join(missing)}", errors=[FieldError("team", "unknown team")]
        )
    return teams


def user_by_email(session: Session, email: str) -> StaffUser:
    user = session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))
    if user is None:
        raise NotFound(f"There is no user {email}")
    return user


def verify_password(user: StaffUser, password: str) -> bool:
    if not user.password_hash:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except VerificationError:
        return False


def create_token(session: Session, *, user: StaffUser, name: str = "api") -> str:
    """A new bearer token for the user; returned once, stored only as a hash."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiToken(user_id=user.id, name=name, token_hash=hash_token(token), prefix=token[:10])
    )
    session.flush()
    return token


# Built once: this runs on every API request, and building a select costs more than running it.
_SCOPE_FOR_TOKEN_HASH = (
    select(
        ApiToken.id,
        ApiToken.last_used_at,
        StaffUser.id,
        StaffUser.email,
        StaffUser.role,
        staff_user_teams.c.team_id,
    )
    .join(StaffUser, StaffUser.id == ApiToken.user_id)
    .outerjoin(staff_user_teams, staff_user_teams.c.user_id == StaffUser.id)
    .where(
        ApiToken.token_hash == bindparam("token_hash"),
        ApiToken.revoked_at.is_(None),
        StaffUser.active.is_(True),
    )
)


def scope_for_token(session: Session, token: str) -> Scope | None:
    """The scope of the active user a live token belongs to, in one query; None if none.

    Asked again in the same transaction (requests sharing one, decision 24), the answer is
    the one already read: the token was checked at that transaction's start."""
    connection = session.connection()
    memory = transaction_cache.remembered(session)
    cache_key = ("token_scope", hash_token(token))
    if cache_key in memory:
        cached: Scope = memory[cache_key]
        return cached
    rows = connection.execute(_SCOPE_FOR_TOKEN_HASH, {"token_hash": hash_token(token)}).all()
    if not rows:
        return None
    token_id, last_used_at, user_id, email, role, _ = rows[0]
    now = datetime.now(UTC)
    # Write last_used_at at most once a minute: a token used per request must not serialise writes.
    if last_used_at is None or (now - last_used_at).total_seconds() > 60:
        connection.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
    scope = Scope(
        role=role,
        label=email,
        user_id=user_id,
        team_ids=frozenset(row.team_id for row in rows if row.team_id is not None),
    )
    memory[cache_key] = scope
    return scope
