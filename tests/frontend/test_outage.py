"""During a database outage a person sees a page, not JSON; programs keep their JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import sessionmaker

from api.core.db import build_engine
from api.main import create_app
from tests.api.core.test_health import DOWN


@pytest.fixture
def database_down():
    engine = build_engine(DOWN)
    app = create_app()
    app.state.sessions = sessionmaker(engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    engine.dispose()


def test_a_staff_page_is_a_friendly_503_page(database_down):
    database_down.cookies.set("ys_staff", "a-session")
    response = database_down.get("/staff/alerts")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "YouSaid is not available just now" in response.text
    assert "nothing you just did was saved" in response.text
    assert response.headers["retry-after"] == "5"


def test_a_public_form_is_a_friendly_page_in_the_visitors_language(database_down):
    response = database_down.get("/f/parent-carer")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "Sorry, something went wrong" in response.text
    database_down.cookies.set("ys_lang", "cy")
    welsh = database_down.get("/f/parent-carer").text
    assert "aeth rhywbeth o&#39;i le" in welsh or "aeth rhywbeth o'i le" in welsh


def test_the_api_keeps_its_json_503(database_down):
    response = database_down.get(
        "/api/v1/responses", headers={"Authorization": "Bearer not-checked-yet"}
    )
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The service is busy")
