"""The invitations tests' world: a fresh database with one team, and an outbox for email."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import sessionmaker

from api.core.config import get_settings
from tests import factories


@pytest.fixture
def sessions(fresh_database, use_database, monkeypatch, tmp_path):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    factory = sessionmaker(fresh_database.engine, expire_on_commit=False)
    with factory() as session, session.begin():
        factories.team(session, "north-cin")
    yield factory
    get_settings.cache_clear()
