"""QR placements over HTTP: create, list with funnel, retire, download codes and posters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.core.config import get_settings
from api.models import QrPlacement
from api.models.enums import Language
from api.qr import service as placements
from channels.qr import codes, poster

router = APIRouter(prefix="/qr-placements", tags=["QR placements"])


class PlacementCreate(BaseModel):
    survey: str = Field(max_length=64, examples=["young-person"])
    team: str | None = Field(None, max_length=64)
    collection_point: str | None = Field(None, max_length=64, examples=["closure"])
    language: Language = Language.en
    location: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        examples=["Family Centre reception"]
    )


class PlacementRead(placements.PlacementView):
    url: str = Field(description="The short address printed under the code.")


def short_url(code: str) -> str:
    return f"{get_settings().public_base_url.rstrip('/')}/q/{code}"


def poster_languages(placement: QrPlacement) -> poster.Languages:
    """What the poster needs to set its two languages: the council's names, the placement's
    language and the council's order (Welsh first for a Cymraeg placement or a cy-en council)."""
    settings = get_settings()
    return poster.Languages(
        council=settings.council_name,
        council_cy=settings.council_name_in("cy"),
        language=placement.language.value,
        order=settings.language_order,
    )


def _read(view: placements.PlacementView) -> PlacementRead:
    return PlacementRead(url=short_url(view.code), **view.model_dump())


@router.post("", status_code=201)
async def create_placement(body: PlacementCreate, staff: Staff) -> PlacementRead:
    """A new placement with an unguessable short code."""

    def work(session: Session, scope: Scope) -> PlacementRead:
        made = placements.create(
            session,
            scope,
            survey=body.survey,
            team=body.team,
            collection_point=body.collection_point,
            language=body.language,
            location=body.location,
        )
        return next(_read(v) for v in placements.views(session, scope) if v.code == made.code)

    return await staff.run(work)


@router.get("")
async def list_placements(staff: Staff) -> list[PlacementRead]:
    """Your placements with their funnel: scans, forms started, forms completed."""
    return await staff.run(
        lambda session, scope: [_read(v) for v in placements.views(session, scope)]
    )


@router.post("/{code}/retire")
async def retire_placement(code: str, staff: Staff) -> PlacementRead:
    """Retire a placement: its code then shows a friendly 'this survey has closed' page."""

    def work(session: Session, scope: Scope) -> PlacementRead:
        placements.retire(session, scope, code=code)
        return next(_read(v) for v in placements.views(session, scope) if v.code == code)

    return await staff.run(work)


async def _placement(staff: Staff, code: str) -> QrPlacement:
    return await staff.run(lambda session, scope: placements.get(session, scope, code=code))


@router.get("/{code}/qr.png")
async def placement_png(code: str, staff: Staff) -> Response:
    """The QR code as PNG (error correction M, quiet zone)."""
    placement = await _placement(staff, code)
    return Response(codes.png(short_url(placement.code)), media_type="image/png")


@router.get("/{code}/qr.svg")
async def placement_svg(code: str, staff: Staff) -> Response:
    """The QR code as SVG, for print."""
    placement = await _placement(staff, code)
    return Response(codes.svg(short_url(placement.code)), media_type="image/svg+xml")


@router.get("/{code}/poster", response_class=HTMLResponse)
async def placement_poster(code: str, staff: Staff) -> HTMLResponse:
    """A printable bilingual A4 poster with the code and the short address written out."""
    placement = await _placement(staff, code)
    url = short_url(placement.code)
    return HTMLResponse(
        poster.render(
            url=url,
            svg=codes.svg(url).decode(),
            survey=placement.survey_key,
            **poster_languages(placement),
        )
    )
