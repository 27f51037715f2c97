"""The staff pages in English or Welsh (decision 41): the `staff` gettext catalogue, the
reader's language for this request, and dates as they read them.

A signed-in person's pages follow the language kept with them (staff_users.language); before
signing in, the sign-in page follows the browser's last choice (a cookie) or the council's
first language (YOUSAID_LANGUAGE_ORDER). Strings built in Python (a flash message, a chart's
label, a domain error) read the language of the request they are built for from a context
variable that `frontend.staff.session.page` sets, so no function needs a language argument
threaded through it; module-level names are marked with `N_` and translated where shown."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date, datetime
from typing import Any

from babel.dates import get_day_names, get_month_names
from babel.support import NullTranslations
from fastapi import Request

from api.core.config import get_settings
from channels.i18n import LANGUAGES, load
from frontend.i18n import TRANSLATIONS

DOMAIN = "staff"
# Apart from the public pages' `ys_lang`: a worker who opens a form in English to test it
# should not find the dashboard's sign-in page switched.
LANGUAGE_COOKIE = "ys_staff_lang"
NAMES = {"en": "English", "cy": "Cymraeg"}
_current: ContextVar[str] = ContextVar("staff_language", default="en")


def catalogue(language: str) -> NullTranslations:
    """The staff pages' catalogue; English is the source text itself."""
    return load(TRANSLATIONS, language, DOMAIN)


def known(language: str | None) -> str | None:
    return language if language in LANGUAGES else None


def use(language: str | None) -> str:
    """Speak `language` for the rest of this request (unknown values mean English)."""
    chosen = known(language) or "en"
    _current.set(chosen)
    return chosen


def current() -> str:
    return _current.get()


def before_sign_in(request: Request) -> str:
    """The language of a page nobody is signed in to: the browser's last choice, else the
    council's first language."""
    return known(request.cookies.get(LANGUAGE_COOKIE)) or get_settings().languages_in_order[0]


def _(message: str, **values: Any) -> str:
    """`message` in the reader's language, with `%(name)s` filled from `values`."""
    text = catalogue(current()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, number: int, **values: Any) -> str:
    text = catalogue(current()).ngettext(singular, plural, number)
    return text % ({"num": number} | values)


def N_(message: str) -> str:
    """Marks a string for the catalogue where it is defined; `_` translates it where shown."""
    return message


def translated(choices: dict[str, str]) -> dict[str, str]:
    """A module's {value: English label} in the reader's language."""
    return {key: _(label) for key, label in choices.items()}


def strftime_in(moment: date | datetime, pattern: str, language: str | None = None) -> str:
    """`moment.strftime(pattern)` with the month and day names in the reader's language:
    "Thursday 03 December 2026 at 11:40" / "Dydd Iau 03 Rhagfyr 2026 am 11:40"."""
    language = language or current()
    if language == "en":
        return moment.strftime(pattern)
    words = {
        "%B": get_month_names("wide", locale=language)[moment.month],
        "%b": get_month_names("abbreviated", locale=language)[moment.month],
        "%A": get_day_names("wide", locale=language)[moment.weekday()],
        "%a": get_day_names("abbreviated", locale=language)[moment.weekday()],
    }
    for code, word in words.items():
        pattern = pattern.replace(code, word.replace("%", "%%"))
    # "at" between a date and a time is the one English word the patterns hold.
    return moment.strftime(pattern.replace(" at ", " " + _("at") + " "))
