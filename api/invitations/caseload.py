"""The caseload a case event describes, kept as groups to count (decision 46).

Every contact an event names becomes one row, invited or skipped: its team, collection point,
audience, language, the child's age band and any characteristics on the council's list, the
one-word outcome and, when invited, its invitation. Nothing that reaches a person: the phone
number and address go only to the invitation (and are erased with it), and a skipped contact
leaves none at all."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.invitations.language import unknown_order
from api.invitations.schemas import ContactIn, ContactOutcome
from api.models import CaseContact, CaseContactCharacteristic, Invitation
from api.models.enums import Audience


def record(
    session: Session,
    *,
    contact: ContactIn,
    outcome: ContactOutcome,
    audience: Audience,
    case_event_id: int,
    team_id: int,
    collection_point_id: int | None,
    occurred_at: datetime,
) -> None:
    """Count one contact of a case event in the caseload."""
    # The language they are written to in: the case system's, else the one the invitation
    # settled on (a recorded preference, or the council's first while nobody knows).
    invited = session.get(Invitation, outcome._row_id) if outcome._row_id else None
    language = contact.language or (invited.language if invited else unknown_order()[0])
    row = CaseContact(
        case_event_id=case_event_id,
        team_id=team_id,
        collection_point_id=collection_point_id,
        occurred_at=occurred_at,
        audience=audience,
        language=language,
        age_band=contact.age_band,
        outcome="invited" if outcome.result == "invited" else (outcome.reason or "skipped"),
        invitation_id=outcome._row_id,
    )
    session.add(row)
    if contact.characteristics:
        session.flush()  # the row's id, for its characteristics
        session.add_all(
            CaseContactCharacteristic(case_contact_id=row.id, name=name, value=value)
            for name, value in sorted(contact.characteristics.items())
        )
