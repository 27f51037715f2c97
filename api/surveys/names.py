"""The one vocabulary: every name a person reads for a theme, statement, survey, channel,
audience, team, collection point or period, in English and Welsh.

Themes come from the taxonomy (label_en / label_cy), statements from the survey library,
teams, collection points and forums by their stored names (name_cy in Welsh, the English
name until a council gives one); the rest is here. The staff pages
(frontend/staff/labels.py), the digest, the exports and the QR table all call these, so one
thing has one name everywhere. (The Welsh is for the council's Welsh language officer to
check, like the surveys' own.)"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis import taxonomy
from api.core.config import get_settings

Lang = Literal["en", "cy"]

# The shipped surveys by who answers them: their titles ("What do you think?") are written for
# the respondent and say nothing to a duty worker.
SURVEYS = {
    "young-person": "Young people's survey",
    "young-person-under-8": "Under-8s' survey",
    "parent-carer": "Parents' and carers' survey",
    "partner-agency": "Partner agencies' survey",
}
SURVEYS_CY = {
    "young-person": "Arolwg pobl ifanc",
    "young-person-under-8": "Arolwg plant dan 8",
    "parent-carer": "Arolwg rhieni a gofalwyr",
    "partner-agency": "Arolwg asiantaethau partner",
}
CHANNELS = {
    "web": "Web form",
    "qr": "QR code",
    "sms": "Text message",
    "email": "Email link",
    "import": "Imported",
    "api": "Partner system",
}
CHANNELS_CY = {
    "web": "Ffurflen ar y we",
    "qr": "Cod QR",
    "sms": "Neges destun",
    "email": "Dolen e-bost",
    "import": "Wedi'i fewnforio",
    "api": "System partner",
}
AUDIENCES = {
    "young_person": "Children and young people",
    "parent_carer": "Parents and carers",
    "partner": "Partner agencies",
}
AUDIENCES_CY = {
    "young_person": "Plant a phobl ifanc",
    "parent_carer": "Rhieni a gofalwyr",
    "partner": "Asiantaethau partner",
}
# A theme's polarity as a manager says it (Signs of Safety: worries, what is working well).
POLARITIES = {"positive": "praise", "negative": "worries", "topic": "mentions"}
POLARITIES_CY = {"positive": "canmoliaeth", "negative": "pryderon", "topic": "sôn"}
MONTHS_CY = (
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
)


def _pick(english: dict[str, str], welsh: dict[str, str], key: str, lang: Lang) -> str | None:
    return (welsh if lang == "cy" else english).get(key)


def _words(key: str) -> str:
    return key.replace("_", " ").replace("-", " ").capitalize()


def survey(key: str | None, title: str | None) -> str | None:
    """A survey as staff name it, with the title its respondents saw."""
    if key is None:
        return None
    name = SURVEYS.get(key)
    return f"{name} (“{title}”)" if name and title else (title or key)


def survey_name(key: str, lang: Lang = "en") -> str:
    """A survey's name alone, for menus and headings: "Parents' and carers' survey"."""
    return _pick(SURVEYS, SURVEYS_CY, key, lang) or _words(key)


def channel(key: str, lang: Lang = "en") -> str:
    """sms -> Text message."""
    return _pick(CHANNELS, CHANNELS_CY, key, lang) or _words(key)


def audience(key: str, lang: Lang = "en") -> str:
    """parent_carer -> Parents and carers."""
    return _pick(AUDIENCES, AUDIENCES_CY, key, lang) or _words(key)


def polarity(key: str, lang: Lang = "en") -> str:
    """negative -> worries."""
    return _pick(POLARITIES, POLARITIES_CY, key, lang) or key


def theme(theme_id: str, lang: Lang = "en") -> str:
    """A theme's name from the council's taxonomy (label_en / label_cy)."""
    tax = taxonomy.load(get_settings().taxonomy_file or taxonomy.DEFAULT_TAXONOMY)
    try:
        found = tax.theme(theme_id)
    except StopIteration:  # a theme of an older taxonomy
        return _words(theme_id)
    return found.label_cy if lang == "cy" else found.label_en


@cache
def _statements(survey_key: str, lang: Lang) -> dict[str, str]:
    from api.models.enums import Language
    from api.surveys import library

    found: dict[str, str] = {}
    order: list[str] = []
    newest_first = sorted(
        (d for d in library.survey_library() if d.key == survey_key), key=lambda d: -d.version
    )
    # The newest version's wording first: a statement keeps its key across versions, and
    # one wording for every collection point wins over one split by tense: a report
    # counts front-door and closure answers together, and a later version that only put the
    # front door's into the present (parent-carer v3, "I feel listened to") keeps the label
    # staff and the study know ("I felt listened to and understood").
    for plain_only in (True, False):
        for definition in newest_first:
            for question in definition.questions:
                if not question.statement:
                    continue
                if question.key not in order:
                    order.append(question.key)
                wording = question.text.en if lang == "en" else question.text.cy
                if question.key in found or (plain_only and not isinstance(wording, str)):
                    continue
                found[question.key] = question.text.render(Language(lang), None)
    return {key: found[key] for key in order}  # in the newest version's question order


def statements(survey_key: str, lang: Lang = "en") -> dict[str, str]:
    """Statement key -> its wording in reports, in question order."""
    return dict(_statements(survey_key, lang))


def statement(survey_key: str, key: str, lang: Lang = "en") -> str:
    """A statement's wording from the survey library: "I felt listened to and understood"."""
    return _statements(survey_key, lang).get(key) or _words(key)


def teams(session: Session, lang: Lang = "en") -> dict[str, str]:
    """Team slug -> the team's stored name (its Welsh name where asked and given)."""
    from api.models import Team

    column = func.coalesce(Team.name_cy, Team.name) if lang == "cy" else Team.name
    return dict(session.execute(select(Team.slug, column)).tuples().all())


def team(session: Session, slug: str, lang: Lang = "en") -> str | None:
    """An active team's name as a reader of `lang` sees it; None for no such team (a public
    page then says "not found" rather than naming a retired one)."""
    from api.models import Team

    column = func.coalesce(Team.name_cy, Team.name) if lang == "cy" else Team.name
    return session.scalar(select(column).where(Team.slug == slug, Team.active.is_(True)))


def forums(session: Session, lang: Lang = "en") -> dict[str, str]:
    """Forum key -> its name (Welsh where asked and given)."""
    from api.models import Forum

    column = func.coalesce(Forum.name_cy, Forum.name) if lang == "cy" else Forum.name
    return dict(session.execute(select(Forum.key, column)).tuples().all())


def points(session: Session, lang: Lang = "en") -> dict[str, str]:
    """Collection point key -> its stored name (Welsh where asked)."""
    from api.models import CollectionPoint

    column = CollectionPoint.name_cy if lang == "cy" else CollectionPoint.name_en
    return dict(session.execute(select(CollectionPoint.key, column)).tuples().all())


def day(value: date, lang: Lang = "en") -> str:
    """23 November 2026 / 23 Tachwedd 2026."""
    month = MONTHS_CY[value.month - 1] if lang == "cy" else f"{value:%B}"
    return f"{value.day} {month} {value.year}"


def month(value: date, lang: Lang = "en") -> str:
    """November 2026 / Tachwedd 2026."""
    name = MONTHS_CY[value.month - 1] if lang == "cy" else f"{value:%B}"
    return f"{name} {value.year}"


def months(first: date, last: date, lang: Lang = "en") -> str:
    """A run of whole months: "August to October 2026" / "Awst–Hydref 2026"."""
    if (first.year, first.month) == (last.year, last.month):
        return month(first, lang)
    start = MONTHS_CY[first.month - 1] if lang == "cy" else f"{first:%B}"
    if first.year != last.year:
        start += f" {first.year}"
    # An en dash in Welsh: "i" would mutate the month after it.
    joiner = "–" if lang == "cy" else " to "
    return f"{start}{joiner}{month(last, lang)}"


def period(key: str, first_day: date, after_last_day: date, lang: Lang = "en") -> str:
    """A digest's period as people say it, from its key ("2026-W48") and its days:
    "Week of 23 November 2026", "November 2026", "October to December 2026"."""
    last_day = after_last_day - timedelta(days=1)
    if "-W" in key:
        return (
            f"Wythnos yn dechrau {day(first_day, lang)}"
            if lang == "cy"
            else (f"Week of {day(first_day, lang)}")
        )
    if "-F" in key:
        return (
            f"Pythefnos yn dechrau {day(first_day, lang)}"
            if lang == "cy"
            else (f"Fortnight of {day(first_day, lang)}")
        )
    return months(first_day, last_day, lang)
