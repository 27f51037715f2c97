"""You said, we did: actions written from a theme or a response, edited, published.

Publishing needs the Welsh (api/actions); published actions appear on the public pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from analysis.taxonomy import THEME_IDS
from api.accounts.signin import SignedIn
from api.actions import service as actions
from api.actions.schemas import ActionRead, ActionWrite
from api.core.errors import FieldError, InvalidInput
from api.models import Team
from api.models.enums import ActionStatus
from frontend.staff import labels, validation
from frontend.staff.language import N_, _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
WRITERS = actions.WRITERS
FIELD_NAMES = {
    "you_said": N_("What people said (English)"),
    "you_said_cy": N_("What people said (Welsh)"),
    "we_did": N_("What we did or will do (English)"),
    "we_did_cy": N_("What we did or will do (Welsh)"),
    "owner": N_("Owner"),
    "due_on": N_("Due date"),
    "team": N_("Team"),
    "themes": N_("Themes"),
    "responses": N_("Responses"),
    "status": N_("Status"),
}


def _teams(session: Session, who: SignedIn) -> list[tuple[str, str]]:
    query = select(Team.slug, Team.name).where(who.scope.team_filter(Team.id)).order_by(Team.name)
    return [(slug, name) for slug, name in session.execute(query)]


def _body(form: Any) -> ActionWrite:
    """The form as the API's body: empty fields are absent; checkboxes are lists."""
    text = {
        k: str(form.get(k, "")).strip() for k in FIELD_NAMES if k not in ("themes", "responses")
    }
    return ActionWrite.model_validate(
        {
            **{k: v for k, v in text.items() if v},
            "team": text["team"] or None,
            "themes": [str(t) for t in form.getlist("themes")],
            "responses": [str(r) for r in form.getlist("responses")],
        }
    )


def _errors(exc: ValidationError) -> list[FieldError]:
    found = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "form"
        name = _(FIELD_NAMES[field]) if field in FIELD_NAMES else field
        if field == "due_on" and error["type"] != "missing":
            message = _("Enter the due date as a date, like 2026-12-31")
        else:
            message = validation.explain(dict(error), name)
        found.append(FieldError(field, message))
    return found


def _form_page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    values: dict[str, Any],
    action: ActionRead | None,
    status: int = 200,
    errors: list[FieldError] | None = None,
    notice: str | None = None,
) -> Response:
    return staff_page(
        request,
        "staff/action_form.html",
        status=status,
        who=who,
        title=_("Edit action") if action else _("New action"),
        action=action,
        values=values,
        teams=_teams(session, who),
        themes=[(t, labels.theme(t)) for t in THEME_IDS],
        statuses=[s.value for s in ActionStatus],
        errors=errors or [],
        notice=notice,
    )


@router.get("/staff/actions")
async def list_page(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        teams = dict(_teams(session, who))
        return staff_page(
            request,
            "staff/actions.html",
            who=who,
            title=_("You said, we did"),
            actions=actions.list_actions(session, who.scope),
            team_name=lambda slug: teams.get(slug, slug) if slug else "Council-wide",
        )

    return await page(request, work, roles=WRITERS)


@router.get("/staff/actions/new")
async def new(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        params = request.query_params
        values = {
            "themes": [t for t in params.getlist("theme") if t in THEME_IDS],
            "responses": params.getlist("response")[:100],
            "team": params.get("team", ""),
            "status": "planned",
        }
        return _form_page(request, session, who, values=values, action=None)

    return await page(request, work, roles=WRITERS)


def _values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {k: str(form.get(k, ""))[:1000] for k in FIELD_NAMES}
    values["themes"] = [str(t) for t in form.getlist("themes")]
    values["responses"] = [str(r) for r in form.getlist("responses")][:100]
    return values


# The form's buttons: save only, or save and then show it on the public pages (or stop).
THEN_PUBLISHED = {"publish": True, "unpublish": False}


def _save(
    request: Request,
    session: Session,
    who: SignedIn,
    form: FormData,
    *,
    current: ActionRead | None,
) -> Response:
    """Create (no `current`) or update an action from the one form, and publish it or stop
    publishing it when that button was pressed: what was typed is saved first, so the Welsh
    just written is what gets published. Nothing is written when there is a problem: every
    check is made before any write, and the page shows what was typed."""
    then = str(form.get("then") or "save")
    try:
        body = _body(form)
        if THEN_PUBLISHED.get(then):
            actions.require_welsh(body.you_said_cy, body.we_did_cy)
        if current is None:
            public_id = actions.create(session, who.scope, body=body).public_id
        else:
            public_id = current.id
            actions.update(session, who.scope, public_id=public_id, body=body)
        if then in THEN_PUBLISHED:
            actions.publish(session, who.scope, public_id=public_id, published=THEN_PUBLISHED[then])
    except (ValidationError, InvalidInput) as exc:
        errors = _errors(exc) if isinstance(exc, ValidationError) else exc.errors
        return _form_page(
            request, session, who, values=_values(form), action=current, status=422, errors=errors
        )
    outcome = {"publish": "published", "unpublish": "unpublished"}.get(then, "saved")
    return RedirectResponse(f"/staff/actions/{public_id}?{outcome}=1", status_code=303)


@router.post("/staff/actions/new")
async def create(request: Request) -> Response:
    form = await request.form()

    def work(session: Session, who: SignedIn) -> Response:
        return _save(request, session, who, form, current=None)

    return await page(request, work, roles=WRITERS, form=form)


def _current_values(read: ActionRead) -> dict[str, Any]:
    values = read.model_dump()
    values["due_on"] = read.due_on.isoformat() if read.due_on else ""
    values["status"] = read.status.value
    values["team"] = read.team or ""
    return values


@router.get("/staff/actions/{public_id}")
async def edit(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        current = actions.read(session, actions.get(session, who.scope, public_id=public_id))
        notice = {
            "saved": _("Saved."),
            "published": _("Published: it is on the public pages now."),
            "unpublished": _("No longer on the public pages."),
        }
        shown = next((text for key, text in notice.items() if request.query_params.get(key)), None)
        return _form_page(
            request, session, who, values=_current_values(current), action=current, notice=shown
        )

    return await page(request, work, roles=WRITERS)


@router.post("/staff/actions/{public_id}")
async def update(request: Request, public_id: str) -> Response:
    form = await request.form()

    def work(session: Session, who: SignedIn) -> Response:
        current = actions.read(session, actions.get(session, who.scope, public_id=public_id))
        return _save(request, session, who, form, current=current)

    return await page(request, work, roles=WRITERS, form=form)
