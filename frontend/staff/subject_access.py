"""Subject access, for admins: find a person by phone, email or case reference; download
what is held as a readable document or JSON; erase it, after a confirmation step. Every
lookup, export and erasure is audited (api/subject_access). The key travels in POST bodies,
never in a URL, so no access log holds a phone number."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.errors import Conflict, FieldError, InvalidInput
from api.subject_access import service as subject_access
from frontend.staff.language import N_, _, translated
from frontend.staff.render import STAFF_HEADERS, staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
ADMINS = subject_access.ADMINS
KINDS = {
    "phone": N_("Mobile number"),
    "email": N_("Email address"),
    "case_ref": N_("Case reference"),
}
TITLE = N_("Subject access")


def _form_values(form: dict[str, Any]) -> dict[str, str]:
    return {"kind": str(form.get("kind", "")), "value": str(form.get("value", ""))[:254]}


def _page(
    request: Request,
    who: SignedIn,
    template: str = "staff/subject_access.html",
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    context.setdefault("values", {"kind": "phone", "value": ""})
    context.setdefault("errors", [])
    return staff_page(
        request,
        template,
        status=status,
        who=who,
        title=_(TITLE),
        kinds=translated(KINDS),
        **context,
    )


@router.get("/staff/subject-access")
async def index(request: Request) -> Response:
    return await page(request, lambda session, who: _page(request, who), roles=ADMINS)


@router.post("/staff/subject-access")
async def look_up(request: Request) -> Response:
    form = dict(await request.form())
    values = _form_values(form)

    def work(session: Session, who: SignedIn) -> Response:
        try:
            found = subject_access.lookup(session, who.scope, **values)
        except InvalidInput as exc:
            errors = exc.errors or [FieldError("value", exc.message)]
            return _page(request, who, status=422, errors=errors, values=values)
        return _page(request, who, found=found, values=values)

    return await page(request, work, roles=ADMINS, form=form)


@router.post("/staff/subject-access/export")
async def export(request: Request) -> Response:
    form = dict(await request.form())
    values = _form_values(form)
    fmt = "json" if form.get("format") == "json" else "html"

    def work(session: Session, who: SignedIn) -> Response:
        try:
            made = subject_access.export(session, who.scope, fmt=fmt, **values)
        except InvalidInput as exc:
            errors = exc.errors or [FieldError("value", exc.message)]
            return _page(request, who, status=422, errors=errors, values=values)
        headers = STAFF_HEADERS | {"Content-Disposition": f'attachment; filename="{made.filename}"'}
        return Response(made.content, media_type=made.media_type, headers=headers)

    return await page(request, work, roles=ADMINS, form=form)


@router.post("/staff/subject-access/erase")
async def erase(request: Request) -> Response:
    """First the confirmation page; erased only when it comes back with confirm=erase."""
    form = dict(await request.form())
    values = _form_values(form)
    confirmed = form.get("confirm") == "erase"

    def work(session: Session, who: SignedIn) -> Response:
        try:
            if not confirmed:
                found = subject_access.lookup(session, who.scope, **values)
                return _page(
                    request,
                    who,
                    "staff/subject_access_erase.html",
                    found=found,
                    values=values,
                    asked=form.get("confirm") is not None,
                )
            counts = subject_access.erase(session, who.scope, **values)
        except InvalidInput as exc:
            errors = exc.errors or [FieldError("value", exc.message)]
            return _page(request, who, status=422, errors=errors, values=values)
        except Conflict as exc:
            return _page(request, who, status=409, refused=exc.message, values=values)
        return _page(request, who, erased=counts, values={"kind": values["kind"], "value": ""})

    return await page(request, work, roles=ADMINS, form=form)
