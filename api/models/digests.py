"""Every digest a forum was sent: one per forum per period, archived."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import DigestStatus


class Digest(Base):
    __tablename__ = "digests"
    # One digest per forum per period, however many workers look and however often.
    __table_args__ = (UniqueConstraint("forum_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(16))
    status: Mapped[DigestStatus] = mapped_column(
        str_enum(DigestStatus), default=DigestStatus.pending
    )
    subject: Mapped[str | None] = mapped_column(String(300))
    # As sent (published figures and redacted quotes only), for the archive.
    text: Mapped[str | None] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # The email's Message-ID (one per forum and period) and when it was handed to the mail
    # server: what a person needs to find it in the mail server's log (decision 35).
    message_id: Mapped[str | None] = mapped_column(String(200))
    handed_over_at: Mapped[datetime | None]
