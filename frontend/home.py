"""The front page: what this service is and where to go next."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.config import get_settings

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home() -> str:
    council = escape(get_settings().council_name)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>YouSaid – {council}</title>
<style>
body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}
</style>
</head><body>
<h1>YouSaid</h1>
<p>{council} uses YouSaid to hear children, young people, families and partner agencies,
and to show what changed because of what they said.</p>
<ul>
<li><a href="/docs">API documentation</a> (staff and case systems, with an API token)</li>
<li><a href="/openapi.json">OpenAPI description</a></li>
</ul>
</body></html>"""
