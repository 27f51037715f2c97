"""SQL the ORM cannot give us cheaply: insert-or-ignore that runs on both engines."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Table, TextClause, bindparam, text


@lru_cache
def insert_or_ignore(table: Table, *, conflict: str | tuple[str, ...]) -> TextClause:
    """INSERT ... ON CONFLICT (conflict) DO NOTHING RETURNING id, as typed text.

    Insert-or-ignore, never check-then-insert: of two writers racing on one key exactly one
    inserts, and the other gets no row back. The same SQL runs on PostgreSQL and SQLite 3.35+.
    It is text because SQLAlchemy's dialect on_conflict_do_nothing() constructs opt out of the
    statement cache, which recompiled the statement on every call (docs/decisions/0002).
    Give every column but a generated id: text statements apply no Python-side defaults.
    A table without an id column (keyed by the conflict column itself) returns that column.
    """
    generated = "id" if "id" in table.columns else None
    keys = (conflict,) if isinstance(conflict, str) else conflict
    targets = ", ".join(f'"{k}"' for k in keys)
    columns = [c for c in table.columns if c.name != generated]
    names = ", ".join(f'"{c.name}"' for c in columns)
    values = ", ".join(f":{c.name}" for c in columns)
    sql = (
        f'INSERT INTO "{table.name}" ({names}) VALUES ({values}) '  # noqa: S608 - our own names
        f'ON CONFLICT ({targets}) DO NOTHING RETURNING "{generated or keys[0]}"'
    )
    return text(sql).bindparams(*(bindparam(c.name, type_=c.type) for c in columns))


@lru_cache(maxsize=256)
def insert_or_ignore_many(
    table: Table, *, conflict: str, rows: int, returning: tuple[str, ...]
) -> TextClause:
    """The same for `rows` rows in one statement (one round trip), returning the named
    columns of the rows inserted; a row whose key was taken, by an earlier row of the same
    statement too, is skipped. Parameters are the column names suffixed _0, _1, ..."""
    columns = [c for c in table.columns if c.name != "id"]
    names = ", ".join(f'"{c.name}"' for c in columns)
    groups = ", ".join(
        "(" + ", ".join(f":{c.name}_{i}" for c in columns) + ")" for i in range(rows)
    )
    sql = (
        f'INSERT INTO "{table.name}" ({names}) VALUES {groups} '  # noqa: S608 - our own names
        f'ON CONFLICT ("{conflict}") DO NOTHING RETURNING '
        + ", ".join(f'"{name}"' for name in returning)
    )
    return text(sql).bindparams(
        *(bindparam(f"{c.name}_{i}", type_=c.type) for i in range(rows) for c in columns)
    )
