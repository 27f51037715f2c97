"""The export in its two forms: a readable HTML document (one self-contained file, fit to
print or send) and JSON, from the same content."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape


@lru_cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
    )


def html(document: dict[str, Any]) -> str:
    """Every value escaped: the words people wrote are untrusted."""
    return _environment().get_template("export.html").render(d=document)


def as_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def filename(document: dict[str, Any], extension: str) -> str:
    day = str(document["made_at"])[:10]
    return f"subject-access-{document['looked_up_by'].replace('_', '-')}-{day}.{extension}"
