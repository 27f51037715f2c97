"""Real databases for every test: SQLite and PostgreSQL, migrated once, a transaction per test.

PostgreSQL comes from YOUSAID_TEST_POSTGRES_URL (default: the local trust-auth server, database
`test`). Each run migrates one template database per backend and copies it for each test
that needs a database of its own, dropped at the end. Without a server the PostgreSQL
tests skip, unless YOUSAID_TEST_REQUIRE_POSTGRES=1 (CI), when they fail instead.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ["YOUSAID_ENVIRONMENT"] = "test"
os.environ.setdefault("YOUSAID_WORKER_IN_PROCESS", "false")
# The slow lane's second reading (about 40 ms an answer) is off unless a test turns it on:
# its own tests in tests/api/answer_analysis do; everywhere else the fast lane decides alone.
os.environ.setdefault("YOUSAID_SECOND_READING", "false")

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.core import reference_cache
from api.core.config import get_settings
from api.core.db import build_engine, reset_engine
from api.core.migrate import sync_reference_data, upgrade_schema
from api.main import create_app

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", "postgresql"]


@dataclass
class Database:
    """A migrated database of one backend: its URL (usable by the CLI too) and engine."""

    backend: str
    url: str
    engine: sa.Engine


def _postgres_available(url: str) -> str | None:
    try:
        engine = build_engine(url)
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]


def _require_postgres() -> bool:
    return os.environ.get("YOUSAID_TEST_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def postgres_base_url() -> str:
    url = os.environ.get("YOUSAID_TEST_POSTGRES_URL", DEFAULT_PG)
    problem = _postgres_available(url)
    if problem:
        message = f"PostgreSQL is not reachable at {url}: {problem}"
        if _require_postgres():
            pytest.fail(message)
        pytest.skip(message)
    return url


def _migrated(url: str) -> None:
    engine = build_engine(url)
    with engine.begin() as conn:
        upgrade_schema(conn)
    with Session(engine) as session, session.begin():
        sync_reference_data(session)
    engine.dispose()


@pytest.fixture(scope="session")
def template_databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], str]]:
    """One migrated database per backend, made once a run and copied for each test that needs
    a database of its own: migrating from nothing took a second or more a test, copying takes
    milliseconds (a file copy; PostgreSQL's CREATE DATABASE ... TEMPLATE)."""
    made: dict[str, str] = {}
    drops: list[tuple[sa.Engine, str]] = []

    def template(backend: str) -> str:
        if backend in made:
            return made[backend]
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'template.db'}"
        else:
            base = request.getfixturevalue("postgres_base_url")
            name = f"yousaid_template_{uuid.uuid4().hex[:12]}"
            admin = build_engine(base).execution_options(isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            drops.append((admin, name))
            url = sa.make_url(base).set(database=name).render_as_string(hide_password=False)
        _migrated(url)
        made[backend] = url
        return url

    yield template
    for admin, name in drops:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _fresh(backend: str, tmp_dir: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A new, migrated database (a copy of the run's template); dropped afterwards."""
    template_url = request.getfixturevalue("template_databases")(backend)
    cleanup = None
    if backend == "sqlite":
        path = tmp_dir / f"yousaid-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(sa.make_url(template_url).database or "", path)
        url = f"sqlite:///{path}"
    else:
        base = request.getfixturevalue("postgres_base_url")
        name = f"yousaid_test_{uuid.uuid4().hex[:12]}"
        template = sa.make_url(template_url).database
        admin = build_engine(base).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        url = sa.make_url(base).set(database=name).render_as_string(hide_password=False)

        def cleanup() -> None:
            with admin.connect() as conn:
                # FORCE: a server thread a test started may still hold a connection.
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    engine = build_engine(url)
    try:
        yield Database(backend, url, engine)
    finally:
        engine.dispose()
        if cleanup:
            cleanup()


@pytest.fixture(scope="session", params=BACKENDS)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The shared database of a backend; tests see it only through rolled-back transactions."""
    yield from _fresh(request.param, tmp_path_factory.mktemp("db"), request)


@pytest.fixture
def fresh_database(
    database: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Database]:
    """A database of its own, for tests that must commit (concurrency, the CLI)."""
    yield from _fresh(database.backend, tmp_path, request)


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Point the app's own engine (used by the CLI and worker) at a given database."""

    def point_at(db: Database) -> None:
        monkeypatch.setenv("YOUSAID_DATABASE_URL", db.url)
        get_settings.cache_clear()
        reset_engine()

    yield point_at
    get_settings.cache_clear()
    reset_engine()


@pytest.fixture
def db(database: Database) -> Iterator[Session]:
    """A session whose every write is rolled back when the test ends."""
    connection = database.engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


class _RequestSession:
    """A request's view of the test's session: its own savepoint, so its commit keeps its
    writes for the test to see and its rollback undoes only them, as in production."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._savepoint = session.begin_nested()

    def __enter__(self) -> _RequestSession:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._savepoint.is_active:
            self._savepoint.rollback()

    def commit(self) -> None:
        self._savepoint.commit()

    def rollback(self) -> None:
        if self._savepoint.is_active:
            self._savepoint.rollback()

    def __getattr__(self, name: str) -> object:
        return getattr(self._session, name)


@pytest.fixture
def app(db: Session):  # type: ignore[no-untyped-def]
    application = create_app()

    application.state.sessions = lambda: _RequestSession(db)
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(autouse=True)
def _forget_cached_reference_ids() -> Iterator[None]:
    """Each test's rollback un-writes the teams it made; forget their ids with them."""
    yield
    reference_cache.clear_all()
