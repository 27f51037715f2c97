"""Marking a day whose tallies are out of date: one appended row per change, in the writer's
own transaction, so a change and its mark are committed together or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from api.core import transaction_cache
from api.models import TallyMark
from api.models.base import utcnow

_INSERT = insert(cast(Table, TallyMark.__table__))


def mark(session: Session, days: Iterable[date]) -> None:
    """These days' tallies must be counted again. Appended, never updated: writers on the
    same day never wait for each other."""
    rows = [{"day": day, "marked_at": utcnow()} for day in sorted(set(days))]
    if rows:
        session.connection().execute(_INSERT, rows)
        forget_marked_days(session)


def forget_marked_days(session: Session) -> None:
    """The marks changed: what this transaction read of them is out of date."""
    transaction_cache.remembered(session).pop("tallies.marked_days", None)
