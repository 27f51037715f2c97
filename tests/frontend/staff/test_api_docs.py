"""The API docs in production: off by default; with YOUSAID_API_DOCS, for signed-in staff."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.core.config import get_settings
from api.main import create_app
from api.models.enums import Role
from tests import factories
from tests.api.core.test_production import safe
from tests.conftest import _RequestSession
from tests.staff_pages import signed_in

DOCS = ["/docs", "/redoc", "/openapi.json"]


@pytest.fixture
def production(monkeypatch, db):
    def start(**extra: str) -> TestClient:
        for key, value in {**safe(), **extra}.items():
            monkeypatch.setenv(f"YOUSAID_{key.upper()}", str(value))
        get_settings.cache_clear()
        app = create_app()
        app.state.sessions = lambda: _RequestSession(db)
        # https, as production is: the staff cookie is Secure.
        return TestClient(app, base_url="https://testserver", raise_server_exceptions=False)

    yield start
    get_settings.cache_clear()


def test_the_docs_are_off_in_production(production):
    client = production()
    for path in DOCS:
        assert client.get(path).status_code == 404, path


def test_turned_on_the_docs_are_for_signed_in_staff_only(production, db):
    client = production(api_docs="true")
    assert client.get("/openapi.json").status_code == 401
    assert (
        client.get("/docs", follow_redirects=False).headers["location"].startswith("/staff/login")
    )
    user = factories.staff_user(db, role=Role.practitioner, teams=["front-door"])
    signed_in(client, user.email)
    schema = client.get("/openapi.json")
    assert schema.status_code == 200 and "/api/v1/responses" in schema.json()["paths"]
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200 and "/openapi.json" in page.text


def test_outside_production_the_docs_stay_open(client):
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/docs").status_code == 200
