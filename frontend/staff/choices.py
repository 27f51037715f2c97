"""The choices staff forms offer: the person's teams, collection points, and the filter form's
lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.models import CollectionPoint, Team
from frontend.staff import filters, labels


def team_choices(session: Session, who: SignedIn) -> list[tuple[str, str]]:
    """The teams this person may pick: their own, or all for roles that see all."""
    query = select(Team.slug, Team.name).where(who.scope.team_filter(Team.id)).order_by(Team.name)
    return [(slug, name) for slug, name in session.execute(query)]


def point_choices(session: Session) -> list[tuple[str, str]]:
    query = select(CollectionPoint.key, CollectionPoint.name_en).order_by(CollectionPoint.name_en)
    return [(key, name) for key, name in session.execute(query)]


def filter_form(session: Session, who: SignedIn) -> dict[str, Any]:
    """What the shared filter form (staff/_filters.html) lists."""
    return {
        "periods": filters.PERIODS,
        "teams": team_choices(session, who),
        "points": point_choices(session),
        "channels": labels.CHANNELS,
        "audiences": labels.AUDIENCES,
    }
