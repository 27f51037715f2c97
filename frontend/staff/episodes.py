"""Episodes: the closures and front doors heard from more than one side, and one episode's
voices side by side (where the child and the adults agree and where they differ)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.episodes import service as episodes
from api.models.enums import Role
from frontend.staff import labels
from frontend.staff import language as staff_language
from frontend.staff.language import _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
# The roles that read identifiable answers (decision 8), each within their teams.
READERS = frozenset({Role.admin, Role.rights_team, Role.manager})


def _int(value: str | None, default: int, *, low: int, high: int) -> int:
    try:
        return max(low, min(int(value or default), high))
    except ValueError:
        return default


@router.get("/staff/episodes")
async def index(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        voices = _int(request.query_params.get("voices"), 2, low=1, high=20)
        number = _int(request.query_params.get("page"), 1, low=1, high=100_000)
        found = episodes.listing(session, who.scope, page=number, voices_at_least=voices)
        return staff_page(
            request,
            "staff/episodes.html",
            who=who,
            title=_("Episodes"),
            found=found,
            voices=voices,
            agreement=episodes.agreement(session, who.scope),
            # The rows hold the team's and the point's English names.
            **labels.place_labels(session),
        )

    return await page(request, work, roles=READERS)


@router.get("/staff/episodes/{public_id}")
async def one(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        view = episodes.one(session, who.scope, public_id[:64], lang=staff_language.current())
        return staff_page(
            request,
            "staff/episode.html",
            who=who,
            title=_("Episode"),
            view=view,
            **labels.place_labels(session),
        )

    return await page(request, work, roles=READERS)
