"""The demo's episodes: some closures heard from both the young person and a parent, so the
Episodes page and its side-by-side view show something under `make run` (decision 47).

The demo caseload names one contact per case event; here a young person's event and a
parent's of the same team and collection point become one case (the parent's reference and
day), answered ones paired first, and every demo event joins its episode as a real one would."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.episodes import service as episodes
from api.models import CaseContact, CaseEvent, Invitation, Response
from api.models.enums import Audience, ContactRole

ROLE = {Audience.parent_carer: ContactRole.parent, Audience.young_person: ContactRole.young_person}


def load(session: Session) -> int:
    """Pair the demo's young people's and parents' case events; returns the episodes made."""
    rows = session.execute(
        select(CaseEvent, CaseContact.audience, CaseContact.collection_point_id, Invitation)
        .join(CaseContact, CaseContact.case_event_id == CaseEvent.id)
        .outerjoin(Invitation, Invitation.case_event_id == CaseEvent.id)
        .where(CaseEvent.fingerprint == "demo")
        .order_by(CaseEvent.id)
    ).all()
    answered = set(
        session.scalars(select(Response.invitation_id).where(Response.invitation_id.is_not(None)))
    )
    sides: dict[tuple[int, int | None], dict[Audience, list[tuple[CaseEvent, Invitation | None]]]]
    sides = defaultdict(lambda: defaultdict(list))
    for event, audience, point_id, invitation in rows:
        if invitation is not None:
            invitation.contact_role = ROLE.get(audience)
        sides[(event.team_id, point_id)][audience].append((event, invitation))
    for groups in sides.values():

        def heard(item: tuple[CaseEvent, Invitation | None]) -> bool:
            return item[1] is not None and item[1].id in answered

        young = sorted(groups[Audience.young_person], key=heard, reverse=True)
        parents = sorted(groups[Audience.parent_carer], key=heard, reverse=True)
        for (child_event, child_invitation), (parent_event, _) in zip(young, parents, strict=False):
            child_event.case_ref = parent_event.case_ref
            child_event.occurred_at = parent_event.occurred_at
            if child_invitation is not None:
                child_invitation.case_ref = parent_event.case_ref
    made = set()
    for event, _audience, point_id, invitation in rows:
        episode_id = episodes.episode_for_event(
            session,
            case_ref=event.case_ref,
            event=event.event,
            team_id=event.team_id,
            occurred_at=event.occurred_at,
            point_id=point_id,
        )
        event.episode_id = episode_id
        if invitation is not None:
            invitation.episode_id = episode_id
        made.add(episode_id)
    session.flush()
    return len(made)
