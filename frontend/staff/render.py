"""Rendering staff pages: one template environment, autoescaped, and the headers every staff
page carries (nothing inline may run, nothing is cached, nothing frames it)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.core.config import get_settings
from api.surveys import names
from frontend.pages import TEMPLATES

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
    """An instant as the council's clock shows it (stored times are UTC)."""
    return moment.astimezone(ZoneInfo(get_settings().timezone)).strftime(pattern)


@lru_cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
    )
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["local"] = local_time
    # The one vocabulary (api/surveys/names.py), for templates that hold only an id.
    env.filters["survey_name"] = names.survey_name
    env.filters["theme_name"] = names.theme
    env.filters["channel_name"] = names.channel
    env.filters["audience_name"] = names.audience
    return env


def render_staff(template: str, **values: Any) -> str:
    settings = get_settings()
    return (
        environment()
        .get_template(template)
        .render(council=settings.council_name, demo=settings.environment != "production", **values)
    )


def staff_page(
    request: Request, template: str, *, status: int = 200, **values: Any
) -> HTMLResponse:
    values.setdefault("path", request.url.path)
    values.setdefault("concerns_open", getattr(request.state, "concerns_open", None))
    return HTMLResponse(render_staff(template, **values), status_code=status, headers=STAFF_HEADERS)
