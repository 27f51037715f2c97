"""Engine, session factory and the request-scoped session (the one commit point)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api.core.config import get_settings

T = TypeVar("T")


# PostgreSQL's text cannot hold NUL (U+0000), and a NUL reaches us in a URL, a form's free
# text, a signed webhook. Refusing it would lose a person's words; so every string bound to a
# query has its NULs replaced by U+FFFD (what a reader's screen shows for an unreadable
# character), on both databases alike: a lookup finds nothing (a 404, not a 500), and words
# are kept. Done once here, at the one place every query passes, not per field.
NUL, REPLACEMENT = "\x00", "\ufffd"
_JSON_NUL = re.compile(r"(?<!\\)\\u0000")  # json.dumps writes a NUL as \u0000


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT) if NUL in value else value
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_nul(v) for v in value)
    return value


def _json_without_nul(value: Any) -> str:
    return _JSON_NUL.sub(r"\\ufffd", json.dumps(value))


def _keep_nul_out(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _bound(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> tuple[str, Any]:
        return statement, _without_nul(parameters)


def build_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for SQLite or PostgreSQL with the settings each needs to be safe under load."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": 15, "check_same_thread": False},
            json_serializer=_json_without_nul,
        )
        _make_sqlite_transactional(engine)
        _keep_nul_out(engine)
        return engine
    connect_args: dict[str, Any] = {"connect_timeout": 5}
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        # No pre-ping: it costs a round trip per request. A connection found dead fails that
        # request with 503 (retryable), and SQLAlchemy then replaces the pool's connections.
        pool_recycle=1800,
        connect_args=connect_args,
        json_serializer=_json_without_nul,
    )
    _keep_nul_out(engine)
    return engine


def _make_sqlite_transactional(engine: Engine) -> None:
    # pysqlite opens transactions lazily and breaks SAVEPOINT; take control of BEGIN ourselves.
    # BEGIN IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout
    # instead of one failing half-way with "database is locked" after it has read.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    # Threads of this process queue for the write lock on a Python lock, which wakes the next
    # one the moment it is free; SQLite's own busy handler polls with sleeps of up to 100 ms,
    # which under load gave second-long tails. busy_timeout still covers other processes.
    writer = threading.RLock()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writer.acquire()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            writer.release()
            raise
        connection.info["holds_writer_lock"] = True

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(connection: Any) -> None:
        # Fired just before COMMIT or ROLLBACK is sent; the next writer may wait a moment on
        # busy_timeout while it completes.
        if connection.info.pop("holds_writer_lock", False):
            writer.release()


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return build_engine(settings.database_url, pool_size=settings.database_pool_size)


@lru_cache
def get_session_factory() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def reset_engine() -> None:
    """Forget the cached engine (tests and the CLI call this after changing settings)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    get_session_factory.cache_clear()


# Something that opens a session as a context manager: a sessionmaker, or in tests a wrapper
# around the test's rolled-back session.
SessionFactory = Callable[[], AbstractContextManager[Session]]


def run_transaction(factory: SessionFactory, work: Callable[[Session], T]) -> T:
    """Open a session, run work, commit (roll back if it raises), close: the one commit point.

    Call it inside one worker thread. A transaction that began in one thread and waited for
    another to commit could hold SQLite's write lock while every pool thread queued behind it.
    """
    with factory() as session:
        try:
            result = work(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return result
