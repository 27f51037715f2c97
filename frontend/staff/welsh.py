"""The Welsh language officer's page: every Welsh string still waiting, English beside it, one
group at a time, and an "Approve" that records who and when (api/surveys/welsh_signoff)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.errors import FieldError, InvalidInput
from api.models.enums import Role
from api.surveys import welsh_signoff
from frontend.staff import places
from frontend.staff.language import _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
# Who may sign Welsh off: the council gives its Welsh language officer one of these accounts.
APPROVERS = frozenset({Role.admin, Role.rights_team})
PATH = "/staff/surveys/welsh"
APPROVED_PER_PAGE = 50


def _page_number(value: str | None) -> int:
    return max(1, min(int(value), 100_000)) if value and value.isdigit() else 1


def _page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    source: str,
    status: int = 200,
    errors: list[FieldError] | None = None,
) -> Response:
    groups = welsh_signoff.by_source(welsh_signoff.outstanding(session))
    if source not in groups:
        source = next(iter(groups), "")
    # What was approved: by group, a page at a time (the officer, or an auditor, asks "was
    # this string checked, by whom, when?").
    asked = request.query_params.get("approved_source", "")[:200]
    done = welsh_signoff.approved(
        session,
        source=asked or None,
        page=_page_number(request.query_params.get("approved_page")),
        per_page=APPROVED_PER_PAGE,
    )
    kept = {"source": source} if source else {}
    if asked:
        kept["approved_source"] = asked
    return staff_page(
        request,
        "staff/welsh.html",
        status=status,
        who=who,
        title=_("Welsh waiting for review"),
        groups=[(name, len(items)) for name, items in groups.items()],
        source=source,
        strings=groups.get(source, []),
        total=sum(len(items) for items in groups.values()),
        approved=request.query_params.get("approved"),
        done=done,
        approved_source=asked,
        approved_page_url=lambda n: "?" + urlencode(kept | {"approved_page": str(n)}) + "#approved",
        source_name=places.source,
        place_name=places.place,
        approved_count=welsh_signoff.approved_count(session),
        errors=errors or [],
        action=PATH,
    )


@router.get(PATH)
async def waiting(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        return _page(request, session, who, source=request.query_params.get("source", ""))

    return await page(request, work, roles=APPROVERS)


@router.post(PATH)
async def approve(request: Request) -> Response:
    form = await request.form()
    fingerprints = [str(v) for v in form.getlist("approve")][:2000]
    source = str(form.get("source", ""))[:200]
    fields: dict[str, Any] = {"csrf_token": form.get("csrf_token", "")}

    def work(session: Session, who: SignedIn) -> Response:
        try:
            count = welsh_signoff.approve(
                session, who.scope, by_name=who.display_name, fingerprints=fingerprints
            )
        except InvalidInput as exc:
            return _page(request, session, who, source=source, status=422, errors=exc.errors)
        query = urlencode({"source": source, "approved": count})
        return RedirectResponse(f"{PATH}?{query}", status_code=303)

    return await page(request, work, roles=APPROVERS, form=fields)
