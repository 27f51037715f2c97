"""The front page: where respondents start, in English or Welsh (staff sign in in the footer)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from frontend.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    # Staff sign in sits in the footer, out of a child's way; the API docs are for developers
    # (linked from the staff pages), not for the people the front page is for.
    return render(request, "home.html", survey_title=None, staff_link=True)
