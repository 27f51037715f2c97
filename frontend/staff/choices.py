"""The choices staff forms offer: the person's teams, collection points, and the filter form's
lists (the shared ones, and the Responses list's own: themes, ratings, feeling ...)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.taxonomy import THEME_IDS
from api.accounts.signin import SignedIn
from api.models import CollectionPoint, Team
from api.models.enums import Role
from frontend.staff import filters, labels
from frontend.staff.language import N_, translated

# Who may download spreadsheets (frontend/staff/export.py); the list links there for them.
EXPORTERS = frozenset({Role.admin, Role.rights_team, Role.manager})


def team_choices(session: Session, who: SignedIn) -> list[tuple[str, str]]:
    """The teams this person may pick: their own, or all for roles that see all."""
    # A Welsh reader sees a team's Welsh name where it has one.
    name = func.coalesce(Team.name_cy, Team.name) if labels.lang() == "cy" else Team.name
    query = select(Team.slug, name).where(who.scope.team_filter(Team.id)).order_by(Team.name)
    return [(slug, name) for slug, name in session.execute(query)]


def point_choices(session: Session) -> list[tuple[str, str]]:
    name = CollectionPoint.name_cy if labels.lang() == "cy" else CollectionPoint.name_en
    query = select(CollectionPoint.key, name).order_by(CollectionPoint.name_en)
    return [(key, name) for key, name in session.execute(query)]


def filter_form(session: Session, who: SignedIn) -> dict[str, Any]:
    """What the shared filter form (staff/_filters.html) lists."""
    return {
        "periods": translated(filters.PERIODS),
        "teams": team_choices(session, who),
        "points": point_choices(session),
        "channels": labels.channels(),
        "audiences": labels.audiences(),
    }


FEELINGS = {
    "positive": N_("Positive"),
    "negative": N_("Negative"),
    "mixed": N_("Mixed"),
    "neutral": N_("Neutral"),
}
LANGUAGES = {"en": N_("English"), "cy": N_("Welsh")}
POLARITIES = {"negative": N_("A worry"), "positive": N_("Praise")}
RATINGS = {
    "1-2": N_("1 or 2 (disagree)"),
    "3": N_("3 (neither)"),
    "4-5": N_("4 or 5 (agree)"),
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
        "polarities": translated(POLARITIES),
        "questions": filters.scaled_questions(),
        "ratings": translated(RATINGS),
        "feelings": translated(FEELINGS),
        "languages": translated(LANGUAGES),
    }
