"""Staff sign-in: the right password starts a session; wrong ones lock the account; sessions
end when they should; an admin's reset forces a new password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from api.accounts import signin
from api.accounts.scope import Scope
from api.accounts.signin import Outcome
from api.models import AuditEvent, StaffSession
from api.models.enums import Role
from tests import factories
from tests.factories import STAFF_PASSWORD

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_the_right_password_starts_a_session_that_knows_the_scope(db):
    user = factories.staff_user(db, Role.manager, teams=["north"])
    result = signin.sign_in(db, email=user.email.upper(), password=STAFF_PASSWORD, now=NOW)
    assert result.outcome is Outcome.signed_in and result.token
    who = signin.signed_in(db, result.token, now=NOW + timedelta(minutes=5))
    assert who is not None
    assert who.scope.role is Role.manager and who.scope.team_ids == {user.teams[0].id}
    # Only the token's hash is stored.
    assert db.scalar(select(func.count()).where(StaffSession.token_hash == result.token)) == 0


def test_wrong_email_wrong_password_and_locked_all_look_the_same(db):
    user = factories.staff_user(db)
    unknown = signin.sign_in(db, email="nobody@council.example", password="x", now=NOW)
    wrong = signin.sign_in(db, email=user.email, password="nope", now=NOW)
    assert unknown == wrong == signin.SignIn(Outcome.refused)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(db):
    user = factories.staff_user(db)
    for _ in range(5):
        signin.sign_in(db, email=user.email, password="wrong", now=NOW)
    assert user.locked_until == NOW + timedelta(minutes=15)
    locked = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=NOW)
    assert locked.outcome is Outcome.refused
    later = signin.sign_in(
        db, email=user.email, password=STAFF_PASSWORD, now=NOW + timedelta(minutes=16)
    )
    assert later.outcome is Outcome.signed_in
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.actor_user_id == user.id))
    assert list(actions).count("sign_in.failed") == 5


def test_a_session_ends_when_idle_too_long_or_too_old(db):
    user = factories.staff_user(db)
    token = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=NOW).token
    assert signin.signed_in(db, token, now=NOW + timedelta(minutes=61)) is None
    token = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=NOW).token
    for minutes in range(50, 60 * 10, 50):  # busy all day
        assert signin.signed_in(db, token, now=NOW + timedelta(minutes=minutes)) is not None
    assert signin.signed_in(db, token, now=NOW + timedelta(hours=10, minutes=1)) is None


def test_a_deactivated_user_is_signed_out(db):
    user = factories.staff_user(db)
    token = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=NOW).token
    user.active = False
    assert signin.signed_in(db, token, now=NOW) is None
    again = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=NOW)
    assert again.outcome is Outcome.refused


def test_an_admin_reset_unlocks_signs_out_and_forces_a_new_password(db):
    admin = Scope(role=Role.admin, label="admin@council.example")
    user = factories.staff_user(db)
    token = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=NOW).token
    for _ in range(5):
        signin.sign_in(db, email=user.email, password="wrong", now=NOW)
    temporary = signin.reset_password(db, admin, user)
    assert signin.signed_in(db, token, now=NOW) is None
    result = signin.sign_in(db, email=user.email, password=temporary, now=NOW)
    assert result.outcome is Outcome.must_change_password
    signin.change_password(
        db, user, current=temporary, new="three random words", keep_token=result.token
    )
    who = signin.signed_in(db, result.token, now=NOW)
    assert who is not None and not who.must_change_password


def test_a_new_password_must_be_long_and_not_the_email(db):
    import pytest

    from api.core.errors import InvalidInput

    user = factories.staff_user(db)
    for bad in ("short", user.email):
        with pytest.raises(InvalidInput):
            signin.change_password(db, user, current=STAFF_PASSWORD, new=bad)
    with pytest.raises(InvalidInput, match="current password"):
        signin.change_password(db, user, current="wrong", new="a long enough password")


def test_ended_sessions_are_forgotten_by_the_worker(db):
    user = factories.staff_user(db)
    token = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD).token
    yesterday = datetime.now(UTC) - timedelta(days=1)
    old = signin.sign_in(db, email=user.email, password=STAFF_PASSWORD, now=yesterday).token
    signin.expire_sessions(db, {})
    assert signin.signed_in(db, token) is not None
    assert db.scalar(select(func.count()).select_from(StaffSession)) == 1
    assert signin.signed_in(db, old) is None
