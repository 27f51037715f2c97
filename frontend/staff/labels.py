"""Names people read for the ids stored: themes, channels, audiences, statuses."""

from __future__ import annotations

from analysis import taxonomy
from api.config import get_settings

CHANNELS = {
    "web": "Web form",
    "qr": "QR code",
    "sms": "Text message",
    "email": "Email link",
    "import": "Imported",
    "api": "Partner system",
}
AUDIENCES = {
    "young_person": "Children and young people",
    "parent_carer": "Parents and carers",
    "partner": "Partner agencies",
}


def theme(theme_id: str) -> str:
    tax = taxonomy.load(get_settings().taxonomy_file or taxonomy.DEFAULT_TAXONOMY)
    try:
        return tax.theme(theme_id).label_en
    except StopIteration:  # a theme of an older taxonomy
        return theme_id.replace("_", " ").capitalize()


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
}
CONCERNS = {"asked_for_help": "Asked for someone to talk to them"}
MOVES = {
    "acknowledged": "Acknowledge: I am dealing with it",
    "referred": "Refer to children's social care",
    "no_further_action": "No further action",
    "closed": "Close",
}


def concern(category: str) -> str:
    return CONCERNS.get(category) or words(category)


def concerns(categories: list[str]) -> str:
    return ", ".join(concern(c) for c in categories)
