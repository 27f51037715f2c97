"""Caseload for the tests of "who we are not hearing": contacts a case event named, some
invited, some of those answering, written as the case events service writes them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import (
    CaseContact,
    CaseContactCharacteristic,
    CaseEvent,
    CollectionPoint,
    Invitation,
    Survey,
)
from api.models.enums import AgeBand, Audience, Channel, InvitationStatus, Language
from api.responses import intake
from tests import factories


def contacts(
    db: Session,
    *,
    team: str,
    named: int,
    invited: int,
    responded: int,
    audience: Audience = Audience.parent_carer,
    age_band: AgeBand | None = None,
    language: Language = Language.en,
    point: str = "closure",
    characteristics: dict[str, str] | None = None,
    occurred_at: datetime | None = None,
) -> None:
    """`named` contacts of one group; the first `invited` invited (and sent), the first
    `responded` of those answered."""
    assert responded <= invited <= named
    when = occurred_at or datetime.now(UTC)
    team_id = factories.team(db, team).id
    point_id = db.scalar(select(CollectionPoint.id).where(CollectionPoint.key == point))
    event = CaseEvent(
        event_id=f"event-{uuid.uuid4()}",
        case_ref="C-1",
        event="case_closed",
        team_id=team_id,
        occurred_at=when,
        fingerprint="-",
        outcome=[],
    )
    db.add(event)
    db.flush()
    survey_id = db.scalar(select(Survey.id).where(Survey.key == "parent-carer"))
    for index in range(named):
        invitation = None
        if index < invited:
            invitation = Invitation(
                public_id=str(uuid.uuid4()),
                token_hash=uuid.uuid4().hex,
                survey_id=survey_id,
                team_id=team_id,
                collection_point_id=point_id,
                case_event_id=event.id,
                audience=audience,
                language=language,
                channel=Channel.sms,
                status=InvitationStatus.sent,
                sent_at=when,
            )
            db.add(invitation)
            db.flush()
        row = CaseContact(
            case_event_id=event.id,
            team_id=team_id,
            collection_point_id=point_id,
            occurred_at=when,
            audience=audience,
            language=language,
            age_band=age_band,
            outcome="invited" if invitation else "do_not_contact",
            invitation_id=invitation.id if invitation else None,
        )
        db.add(row)
        db.flush()
        for name, value in (characteristics or {}).items():
            db.add(CaseContactCharacteristic(case_contact_id=row.id, name=name, value=value))
        if invitation is not None and index < responded:
            intake.ingest(
                db,
                submission=factories.submission(team=team, submitted_at=when),
                invitation_id=invitation.id,
            )
    db.flush()
