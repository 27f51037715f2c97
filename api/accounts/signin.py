"""Staff sign-in: passwords (argon2), lockout, browser sessions and admin password resets.

The browser holds a random session token in a cookie; the database keeps only its SHA-256,
with the session's CSRF token, when it was last used and when it ends. A session ends after
`staff_session_idle_minutes` without a page, `staff_session_hours` after it began, on sign-out,
when the user is deactivated, and when their password changes (every session of theirs).

Lockout: `sign_in_attempts` wrong passwords in a row lock the account for
`sign_in_lock_minutes`; while locked even the right password is refused. The answer to a
wrong email, a wrong password and a locked account is the same, so sign-in tells nobody which
addresses have accounts; an unknown email still costs an argon2 verification, so timing does
not tell either.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core import audit
from api.core.config import get_settings
from api.core.errors import FieldError, InvalidInput
from api.jobs import queue as jobs
from api.models import StaffSession, StaffUser, staff_user_teams

MIN_PASSWORD_LENGTH = 12  # NCSC: length, not character rules
_hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong address takes as long as a wrong
# password (computed once, lazily: hashing costs ~50 ms).
_dummy_hash: str | None = None


class Outcome(StrEnum):
    signed_in = "signed_in"
    refused = "refused"  # wrong email, wrong password or locked: the same to the person
    must_change_password = "must_change_password"  # noqa: S105 - an outcome, not a password


@dataclass(frozen=True)
class SignIn:
    outcome: Outcome
    token: str | None = None  # the cookie's value, only when a session was started
    user_id: int | None = None


@dataclass(frozen=True)
class SignedIn:
    """Who a browser's session belongs to, and what they may see."""

    scope: Scope
    user_id: int
    display_name: str
    csrf_token: str
    must_change_password: bool
    language: str | None = None  # the staff pages' language they chose (decision 41)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    return _dummy_hash


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def sign_in(session: Session, *, email: str, password: str, now: datetime | None = None) -> SignIn:
    """Check a password and, if right, start a session. Every attempt is audited."""
    now = now or datetime.now(UTC)
    settings = get_settings()
    user = session.scalar(
        select(StaffUser).where(StaffUser.email == email.strip().lower()).with_for_update()
    )
    right = _verify(user.password_hash if user else None, password)
    if user is None or not user.active:
        return SignIn(Outcome.refused)
    actor = Scope(role=user.role, label=user.email, user_id=user.id)
    if _locked(session, user, actor, now):
        return SignIn(Outcome.refused)
    if not right:
        user.failed_sign_ins += 1
        detail: dict[str, Any] = {"failed_in_a_row": user.failed_sign_ins}
        if user.failed_sign_ins >= settings.sign_in_attempts:
            user.locked_until = now + timedelta(minutes=settings.sign_in_lock_minutes)
            user.failed_sign_ins = 0
            detail["locked_until"] = user.locked_until.isoformat()
        audit.record(session, actor, action="sign_in.failed", object_type="staff_user", **detail)
        return SignIn(Outcome.refused)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    if user.password_hash and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    token = start_session(session, user, now=now)
    audit.record(session, actor, action="sign_in", object_type="staff_user")
    outcome = Outcome.must_change_password if user.must_change_password else Outcome.signed_in
    return SignIn(outcome, token=token, user_id=user.id)


def _locked(session: Session, user: StaffUser, actor: Scope, now: datetime) -> bool:
    """Locked after too many wrong passwords: refused whatever the proof, and audited."""
    if user.locked_until is not None and user.locked_until > now:
        audit.record(session, actor, action="sign_in.locked", object_type="staff_user")
        return True
    return False


def sign_in_sso(session: Session, *, email: str, now: datetime | None = None) -> SignIn:
    """The identity provider vouched for this email: sign in the active person an admin
    added with it (YouSaid's role and teams), unless the account is locked."""
    now = now or datetime.now(UTC)
    user = session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is None or not user.active:
        return SignIn(Outcome.refused)
    actor = Scope(role=user.role, label=user.email, user_id=user.id)
    if _locked(session, user, actor, now):
        return SignIn(Outcome.refused)
    user.last_sign_in_at = now
    if user.must_change_password:
        # They sign in through the provider: an unused temporary password is only a risk.
        user.password_hash, user.must_change_password = None, False
    token = start_session(session, user, now=now)
    audit.record(session, actor, action="sign_in.sso", object_type="staff_user")
    return SignIn(Outcome.signed_in, token=token, user_id=user.id)


def start_session(session: Session, user: StaffUser, *, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            token_hash=_hash(token),
            user_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=get_settings().staff_session_hours),
        )
    )
    session.flush()
    return token


# Built once: every staff page asks it, and building a select costs more than running it.
_SESSION_AND_USER = (
    select(
        StaffSession.token_hash,
        StaffSession.csrf_token,
        StaffSession.last_seen_at,
        StaffSession.expires_at,
        StaffUser.id,
        StaffUser.email,
        StaffUser.display_name,
        StaffUser.role,
        StaffUser.active,
        StaffUser.must_change_password,
        StaffUser.language,
        staff_user_teams.c.team_id,
    )
    .join(StaffUser, StaffUser.id == StaffSession.user_id)
    .outerjoin(staff_user_teams, staff_user_teams.c.user_id == StaffUser.id)
    .where(StaffSession.token_hash == bindparam("token_hash"))
)


def signed_in(session: Session, token: str, *, now: datetime | None = None) -> SignedIn | None:
    """The live session a cookie names, or None; using it keeps it alive. One query."""
    now = now or datetime.now(UTC)
    rows = session.execute(_SESSION_AND_USER, {"token_hash": _hash(token)}).all()
    if not rows:
        return None
    (token_hash, csrf, last_seen_at, expires_at, user_id, email, name, role, active, change) = rows[
        0
    ][:10]
    language = rows[0][10]
    idle = timedelta(minutes=get_settings().staff_session_idle_minutes)
    if not active or expires_at <= now or last_seen_at + idle <= now:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash))
        return None
    # Written at most once a minute: a busy page must not turn every view into a write.
    if now - last_seen_at > timedelta(minutes=1):
        session.execute(
            update(StaffSession)
            .where(StaffSession.token_hash == token_hash)
            .values(last_seen_at=now)
        )
    return SignedIn(
        scope=Scope(
            role=role,
            label=email,
            user_id=user_id,
            team_ids=frozenset(row.team_id for row in rows if row.team_id is not None),
        ),
        user_id=user_id,
        display_name=name,
        csrf_token=csrf,
        must_change_password=change,
        language=language,
    )


EXPIRE = "staff_sessions.expire"


@jobs.handler(EXPIRE)
def expire_sessions(session: Session, payload: dict[str, Any]) -> None:
    """Forget sessions that have ended (too old, or idle too long)."""
    now = datetime.now(UTC)
    idle = timedelta(minutes=get_settings().staff_session_idle_minutes)
    session.execute(
        delete(StaffSession).where(
            (StaffSession.expires_at <= now) | (StaffSession.last_seen_at <= now - idle)
        )
    )


def sign_out(session: Session, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == _hash(token)))


def choose_language(session: Session, *, user_id: int, language: str) -> None:
    """Keep the staff pages' language with the person: it follows them to any computer."""
    if language not in ("en", "cy"):
        raise InvalidInput("Choose English or Cymraeg")
    session.execute(update(StaffUser).where(StaffUser.id == user_id).values(language=language))


def check_new_password(password: str, *, email: str) -> None:
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"use at least {MIN_PASSWORD_LENGTH} characters (three words work well)")
    if password.strip().lower() == email.strip().lower():
        problems.append("do not use your email address")
    if len(password) > 1000:
        problems.append("use at most 1,000 characters")
    if problems:
        raise InvalidInput(
            "Choose another password", errors=[FieldError("password", p) for p in problems]
        )


def change_password(
    session: Session, user: StaffUser, *, current: str, new: str, keep_token: str | None = None
) -> None:
    """The person's own change: needs the current password; ends their other sessions."""
    if not _verify(user.password_hash, current):
        raise InvalidInput(
            "Your current password is not right",
            errors=[FieldError("current_password", "not right")],
        )
    check_new_password(new, email=user.email)
    _set_password(session, user, new, keep_token=keep_token)
    user.must_change_password = False
    audit.record(
        session,
        Scope(role=user.role, label=user.email, user_id=user.id),
        action="password.changed",
        object_type="staff_user",
        object_id=str(user.id),
    )


def reset_password(session: Session, actor: Scope, user: StaffUser) -> str:
    """An admin's reset: a temporary password (shown to the admin once) that must be changed
    at the next sign-in; unlocks the account and signs the user out everywhere."""
    temporary = "-".join(secrets.token_urlsafe(4) for _ in range(4))
    _set_password(session, user, temporary, keep_token=None)
    user.must_change_password = True
    user.failed_sign_ins = 0
    user.locked_until = None
    audit.record(
        session, actor, action="password.reset", object_type="staff_user", object_id=str(user.id)
    )
    return temporary


def _set_password(
    session: Session, user: StaffUser, password: str, *, keep_token: str | None
) -> None:
    user.password_hash = _hasher.hash(password)
    ended = delete(StaffSession).where(StaffSession.user_id == user.id)
    if keep_token is not None:
        ended = ended.where(StaffSession.token_hash != _hash(keep_token))
    session.execute(ended)
