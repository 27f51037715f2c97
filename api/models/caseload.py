"""The caseload the case events describe: one row per contact an event named, invited or not.

Only what is needed to count who we are not hearing (decision 46): the groups a contact
belongs to and, when they were invited, which invitation. Never a phone number, an address,
a name or a reason in words; a skipped contact (do_not_contact and the rest) leaves only its
groups and the one-word outcome."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum
from api.models.enums import AgeBand, Audience, Language


class CaseContact(Base):
    __tablename__ = "case_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_event_id: Mapped[int] = mapped_column(ForeignKey("case_events.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    # When the event happened: the Overview's period is the caseload's, not the sending's.
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    age_band: Mapped[AgeBand | None] = mapped_column(str_enum(AgeBand, length=8))
    # "invited", or the one-word reason it was not (do_not_contact, opted_out, …).
    outcome: Mapped[str] = mapped_column(String(40))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"), index=True)


class CaseContactCharacteristic(Base):
    """A characteristic the council chose to send (ethnicity, disability), one row a name, with
    a value from the council's own list: a count can be grouped by it in plain SQL."""

    __tablename__ = "case_contact_characteristics"
    __table_args__ = (UniqueConstraint("case_contact_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_contact_id: Mapped[int] = mapped_column(ForeignKey("case_contacts.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(40))
