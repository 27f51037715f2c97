"""QR placements: create one (a survey, a team, a place), download its code as PNG or SVG or
a printable bilingual poster, see its funnel (scans, forms started, finished), retire it."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from analysis.stats import shown_count
from api.accounts.signin import SignedIn
from api.core.errors import FieldError, InvalidInput, NotFound
from api.models.enums import Language
from api.qr import service as placements
from api.qr.routes import poster_languages, short_url
from api.reports import service as reports
from api.surveys import names
from api.surveys import service as surveys
from channels.qr import codes, poster
from frontend.staff import labels
from frontend.staff.choices import point_choices, team_choices
from frontend.staff.language import _
from frontend.staff.render import STAFF_HEADERS, staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
MANAGERS = placements.MANAGERS
# The poster is its own printable page: its inline styles and drawn code, nothing else.
POSTER_HEADERS = STAFF_HEADERS | {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
}


def _page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    status: int = 200,
    errors: list[FieldError] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    return staff_page(
        request,
        "staff/qr.html",
        status=status,
        who=who,
        title=_("QR codes"),
        placements=placements.views(session, who.scope),
        surveys=[(s.key, labels.survey_name(s.key)) for s, _n in surveys.list_surveys(session)],
        survey_name=labels.survey_name,
        team_names=names.teams(session, labels.lang()),
        # Scans and forms are people: their counts go through the one policy (decision 33).
        shown=lambda n: shown_count(n, who.scope.role.value, reports.policy()),
        teams=team_choices(session, who),
        points=point_choices(session),
        errors=errors or [],
        values=values or {"language": "en"},
        url=short_url,
        created=request.query_params.get("created"),
        retired=request.query_params.get("retired"),
    )


@router.get("/staff/qr")
async def index(request: Request) -> Response:
    return await page(request, lambda session, who: _page(request, session, who), roles=MANAGERS)


@router.post("/staff/qr")
async def create(request: Request) -> Response:
    form: dict[str, Any] = dict(await request.form())
    values = {
        k: str(form.get(k, "")).strip()[:200]
        for k in ("survey", "team", "point", "language", "location")
    }

    def work(session: Session, who: SignedIn) -> Response:
        errors = []
        if not values["location"]:
            errors.append(
                FieldError(
                    "location", _("Say where the code will be, like 'Family Centre reception'")
                )
            )
        if values["language"] not in ("en", "cy"):
            errors.append(FieldError("language", _("Choose English or Welsh")))
        if not values["survey"]:
            errors.append(FieldError("survey", _("Choose a survey")))
        if not errors:
            try:
                made = placements.create(
                    session,
                    who.scope,
                    survey=values["survey"],
                    team=values["team"] or None,
                    collection_point=values["point"] or None,
                    language=Language(values["language"]),
                    location=values["location"],
                )
            except (InvalidInput, NotFound) as exc:
                errors = getattr(exc, "errors", []) or [FieldError("survey", exc.message)]
            else:
                return RedirectResponse(f"/staff/qr?created={made.code}", status_code=303)
        return _page(request, session, who, status=422, errors=errors, values=values)

    return await page(request, work, roles=MANAGERS, form=form)


@router.get("/staff/qr/{code}/retire")
async def confirm_retire(request: Request, code: str) -> Response:
    """Retiring cannot be undone and stops every poster showing the code, so it is asked
    twice: this page, then its button (a form: it works without JavaScript)."""

    def work(session: Session, who: SignedIn) -> Response:
        placement = placements.get(session, who.scope, code=code)
        if placement.retired_at is not None:
            return RedirectResponse("/staff/qr", status_code=303)
        return staff_page(
            request,
            "staff/qr_retire.html",
            who=who,
            title=_("Retire the code for %(place)s?", place=placement.location),
            placement=placement,
            url=short_url,
        )

    return await page(request, work, roles=MANAGERS)


@router.post("/staff/qr/{code}/retire")
async def retire(request: Request, code: str) -> Response:
    form = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        if form.get("confirm") != "yes":
            # A post from an old page (or a stray one) asks first, as the link does; another
            # team's code is not found, as everywhere else (scope before anything is said).
            placements.get(session, who.scope, code=code)
            return RedirectResponse(f"/staff/qr/{code}/retire", status_code=303)
        placements.retire(session, who.scope, code=code)
        return RedirectResponse(f"/staff/qr?retired={code}", status_code=303)

    return await page(request, work, roles=MANAGERS, form=form)


def _download(request: Request, code: str, kind: str) -> Coroutine[Any, Any, Response]:
    """The code as a file to save: PNG for documents, SVG for print."""
    draw, media = (codes.png, "image/png") if kind == "png" else (codes.svg, "image/svg+xml")

    def work(session: Session, who: SignedIn) -> Response:
        placement = placements.get(session, who.scope, code=code)
        return Response(
            draw(short_url(placement.code)),
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="yousaid-{placement.code}.{kind}"'
            },
        )

    return page(request, work, roles=MANAGERS)


@router.get("/staff/qr/{code}/qr.png")
async def png(request: Request, code: str) -> Response:
    return await _download(request, code, "png")


@router.get("/staff/qr/{code}/qr.svg")
async def svg(request: Request, code: str) -> Response:
    return await _download(request, code, "svg")


@router.get("/staff/qr/{code}/poster")
async def poster_page(request: Request, code: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        placement = placements.get(session, who.scope, code=code)
        url = short_url(placement.code)
        return HTMLResponse(
            poster.render(
                url=url,
                svg=codes.svg(url).decode(),
                survey=placement.survey_key,
                **poster_languages(placement),
            ),
            headers=POSTER_HEADERS,
        )

    return await page(request, work, roles=MANAGERS)
