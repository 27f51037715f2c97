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
<h2>Tell us what you think</h2>
<ul>
<li><a href="/f/young-person">Children and young people</a>
 (<a href="/f/young-person-under-8">under 8</a>) ·
 <a href="/f/young-person?lang=cy" lang="cy">Plant a phobl ifanc</a></li>
<li><a href="/f/parent-carer">Parents and carers</a> ·
 <a href="/f/parent-carer?lang=cy" lang="cy">Rhieni a gofalwyr</a></li>
<li><a href="/f/partner-agency">Partner agencies</a> ·
 <a href="/f/partner-agency?lang=cy" lang="cy">Asiantaethau partner</a></li>
<li><a href="/you-said-we-did">You said, we did</a></li>
</ul>
<h2>Staff and case systems</h2>
<ul>
<li><a href="/docs">API documentation</a> (with an API token)</li>
<li><a href="/openapi.json">OpenAPI description</a></li>
</ul>
</body></html>"""
