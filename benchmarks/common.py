"""Shared set-up for benchmarks: a fresh, migrated database of either engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from api.db import build_engine
from api.migrate import sync_reference_data, upgrade_schema

PG_URL = os.environ.get(
    "YOUSAID_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
RESULTS = Path(__file__).parent / "results"


@contextmanager
def fresh_database(backend: str, workdir: Path) -> Iterator[str]:
    """Yield the URL of a new, migrated database; drop it afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{workdir / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        schema = None
    else:
        schema = f"yousaid_bench_{uuid.uuid4().hex[:10]}"
        admin = build_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    engine = build_engine(url)
    with engine.begin() as conn:
        upgrade_schema(conn)
    with Session(engine) as session, session.begin():
        sync_reference_data(session)
    engine.dispose()
    try:
        yield url
    finally:
        if schema:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
