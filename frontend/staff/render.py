"""Rendering staff pages: one template environment, autoescaped, and the headers every staff
page carries (nothing inline may run, nothing is cached, nothing frames it)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.core.config import get_settings
from api.surveys import names
from frontend.pages import TEMPLATES
from frontend.staff import api_messages, labels
from frontend.staff import language as staff_language

# No inline script or style at all: free text shown on these pages cannot run even if a
# template forgot to escape it.
STAFF_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
STAFF_HEADERS = {
    "Content-Security-Policy": STAFF_CSP,
    # Raw feedback must not sit in a shared computer's cache.
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def local_time(moment: datetime, pattern: str) -> str:
    """An instant as the council's clock shows it (stored times are UTC), with month and day
    names in the reader's language."""
    return staff_language.strftime_in(moment.astimezone(ZoneInfo(get_settings().timezone)), pattern)


@lru_cache
def environment(language: str = "en") -> Environment:
    """The staff templates in a language: `_` and `ngettext` from the staff catalogue, and
    the name filters in the same language."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    catalogue = staff_language.catalogue(language)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        catalogue.gettext, catalogue.ngettext, newstyle=True, pgettext=catalogue.pgettext
    )
    lang: names.Lang = "cy" if language == "cy" else "en"
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["local"] = local_time
    env.filters["date_in"] = staff_language.strftime_in
    # The one vocabulary (api/surveys/names.py), for templates that hold only an id.
    env.filters["survey_name"] = lambda key: names.survey_name(key, lang)
    env.filters["theme_name"] = lambda key: names.theme(key, lang)
    env.filters["channel_name"] = lambda key: names.channel(key, lang)
    env.filters["audience_name"] = lambda key: names.audience(key, lang)
    env.filters["role_name"] = labels.role
    env.filters["service_area_name"] = labels.service_area
    env.filters["alert_status"] = labels.status_word
    env.filters["judgement_words"] = labels.judgement_words
    env.globals["bucket_label"] = labels.bucket_label
    env.filters["cadence_name"] = labels.cadence
    env.filters["kind_name"] = labels.kind
    env.filters["feeling_name"] = labels.feeling
    env.filters["weekday_name"] = labels.weekday
    env.filters["weekday_full"] = lambda day: labels.weekday(day, full=True)
    env.globals["bucket_note"] = labels.bucket_note
    # A service's English message (an error, a refusal) in the reader's language.
    env.globals["say"] = api_messages.say
    return env


def render_staff(template: str, **values: Any) -> str:
    settings = get_settings()
    language = staff_language.current()
    return (
        environment(language)
        .get_template(template)
        .render(
            council=settings.council_name_in(language),
            demo=settings.environment != "production",
            lang=language,
            language_names=staff_language.NAMES,
            switch_languages=settings.languages_in_order,
            **values,
        )
    )


def staff_page(
    request: Request, template: str, *, status: int = 200, **values: Any
) -> HTMLResponse:
    values.setdefault("path", request.url.path)
    # Where the language switch brings the reader back to: this page with its filters (not
    # its own way back, which another address may have made up).
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "back"]
    here = request.url.path + (f"?{urlencode(kept)}" if kept else "")
    # A refusal or "not found" does not echo the address asked for (it may name another
    # team's alert): switching language there goes back to the Overview.
    values.setdefault("return_to", here if status < 400 else "/staff")
    values.setdefault("concerns_open", getattr(request.state, "concerns_open", None))
    return HTMLResponse(render_staff(template, **values), status_code=status, headers=STAFF_HEADERS)
