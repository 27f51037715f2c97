"""Teams (service areas) and the collection points of a child's journey."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import ServiceArea, Tense


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The Welsh name on Welsh pages (names.teams); None until the council gives one.
    name_cy: Mapped[str | None] = mapped_column(String(200))
    service_area: Mapped[ServiceArea] = mapped_column(str_enum(ServiceArea))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CollectionPoint(Base):
    """A set point of the journey where we ask for feedback (front door, closure, ...)."""

    __tablename__ = "collection_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_cy: Mapped[str] = mapped_column(String(200))
    # Chooses survey wording: "while we are working with you" or "when we worked with you".
    tense: Mapped[Tense] = mapped_column(str_enum(Tense))
    active: Mapped[bool] = mapped_column(default=True)
