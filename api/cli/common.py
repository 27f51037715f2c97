"""What every command shares: one transaction per command, and failing with a message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import typer
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core.db import get_session_factory
from api.core.errors import DomainError

CLI = Scope.system("cli")


def fail(message: str) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(1)


@contextmanager
def transaction() -> Iterator[Session]:
    """One transaction per command: all of it is stored, or none of it."""
    try:
        with get_session_factory()() as opened, opened.begin():
            yield opened
    except DomainError as exc:
        details = "".join(f"\n  {e.field}: {e.message}" for e in exc.errors)
        raise fail(exc.message + details) from None
    except OperationalError as exc:
        raise fail(f"The database is unavailable: {exc.orig}") from None


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{value!r} is not a date like 2026-04-30") from None
