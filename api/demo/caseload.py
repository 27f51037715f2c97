"""The demo's caseload: case events over the last year for every demo team, with the child's
age band, so "Who we are not hearing" shows something under `make run` (decision 46).

Invitations are written as already sent (no number, no address, no message: nothing for the
worker to send), and an invitation that "answered" is linked to one of the demo's own
responses of the same team, collection point and audience. Young people aged 13 to 17
answer far less often than parents, as councils find."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.invitations import links
from api.models import CaseContact, CaseEvent, CollectionPoint, Invitation, Response, Team
from api.models.enums import AgeBand, Audience, Channel, InvitationStatus, Language
from api.surveys import service as surveys

# (audience, age band, share invited, share of the invited who answer)
GROUPS = (
    (Audience.parent_carer, AgeBand.under_5, 0.9, 0.34),
    (Audience.parent_carer, AgeBand.age_5_7, 0.9, 0.32),
    (Audience.parent_carer, AgeBand.age_8_12, 0.9, 0.30),
    (Audience.young_person, AgeBand.age_8_12, 0.6, 0.22),
    (Audience.young_person, AgeBand.age_13_17, 0.7, 0.06),
    (Audience.young_person, AgeBand.care_leaver, 0.8, 0.15),
)
SURVEY = {Audience.parent_carer: "parent-carer", Audience.young_person: "young-person"}


def load(
    session: Session, rng: random.Random, now: datetime, points: dict[str, Sequence[str]]
) -> int:
    """Case events for each team (slug -> its collection points); returns contacts named."""
    point_ids = {
        key: point_id
        for key, point_id in session.execute(select(CollectionPoint.key, CollectionPoint.id))
    }
    survey_ids = {a: surveys.published(session, key).survey_id for a, key in SURVEY.items()}
    named = 0
    for slug, team_points in points.items():
        team_id = session.scalar(select(Team.id).where(Team.slug == slug))
        if team_id is None:
            continue
        for audience, band, invite_share, answer_share in GROUPS:
            for number in range(rng.randint(25, 45)):
                point = rng.choice(list(team_points))
                when = now - timedelta(days=rng.uniform(1, 360))
                language = Language.cy if rng.random() < 0.15 else Language.en
                event = CaseEvent(
                    event_id=f"demo-{slug}-{band.value}-{audience.value}-{number}",
                    case_ref=f"DEMO-{rng.randint(10000, 99999)}",
                    event="case_closed",
                    team_id=team_id,
                    occurred_at=when,
                    received_at=when,
                    fingerprint="demo",
                    outcome=[],
                )
                session.add(event)
                session.flush()
                invitation = None
                if rng.random() < invite_share:
                    public_id = str(uuid.uuid4())
                    invitation = Invitation(
                        public_id=public_id,
                        token_hash=links.token_hash(links.link_token(public_id)),
                        survey_id=survey_ids[audience],
                        team_id=team_id,
                        collection_point_id=point_ids.get(point),
                        case_event_id=event.id,
                        audience=audience,
                        language=language,
                        channel=Channel.sms,
                        status=InvitationStatus.expired,
                        created_at=when,
                        sent_at=when + timedelta(days=2),
                        ended_at=when + timedelta(days=16),
                        ended_reason="expired",
                    )
                    session.add(invitation)
                    session.flush()
                    if rng.random() < answer_share:
                        _answered(session, invitation, point_ids.get(point))
                session.add(
                    CaseContact(
                        case_event_id=event.id,
                        team_id=team_id,
                        collection_point_id=point_ids.get(point),
                        occurred_at=when,
                        audience=audience,
                        language=language,
                        age_band=band,
                        outcome="invited" if invitation else "do_not_contact",
                        invitation_id=invitation.id if invitation else None,
                    )
                )
                named += 1
    session.flush()
    return named


def _answered(session: Session, invitation: Invitation, point_id: int | None) -> None:
    """Link one of the demo's responses like this invitation's to it, when there is one."""
    response_id = session.scalar(
        select(Response.id)
        .where(
            Response.invitation_id.is_(None),
            Response.team_id == invitation.team_id,
            Response.audience == invitation.audience,
            Response.collection_point_id == point_id,
        )
        .limit(1)
    )
    if response_id is None:
        return
    session.execute(
        update(Response).where(Response.id == response_id).values(invitation_id=invitation.id)
    )
    invitation.status = InvitationStatus.completed
    invitation.ended_reason = "completed"
