"""Teams and users, for admins: add a person with a role and teams (a temporary password
shown once), change their role or teams, deactivate them, reset a password, add a team."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from api.accounts import admin
from api.accounts.signin import SignedIn
from api.core.errors import Conflict, FieldError, InvalidInput, NotFound
from api.models.enums import Role, ServiceArea
from frontend.staff.language import N_, _, translated
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
ADMINS = admin.ADMINS
ROLE_NAMES = {
    "admin": N_("Admin"),
    "rights_team": N_("Children's rights team (all teams, their words)"),
    "manager": N_("Manager (their teams, their words)"),
    "practitioner": N_("Practitioner (their team, words with names removed)"),
}


def _index(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    status: int = 200,
    errors: list[FieldError] | None = None,
    notice: str | None = None,
    temporary: tuple[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    return staff_page(
        request,
        "staff/users.html",
        status=status,
        who=who,
        title=_("Teams and users"),
        users=admin.users(session, who.scope),
        teams=admin.teams(session),
        roles=translated(ROLE_NAMES),
        areas=[a.value for a in ServiceArea],
        errors=errors or [],
        notice=notice,
        temporary=temporary,
        values=values or {"role": "practitioner", "teams": []},
        now=datetime.now(UTC),
        locked=admin.locked,
    )


@router.get("/staff/users")
async def index(request: Request) -> Response:
    return await page(request, lambda session, who: _index(request, session, who), roles=ADMINS)


def _role(value: Any) -> Role | None:
    try:
        return Role(str(value))
    except ValueError:
        return None


@router.post("/staff/users")
async def add_user(request: Request) -> Response:
    form = await request.form()
    values = {
        "email": str(form.get("email", ""))[:254],
        "display_name": str(form.get("display_name", ""))[:200],
        "role": str(form.get("role", "")),
        "teams": [str(t) for t in form.getlist("teams")],
    }

    def work(session: Session, who: SignedIn) -> Response:
        role = _role(values["role"])
        if role is None:
            errors = [FieldError("role", _("Choose a role"))]
            return _index(request, session, who, status=422, errors=errors, values=values)
        try:
            user, temporary = admin.add_user(
                session,
                who.scope,
                email=str(values["email"]),
                display_name=str(values["display_name"]),
                role=role,
                team_slugs=list(values["teams"]),
            )
        except (InvalidInput, Conflict) as exc:  # raised before anything is written
            errors = exc.errors or [FieldError("email", exc.message)]
            return _index(request, session, who, status=422, errors=errors, values=values)
        return _index(request, session, who, temporary=(user.email, temporary))

    return await page(request, work, roles=ADMINS, form=dict(form))


@router.post("/staff/teams")
async def add_team(request: Request) -> Response:
    form = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        try:
            area = ServiceArea(str(form.get("service_area", "other")))
        except ValueError:
            area = ServiceArea.other
        try:
            team = admin.add_team(
                session,
                who.scope,
                slug=str(form.get("slug", ""))[:100],
                name=str(form.get("name", ""))[:300],
                name_cy=str(form.get("name_cy", ""))[:300],
                area=area,
            )
        except InvalidInput as exc:
            return _index(request, session, who, status=422, errors=exc.errors)
        return _index(request, session, who, notice=_("Team %(team)s added.", team=team.name))

    return await page(request, work, roles=ADMINS, form=form)


@router.post("/staff/teams/{slug}/welsh-name")
async def name_team_in_welsh(request: Request, slug: str) -> Response:
    form = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        try:
            team = admin.name_team_in_welsh(
                session, who.scope, slug=slug[:100], name_cy=str(form.get("name_cy", ""))[:300]
            )
        except InvalidInput as exc:
            return _index(request, session, who, status=422, errors=exc.errors)
        return _index(
            request, session, who, notice=_("Welsh name of %(team)s saved.", team=team.name)
        )

    return await page(request, work, roles=ADMINS, form=form)


def _user_page(
    request: Request,
    session: Session,
    who: SignedIn,
    user_id: int,
    *,
    status: int = 200,
    errors: list[FieldError] | None = None,
    temporary: str | None = None,
) -> Response:
    user = next((u for u in admin.users(session, who.scope) if u.id == user_id), None)
    if user is None:
        raise NotFound(_("There is no such user"))
    return staff_page(
        request,
        "staff/user.html",
        status=status,
        who=who,
        title=user.email,
        user=user,
        teams=admin.teams(session),
        roles=translated(ROLE_NAMES),
        errors=errors or [],
        temporary=temporary,
        saved=request.query_params.get("saved") == "1",
        is_locked=admin.locked(user, datetime.now(UTC)),
    )


@router.get("/staff/users/{user_id}")
async def user(request: Request, user_id: int) -> Response:
    return await page(
        request, lambda session, who: _user_page(request, session, who, user_id), roles=ADMINS
    )


@router.post("/staff/users/{user_id}")
async def change_user(request: Request, user_id: int) -> Response:
    form = await request.form()
    teams = [str(t) for t in form.getlist("teams")]

    def work(session: Session, who: SignedIn) -> Response:
        role = _role(form.get("role"))
        if role is None:
            errors = [FieldError("role", _("Choose a role"))]
            return _user_page(request, session, who, user_id, status=422, errors=errors)
        try:
            admin.change_user(
                session,
                who.scope,
                user_id=user_id,
                role=role,
                team_slugs=teams,
                active=form.get("active") == "yes",
            )
        except (InvalidInput, Conflict) as exc:
            errors = exc.errors or [FieldError("role", exc.message)]
            return _user_page(request, session, who, user_id, status=422, errors=errors)
        return RedirectResponse(f"/staff/users/{user_id}?saved=1", status_code=303)

    return await page(request, work, roles=ADMINS, form=dict(form))


@router.post("/staff/users/{user_id}/reset")
async def reset(request: Request, user_id: int) -> Response:
    form = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        _, temporary = admin.reset_password(session, who.scope, user_id=user_id)
        return _user_page(request, session, who, user_id, temporary=temporary)

    return await page(request, work, roles=ADMINS, form=form)
