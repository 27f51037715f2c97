"""What each run of the retention job did: counts per kind of data, never content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, JSONType, utcnow


class RetentionRun(Base):
    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Set when every step has nothing left to do; a run stopped mid-way is carried on by
    # the next slice of the job (or the next day's run) from where it stopped.
    finished_at: Mapped[datetime | None]
    dry_run: Mapped[bool] = mapped_column(default=False)
    # "worker", "cli": who started it.
    actor_label: Mapped[str] = mapped_column(String(254))
    # {"raw_text": 12, "free_text": 3, ...}: rows changed (or, on a dry run, that would be).
    counts: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
