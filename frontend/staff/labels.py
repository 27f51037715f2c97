"""Names people read for the ids stored: themes, channels, audiences, statuses."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from api.alerts import names as alert_names
from api.alerts.names import CONCERNS
from api.dashboard.judgement import Judgement
from api.dashboard.overview import Bucket
from api.surveys import names
from api.surveys.names import AUDIENCES, CHANNELS, SURVEYS
from frontend.staff.language import N_, _, current, strftime_in

# The one vocabulary lives in api/surveys/names.py (and the taxonomy for themes), so the
# digest, the exports and these pages name a thing the same way; this module is its face for
# the staff pages.
__all__ = [
    "AUDIENCES",
    "CHANNELS",
    "CONCERNS",
    "SURVEYS",
    "audience",
    "audiences",
    "channel",
    "channels",
    "concern",
    "concern_choices",
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


def lang() -> names.Lang:
    """The reader's language as the vocabulary takes it."""
    return "cy" if current() == "cy" else "en"


def theme(theme_id: str) -> str:
    """A theme's name from the taxonomy in the reader's language: consistency -> Same worker."""
    return names.theme(theme_id, lang())


def theme_cy(theme_id: str) -> str:
    """A theme's Welsh name from the taxonomy."""
    return names.theme(theme_id, "cy")


# The vocabulary's names in the reader's language unless another is asked for.
def channel(key: str, language: names.Lang | None = None) -> str:
    return names.channel(key, language or lang())


def audience(key: str, language: names.Lang | None = None) -> str:
    return names.audience(key, language or lang())


def polarity(key: str, language: names.Lang | None = None) -> str:
    return names.polarity(key, language or lang())


def survey_name(key: str, language: names.Lang | None = None) -> str:
    return names.survey_name(key, language or lang())


def statement(survey_key: str, key: str, language: names.Lang | None = None) -> str:
    return names.statement(survey_key, key, language or lang())


def survey(key: str | None, title: str | None) -> str | None:
    """A survey as staff name it, with the title its respondents saw."""
    if key is None:
        return None
    name = survey_name(key) if key in SURVEYS else None
    return f"{name} (“{title}”)" if name and title else (title or key)


def period(
    key: str, first_day: date, after_last_day: date, language: names.Lang | None = None
) -> str:
    return names.period(key, first_day, after_last_day, language or lang())


def channels() -> dict[str, str]:
    """Channel id -> name, in the reader's language, for menus."""
    return {key: channel(key) for key in CHANNELS}


def audiences() -> dict[str, str]:
    """Audience id -> name, in the reader's language, for menus."""
    return {key: audience(key) for key in AUDIENCES}


def concern(category: str) -> str:
    """An alert's concern in the reader's language (the duty email keeps its English)."""
    return _(alert_names.concern(category))


def concerns(categories: list[str]) -> str:
    return ", ".join(concern(c) for c in categories)


def concern_choices() -> list[tuple[str, str]]:
    return [(key, concern(key)) for key in CONCERNS]


# What each role is called where a person reads it (the header, the users list).
ROLES = {
    "admin": N_("admin"),
    "rights_team": N_("rights team"),
    "manager": N_("manager"),
    "practitioner": N_("practitioner"),
}


def role(value: str) -> str:
    return _(ROLES[value]) if value in ROLES else words(value)


def words(value: str) -> str:
    """An enum value as words: no_further_action -> No further action."""
    return value.replace("_", " ").capitalize()


# Who said it, as a duty worker reads it on an alert.
SPEAKERS = {
    "young_person": N_("A child or young person"),
    "parent_carer": N_("A parent or carer"),
    "partner": N_("A professional from a partner agency"),
}
RAISED_BY = {
    "child_request": N_("They asked for help themselves"),
    "analysis": N_("The analysis of their words"),
    "both": N_("They asked for help, and the analysis of their words flagged it too"),
    "concern_review": N_("A person who read a possible concern raised it"),
}
# An alert's history, as a sentence: the status it moved to.
STATUSES = {
    "new": N_("Raised"),
    "acknowledged": N_("Acknowledged"),
    "referred": N_("Referred to children's social care"),
    "no_further_action": N_("No further action"),
    "closed": N_("Closed"),
}
# What raised or added to an alert when no person did (the event's actor label).
NOT_A_PERSON = {
    "asked for help": N_("the person asked for help"),
    "analysis": N_("the analysis of their words"),
}
# An alert's status inside a sentence or a tag: "the alert is now referred".
STATUS_WORDS = {
    "new": N_("new"),
    "acknowledged": N_("acknowledged"),
    "referred": N_("referred"),
    "no_further_action": N_("no further action"),
    "closed": N_("closed"),
}


def status_word(value: str) -> str:
    return _(STATUS_WORDS[value]) if value in STATUS_WORDS else value.replace("_", " ")


MOVES = {
    "acknowledged": N_("Acknowledge: I am dealing with it"),
    "referred": N_("Refer to children's social care"),
    "no_further_action": N_("No further action"),
    "closed": N_("Close"),
}


def history_line(status: str, actor: str, note: str | None) -> tuple[str, str | None]:
    """One entry of an alert's history as a duty worker reads it, and the note to quote (a
    person's own words only; the system's notes are folded into the sentence)."""
    if actor in NOT_A_PERSON:
        why = _(NOT_A_PERSON[actor])
        if note and note.startswith("Also raised"):
            return _("Also raised: %(why)s", why=why), None
        if note:
            return _(note), None
        return _("Raised: %(why)s", why=why), None
    if status == "new":
        # Still new: a person did something other than move it on (took it, say). The
        # system's own notes ("Assigned to ...") are English; a person's are their own.
        return _("%(what)s, by %(who)s", what=_system_note(note), who=actor), None
    what = _(STATUSES[status]) if status in STATUSES else words(status)
    return _("%(what)s, by %(who)s", what=what, who=actor), note or None


def _system_note(note: str | None) -> str:
    """The alert service's own notes (English, stored) as the reader reads them."""
    if not note:
        return _("Updated")
    if note.startswith("Assigned to "):
        return _("Assigned to %(who)s", who=note.removeprefix("Assigned to "))
    return _(note)


def _by_key_and_english(english: dict[str, str], shown: dict[str, str]) -> dict[str, str]:
    """Key -> name in the reader's language, and the English name -> the same (some lists
    carry the stored English name rather than the slug)."""
    # A name with no Welsh yet (a council's new point) keeps its English.
    shown = {key: name or english.get(key, key) for key, name in shown.items()}
    return {english[key]: name for key, name in shown.items() if key in english} | shown


# What a child chose on the form (decision 44), as a reader of their words is reminded of it.
VISIBILITY = {
    "worker": N_("They chose: my worker (the team that works with them and the rights team)"),
    "rights_team": N_("They chose: the children's rights team only"),
    "service": N_("They chose: anyone who helps improve the service, without their name"),
}


def choice(question: Any, value: str) -> str:
    """A choice answer as its option reads in the reader's language; an option no longer in
    the survey shows its stored value in words."""
    for option in getattr(question, "options", None) or ():
        if option.value == value:
            return str(option.cy if lang() == "cy" else option.en)
    return words(value)


def visibility_label(value: str) -> str:
    return _(VISIBILITY[value]) if value in VISIBILITY else value


def place_labels(session: Session) -> dict[str, Any]:
    """What a page needs to name teams, collection points and surveys by their stored
    names instead of their slugs: pass as `**labels.place_labels(session)` to a template."""
    team_names = _by_key_and_english(names.teams(session, "en"), names.teams(session, lang()))
    point_names = _by_key_and_english(names.points(session, "en"), names.points(session, lang()))
    return {
        "team_label": lambda slug: team_names.get(slug, slug) if slug else _("No team"),
        "point_label": lambda key: point_names.get(key, key) if key else _("None given"),
        "survey_label": lambda key: survey_name(key) if key else "",
        "visibility_label": visibility_label,
    }


# A team's service area, as the Users and teams page names it.
SERVICE_AREAS = {
    "front_door": N_("front door"),
    "assessment": N_("assessment"),
    "cin_cp": N_("child in need and child protection"),
    "children_in_care": N_("children in care"),
    "early_help": N_("early help"),
    "disability": N_("disability"),
    "other": N_("other"),
}


def service_area(value: str) -> str:
    return _(SERVICE_AREAS[value]) if value in SERVICE_AREAS else value.replace("_", " ")


# What the Overview's funnel calls a step with no collection point, or one since removed.
FUNNEL_GAPS = {"None given": N_("None given"), "Unknown": N_("Unknown")}


def point_namer(session: Session) -> Any:
    """A collection point's stored English name (as api/dashboard names a funnel step) ->
    its name in the reader's language."""
    by_english = _by_key_and_english(names.points(session, "en"), names.points(session, lang()))

    def name(point: str) -> str:
        if point in FUNNEL_GAPS:
            return _(FUNNEL_GAPS[point])
        return by_english.get(point, point)

    return name


# A response's feeling inside a sentence ("feeling negative").
FEELING_WORDS = {
    "positive": N_("positive"),
    "negative": N_("negative"),
    "mixed": N_("mixed"),
    "neutral": N_("neutral"),
}


def feeling(value: object) -> str:
    key = str(getattr(value, "value", value))
    return _(FEELING_WORDS[key]) if key in FEELING_WORDS else key


def judgement_words(judgement: Judgement) -> str:
    """Where a share lies against the target, in the reader's language (api/dashboard's
    English is the msgid)."""
    return _(judgement.words)


def statement_label(survey_key: str, key: str, english: str) -> str:
    """A statement's wording: the report's English, or the survey's Welsh for a Welsh reader."""
    return statement(survey_key, key) if lang() == "cy" else english


def short_day(day: date) -> str:
    """3 Nov / 3 Tach."""
    return f"{day.day} {strftime_in(day, '%b')}"


def bucket_label(bucket: Bucket) -> str:
    """A chart's week ("16 Nov") or month ("Nov 26") in the reader's language."""
    if lang() == "en":
        return bucket.label
    return strftime_in(bucket.first_day, "%d %b" if "-W" in bucket.key else "%b %y")


def bucket_note(bucket: Bucket) -> str:
    """What a part week or month adds to its label: "so far", "from 3 Nov", "to 28 Nov"."""
    if not bucket.note:
        return ""
    if bucket.so_far:
        return _("so far")
    if bucket.start is not None and bucket.note.startswith("from "):
        return _("from %(day)s", day=short_day(bucket.start))
    if bucket.end is not None:
        return _("to %(day)s", day=short_day(bucket.end))
    return bucket.note


# A forum's schedule in words (api/forums/definitions.py's values).
CADENCES = {
    "weekly": N_("Weekly"),
    "fortnightly": N_("Fortnightly"),
    "monthly": N_("Monthly"),
    "quarterly": N_("Quarterly"),
}
WEEKDAYS = {
    "mon": (N_("Mon"), N_("Monday")),
    "tue": (N_("Tue"), N_("Tuesday")),
    "wed": (N_("Wed"), N_("Wednesday")),
    "thu": (N_("Thu"), N_("Thursday")),
    "fri": (N_("Fri"), N_("Friday")),
    "sat": (N_("Sat"), N_("Saturday")),
    "sun": (N_("Sun"), N_("Sunday")),
}


def cadence(value: str) -> str:
    return _(CADENCES[value]) if value in CADENCES else value.capitalize()


def weekday(value: str, *, full: bool = False) -> str:
    return _(WEEKDAYS[value][1 if full else 0]) if value in WEEKDAYS else value.capitalize()


# A question's kind on the Surveys page.
KINDS = {
    "agreement": N_("agreement"),
    "faces": N_("faces"),
    "choice": N_("choice"),
    "free_text": N_("free text"),
}


def kind(value: str) -> str:
    return _(KINDS[value]) if value in KINDS else value.replace("_", " ")
