"""Safeguarding alerts: the queue (new first, time since raised against the target), and one
alert to acknowledge, refer or close with a note. The words are shown only on asking, to roles
with raw access, and every showing is audited."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.alerts import service as alerts
from api.config import get_settings
from api.errors import Conflict, FieldError, InvalidInput
from api.models import Team
from api.models.enums import AlertStatus
from frontend.staff import labels
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
HANDLERS = alerts.HANDLERS
MAX_NOTE = 5000


def _teams(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Team.id, Team.name)).tuples().all())


def age(raised_at: datetime, now: datetime) -> str:
    minutes = int((now - raised_at).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60} min"
    return f"{minutes // (24 * 60)} days"


@router.get("/staff/alerts")
async def queue(request: Request) -> Response:
    wanted = request.query_params.get("status") or "open"

    def work(session: Session, who: SignedIn) -> Response:
        rows = alerts.list_alerts(session, who.scope)
        if wanted == "open":
            rows = [a for a in rows if a.status in (AlertStatus.new, AlertStatus.acknowledged)]
        now = datetime.now(UTC)
        limit = get_settings().alert_acknowledge_minutes
        teams = _teams(session)  # once for the page, not once an alert
        return staff_page(
            request,
            "staff/alerts.html",
            who=who,
            title="Safeguarding alerts",
            wanted=wanted,
            alerts=[
                {
                    "id": a.public_id,
                    "status": a.status.value,
                    "team": teams.get(a.team_id or 0, "No team"),
                    "categories": ", ".join(labels.words(c) for c in a.categories),
                    "raised_at": a.raised_at,
                    "age": age(a.raised_at, now),
                    "late": a.status is AlertStatus.new
                    and (now - a.raised_at).total_seconds() > limit * 60,
                }
                for a in rows
            ],
            limit=limit,
        )

    return await page(request, work, roles=HANDLERS)


def _alert_page(
    request: Request,
    session: Session,
    who: SignedIn,
    public_id: str,
    *,
    status: int = 200,
    errors: list[FieldError] | None = None,
    note: str = "",
) -> Response:
    alert, events = alerts.get(session, who.scope, public_id=public_id)
    show_words = request.query_params.get("words") == "1" and who.scope.raw_text
    words = alerts.text(session, who.scope, public_id=public_id) if show_words else None
    return staff_page(
        request,
        "staff/alert.html",
        status=status,
        who=who,
        title="Safeguarding alert",
        alert=alert,
        events=events,
        team=_teams(session).get(alert.team_id or 0, "No team"),
        categories=", ".join(labels.words(c) for c in alert.categories),
        age=age(alert.raised_at, datetime.now(UTC)),
        moves=sorted(s.value for s in alerts.NEXT[alert.status]),
        words=words,
        errors=errors or [],
        note=note,
        moved=request.query_params.get("moved"),
        words_label=labels.words,
    )


@router.get("/staff/alerts/{public_id}")
async def one(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        return _alert_page(request, session, who, public_id)

    return await page(request, work, roles=HANDLERS)


@router.post("/staff/alerts/{public_id}")
async def move(request: Request, public_id: str) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        note = str(form.get("note", "")).strip()
        try:
            to = AlertStatus(str(form.get("status", "")))
        except ValueError:
            errors = [FieldError("status", "Choose what happens next")]
            return _alert_page(
                request, session, who, public_id, status=422, errors=errors, note=note
            )
        if len(note) > MAX_NOTE:
            errors = [FieldError("note", f"Keep the note under {MAX_NOTE:,} characters")]
            return _alert_page(
                request, session, who, public_id, status=422, errors=errors, note=note[:MAX_NOTE]
            )
        try:
            alerts.move(
                session,
                who.scope,
                public_id=public_id,
                to=to,
                note=note or None,
                not_a_disclosure=form.get("not_a_disclosure") == "yes",
            )
        except (Conflict, InvalidInput) as exc:
            errors = [FieldError("status", exc.message)]
            return _alert_page(
                request, session, who, public_id, status=409, errors=errors, note=note
            )
        return RedirectResponse(f"/staff/alerts/{public_id}?moved={to.value}", status_code=303)

    return await page(request, work, roles=HANDLERS, form=form)
