"""QR placements: a poster or letter with a code, and each scan of it (time only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import Language


class QrPlacement(Base):
    __tablename__ = "qr_placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Short and unguessable: printed on posters, typed by people who cannot scan.
    code: Mapped[str] = mapped_column(String(16), unique=True)
    survey_key: Mapped[str] = mapped_column(String(64))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    location: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]


class QrScan(Base):
    """A scan: when, and of which placement. No address, no device, nothing else."""

    __tablename__ = "qr_scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("qr_placements.id", ondelete="CASCADE"), index=True
    )
    scanned_at: Mapped[datetime] = mapped_column(default=utcnow)
