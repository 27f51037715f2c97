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


# The shipped surveys by who answers them: their titles ("What do you think?") are written for
# the respondent and say nothing to a duty worker.
SURVEYS = {
    "young-person": "Young people's survey",
    "young-person-under-8": "Under-8s' survey",
    "parent-carer": "Parents' and carers' survey",
    "partner-agency": "Partner agencies' survey",
}


def survey(key: str | None, title: str | None) -> str | None:
    """A survey as staff name it, with the title its respondents saw."""
    if key is None:
        return None
    name = SURVEYS.get(key)
    return f"{name} (“{title}”)" if name and title else (title or key)


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
CONCERNS = {
    "asked_for_help": "Asked for someone to talk to them",
    "physical_abuse": "Physical abuse",
    "sexual_abuse": "Sexual abuse",
    "emotional_abuse": "Emotional abuse",
    "neglect": "Neglect",
    "domestic_abuse": "Domestic abuse",
    "self_harm_suicide": "Self-harm or suicide",
    "exploitation": "Exploitation",
    "unsafe_at_home": "Unsafe at home",
    "missing": "Missing from home or care",
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


def concern(category: str) -> str:
    return CONCERNS.get(category) or words(category)


def concerns(categories: list[str]) -> str:
    return ", ".join(concern(c) for c in categories)


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
    return f"{STATUSES.get(status) or words(status)}, by {actor}", note or None
