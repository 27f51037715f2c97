"""/livez answers without the database; /healthz says whether the database answers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import sessionmaker

from api.core.db import build_engine
from api.main import create_app

# Nothing listens on port 1: a connection is refused at once, as when PostgreSQL is down.
DOWN = "postgresql+psycopg://postgres@127.0.0.1:1/yousaid?connect_timeout=2"


@pytest.fixture
def database_down():
    engine = build_engine(DOWN)
    app = create_app()
    app.state.sessions = sessionmaker(engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    engine.dispose()


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_with_a_short_body_when_the_database_is_down(database_down):
    response = database_down.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert response.headers["retry-after"] == "5"
    assert len(response.content) < 100


def test_livez_stays_up_and_cheap_when_the_database_is_down(database_down):
    response = database_down.get("/livez")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
