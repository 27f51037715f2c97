"""One place turns errors into answers: a bug is a 500 that is logged, and the server keeps the
connection it came on; bad input is a 4xx."""

from __future__ import annotations

import logging

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import DataError

from api.core.http_errors import NOT_THAT_KIND, OUT_OF_RANGE, TOO_LONG, refusal
from api.main import create_app
from tests.live import live_server


class Bug(Exception):
    """What a test route raises: a bug, not a database failure."""


def app_with_a_bug() -> FastAPI:
    app = create_app()

    @app.get("/api/v1/test-only-bug")
    def api_bug() -> None:
        raise Bug("a test-only bug")

    @app.get("/you-said-we-did-test-only-bug")
    def page_bug() -> None:
        raise Bug("a test-only bug on a public page")

    return app


@pytest.mark.parametrize("http", ["h11", "httptools"])
def test_after_a_bugs_500_the_same_connection_serves_the_next_request(http):
    connections: list[object] = []
    with live_server(app_with_a_bug(), http=http) as base, httpx.Client(base_url=base) as client:
        for _ in range(3):
            failed = client.get("/api/v1/test-only-bug")
            assert failed.status_code == 500
            assert failed.json()["detail"] == "Something went wrong on our side; it has been logged"
            assert failed.headers.get("connection") != "close"
            healthy = client.get("/healthz")
            assert healthy.status_code == 200
            connections.append(healthy.extensions["network_stream"])
    # One keep-alive connection carried all six requests.
    assert len(set(map(id, connections))) == 1


def test_a_bug_on_a_public_page_is_the_friendly_page_and_is_logged(caplog):
    with TestClient(app_with_a_bug()) as client, caplog.at_level(logging.ERROR, "yousaid"):
        page = client.get("/you-said-we-did-test-only-bug")
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert "Sorry, something went wrong" in page.text
    [logged] = [r for r in caplog.records if r.getMessage() == "unexpected error"]
    assert logged.exc_info and logged.exc_info[0] is Bug


def test_a_bug_in_the_api_is_a_json_500_not_a_raised_exception():
    # The default test client re-raises what reaches the server: nothing does now.
    with TestClient(app_with_a_bug()) as client:
        failed = client.get("/api/v1/test-only-bug")
    assert failed.status_code == 500
    assert failed.json() == {
        "detail": "Something went wrong on our side; it has been logged",
        "errors": [],
    }


def refused(db, statement: str, **values: object) -> BaseException:
    with pytest.raises((DataError, OverflowError)) as caught, db.begin_nested():
        db.execute(sa.text(statement), values)
    return caught.value


def test_a_value_the_database_refuses_is_named_as_text_or_a_number(db, database):
    if database.backend == "sqlite":  # SQLite keeps long text; its driver refuses big integers
        assert refusal(refused(db, "select :n", n=2**64)) == OUT_OF_RANGE
        return
    slug = "t" * 65  # teams.slug is 64 characters
    too_long = "insert into teams (slug, name, service_area) values (:s, 'T', 'cin_cp')"
    assert refusal(refused(db, too_long, s=slug)) == TOO_LONG
    assert refusal(refused(db, "select cast(:n as integer)", n=str(2**40))) == OUT_OF_RANGE
    assert refusal(refused(db, "select cast(:d as date)", d="2026-13-45")) == OUT_OF_RANGE
    assert refusal(refused(db, "select cast(:v as integer)", v="seven")) == NOT_THAT_KIND
