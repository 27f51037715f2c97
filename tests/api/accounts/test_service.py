from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from api.accounts import service as accounts
from api.core.errors import Conflict, InvalidInput
from api.models import ApiToken
from api.models.enums import Role
from tests import factories


def test_a_token_is_stored_only_as_a_hash(db):
    user = accounts.create_user(db, email="a@council.example", role=Role.admin)
    token = accounts.create_token(db, user=user)
    stored = db.scalar(select(ApiToken))
    assert token not in (stored.token_hash, stored.prefix) and stored.token_hash == (
        accounts.hash_token(token)
    )


def test_a_token_gives_its_users_role_and_teams(db):
    factories.team(db, "front-door")
    factories.team(db, "assessment")
    user = accounts.create_user(
        db, email="m@council.example", role=Role.manager, team_slugs=["front-door", "assessment"]
    )
    scope = accounts.scope_for_token(db, accounts.create_token(db, user=user))
    assert scope.role is Role.manager and scope.label == "m@council.example"
    assert scope.team_ids == {t.id for t in user.teams}
    assert not scope.all_teams and scope.raw_text


def test_a_revoked_token_or_inactive_user_gets_no_scope(db):
    user = accounts.create_user(db, email="a@council.example", role=Role.admin)
    token = accounts.create_token(db, user=user)
    user.active = False
    db.flush()
    assert accounts.scope_for_token(db, token) is None
    user.active = True
    db.scalar(select(ApiToken)).revoked_at = datetime.now(UTC)
    db.flush()
    assert accounts.scope_for_token(db, token) is None


def test_practitioners_never_get_raw_text(db):
    factories.team(db, "front-door")
    user = accounts.create_user(
        db, email="p@council.example", role=Role.practitioner, team_slugs=["front-door"]
    )
    scope = accounts.scope_for_token(db, accounts.create_token(db, user=user))
    assert not scope.raw_text


def test_emails_are_unique_whatever_their_case(db):
    accounts.create_user(db, email="Jo@Council.example", role=Role.admin)
    with pytest.raises(Conflict):
        accounts.create_user(db, email="jo@council.example", role=Role.admin)


def test_passwords_are_hashed_with_argon2_and_verify(db):
    user = accounts.create_user(db, email="a@council.example", role=Role.admin, password="s3cret!")
    assert user.password_hash.startswith("$argon2")
    assert accounts.verify_password(user, "s3cret!")
    assert not accounts.verify_password(user, "wrong")


def test_unknown_teams_are_refused(db):
    with pytest.raises(InvalidInput):
        accounts.create_user(
            db, email="a@council.example", role=Role.practitioner, team_slugs=["nope"]
        )
