"""The choices staff forms offer: the person's teams, collection points, and the filter form's
lists (the shared ones, and the Responses list's own: themes, ratings, feeling ...)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.taxonomy import THEME_IDS
from api.accounts.signin import SignedIn
from api.models import CollectionPoint, Team
from api.models.enums import Role
from frontend.staff import filters, labels

# Who may download spreadsheets (frontend/staff/export.py); the list links there for them.
EXPORTERS = frozenset({Role.admin, Role.rights_team, Role.manager})


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


FEELINGS = {
    "positive": "Positive",
    "negative": "Negative",
    "mixed": "Mixed",
    "neutral": "Neutral",
}
LANGUAGES = {"en": "English", "cy": "Welsh"}
POLARITIES = {"negative": "A worry", "positive": "Praise"}
RATINGS = {
    "1-2": "1 or 2 (disagree)",
    "3": "3 (neither)",
    "4-5": "4 or 5 (agree)",
    "1": "1",
    "2": "2",
    "4": "4",
    "5": "5",
}


def response_filter_form(session: Session, who: SignedIn) -> dict[str, Any]:
    """The filter form with what only a list of responses can ask, for the Responses list and
    the export page."""
    return filter_form(session, who) | {
        "theme_choices": sorted(((t, labels.theme(t)) for t in THEME_IDS), key=lambda t: t[1]),
        "polarities": POLARITIES,
        "questions": filters.scaled_questions(),
        "ratings": RATINGS,
        "feelings": FEELINGS,
        "languages": LANGUAGES,
    }
