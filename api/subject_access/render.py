"""The export in its two forms: a readable HTML document (one self-contained file, fit to
print or send) and JSON, from the same content."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.core.config import get_settings
from api.surveys import names


def when(value: str | None) -> str:
    """An ISO time from the document as the council's clock reads it: 3 December 2026, 12:01."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value).astimezone(ZoneInfo(get_settings().timezone))
    return f"{names.day(moment.date())}, {moment:%H:%M}"


@lru_cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
    )
    environment.filters["when"] = when
    environment.filters["channel"] = names.channel
    return environment


def html(document: dict[str, Any]) -> str:
    """Every value escaped: the words people wrote are untrusted."""
    return _environment().get_template("export.html").render(d=document)


def as_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def filename(document: dict[str, Any], extension: str) -> str:
    day = str(document["made_at"])[:10]
    return f"subject-access-{document['looked_up_by'].replace('_', '-')}-{day}.{extension}"
