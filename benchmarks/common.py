"""Shared set-up for benchmarks: a fresh, migrated database of either engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from api.core.db import build_engine
from api.core.migrate import sync_reference_data, upgrade_schema

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


def generate(engine: sa.Engine, script: str, n: int) -> float:
    """Run a data generator (statements separated by a blank line) then VACUUM ANALYZE;
    the seconds it took."""
    import time

    began = time.perf_counter()
    with engine.begin() as conn:
        for statement in script.split(";\n\n"):
            conn.execute(sa.text(statement), {"n": n})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    return time.perf_counter() - began


def alternate(
    service: Callable[[], object],
    bare: Callable[[], object],
    repeats: int,
    between: Callable[[], object] = lambda: None,
) -> tuple[float, float]:
    """Time the two in turn, `repeats` times, so drift hits both alike: their medians (s)."""
    import statistics
    import time

    service_times, bare_times = [], []
    for _ in range(repeats):
        for function, times in ((service, service_times), (bare, bare_times)):
            began = time.perf_counter()
            function()
            times.append(time.perf_counter() - began)
        between()
    return statistics.median(service_times), statistics.median(bare_times)
