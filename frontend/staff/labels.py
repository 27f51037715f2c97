"""Names people read for the ids stored: themes, channels, audiences, statuses."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.alerts.names import CONCERNS, concern, concerns
from api.surveys import names
from api.surveys.names import (
    AUDIENCES,
    CHANNELS,
    SURVEYS,
    audience,
    channel,
    period,
    polarity,
    statement,
    survey,
    survey_name,
)

# The one vocabulary lives in api/surveys/names.py (and the taxonomy for themes), so the
# digest, the exports and these pages name a thing the same way; this module is its face for
# the staff pages.
__all__ = [
    "AUDIENCES",
    "CHANNELS",
    "CONCERNS",
    "SURVEYS",
    "audience",
    "channel",
    "concern",
    "concerns",
    "period",
    "place_labels",
    "polarity",
    "statement",
    "survey",
    "survey_name",
    "theme",
    "theme_cy",
]


def theme(theme_id: str) -> str:
    """A theme's English name from the taxonomy: consistency -> Same worker."""
    return names.theme(theme_id, "en")


def theme_cy(theme_id: str) -> str:
    """A theme's Welsh name from the taxonomy."""
    return names.theme(theme_id, "cy")


def words(value: str) -> str:
    """An enum value as words: no_further_action -> No further action."""
    return value.replace("_", " ").capitalize()


# Who said it, as a duty worker reads it on an alert.
SPEAKERS = {
    "young_person": "A child or young person",
    "parent_carer": "A parent or carer",
    "partner": "A professional from a partner agency",
}
RAISED_BY = {
    "child_request": "They asked for help themselves",
    "analysis": "The analysis of their words",
    "both": "They asked for help, and the analysis of their words flagged it too",
    "concern_review": "A person who read a possible concern raised it",
}
# An alert's history, as a sentence: the status it moved to.
STATUSES = {
    "new": "Raised",
    "acknowledged": "Acknowledged",
    "referred": "Referred to children's social care",
    "no_further_action": "No further action",
    "closed": "Closed",
}
# What raised or added to an alert when no person did (the event's actor label).
NOT_A_PERSON = {
    "asked for help": "the person asked for help",
    "analysis": "the analysis of their words",
}
MOVES = {
    "acknowledged": "Acknowledge: I am dealing with it",
    "referred": "Refer to children's social care",
    "no_further_action": "No further action",
    "closed": "Close",
}


def history_line(status: str, actor: str, note: str | None) -> tuple[str, str | None]:
    """One entry of an alert's history as a duty worker reads it, and the note to quote (a
    person's own words only; the system's notes are folded into the sentence)."""
    if actor in NOT_A_PERSON:
        why = NOT_A_PERSON[actor]
        if note and note.startswith("Also raised"):
            return f"Also raised: {why}", None
        if note:
            return note, None
        return f"Raised: {why}", None
    if status == "new":
        # Still new: a person did something other than move it on (took it, say).
        return f"{note or 'Updated'}, by {actor}", None
    return f"{STATUSES.get(status) or words(status)}, by {actor}", note or None


# What a child chose on the form (decision 44), as a reader of their words is reminded of it.
VISIBILITY = {
    "worker": "They chose: my worker (the team that works with them and the rights team)",
    "rights_team": "They chose: the children's rights team only",
    "service": "They chose: anyone who helps improve the service, without their name",
}


def visibility_label(value: str) -> str:
    return VISIBILITY.get(value, value)


def place_labels(session: Session) -> dict[str, Any]:
    """What a page needs to name teams, collection points and surveys by their stored
    names instead of their slugs: pass as `**labels.place_labels(session)` to a template."""
    team_names, point_names = names.teams(session), names.points(session)
    return {
        "team_label": lambda slug: team_names.get(slug, slug) if slug else "No team",
        "point_label": lambda key: point_names.get(key, key) if key else "None given",
        "survey_label": lambda key: survey_name(key) if key else "",
        "visibility_label": visibility_label,
    }
