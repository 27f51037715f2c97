"""One safeguarding alert, for a duty worker to act on in minutes: who said it, when, where,
how it was raised, who holds it, who was told; the words and the contact details each shown
only on asking, to roles with raw access, and every showing audited; moving it on in one
step with a note."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.alerts import reading
from api.alerts import service as alerts
from api.core.config import get_settings
from api.core.errors import Conflict, FieldError, InvalidInput
from api.models import PossibleConcern
from api.models.enums import AlertStatus
from frontend.staff import api_messages, backlinks, labels
from frontend.staff.alerts import age, is_late, point_name, team_name
from frontend.staff.language import _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
HANDLERS = alerts.HANDLERS
MAX_NOTE = 5000
# From new, the one-step moves first: that is what a duty worker usually does next.
MOVE_ORDER = ("referred", "no_further_action", "acknowledged", "closed")


def _alert_page(
    request: Request,
    session: Session,
    who: SignedIn,
    public_id: str,
    *,
    status: int = 200,
    errors: list[FieldError] | None = None,
    note: str = "",
    contact: reading.Contact | None = None,
) -> Response:
    row = alerts.row(session, who.scope, public_id=public_id)
    alert, events = alerts.get(session, who.scope, public_id=public_id)
    show_words = request.query_params.get("words") == "1" and who.scope.raw_text
    words = reading.words(session, who.scope, alert) if show_words else None
    now = datetime.now(UTC)
    moves = [m for m in MOVE_ORDER if AlertStatus(m) in alerts.NEXT[alert.status]]
    # Opened from a filtered queue, Back returns to it, and so does the response's Back (via
    # this page).
    back = backlinks.safe(request.query_params.get("back"))
    here = backlinks.with_back(f"/staff/alerts/{public_id}", back)
    return staff_page(
        request,
        "staff/alert.html",
        status=status,
        who=who,
        title=_("Safeguarding alert"),
        back=back,
        here=here,
        response_link=backlinks.with_back(f"/staff/responses/{row.response_public_id}", here),
        alert=alert,
        row=row,
        events=events,
        team=team_name(row),
        point=point_name(row),
        speaker=_(labels.SPEAKERS[alert.audience.value]) if alert.audience else None,
        channel=labels.channel(alert.channel.value) if alert.channel else None,
        raised_by=_(labels.RAISED_BY[alert.raised_by.value]),
        asked=alert.raised_by.value in ("child_request", "both"),
        concerns=labels.concerns(alert.categories),
        age=age(alert.raised_at, now),
        late=is_late(alert, now),
        mine=alert.owner_user_id == who.user_id,
        moves=moves,
        move_label=lambda m: _(labels.MOVES[m]) if m in labels.MOVES else labels.words(m),
        history_line=labels.history_line,
        actor_names=alerts.actor_names(session, events),
        survey_name=labels.survey(
            row.survey_key, (row.survey_cy if labels.lang() == "cy" else None) or row.survey
        ),
        words=words,
        has_contact=reading.has_contact(session, alert),
        contact=contact,
        retention_days=get_settings().contact_retention_days,
        tellings=reading.tellings(session, alert),
        told=api_messages.recipients,
        errors=errors or [],
        note=note,
        moved=request.query_params.get("moved"),
        assigned=request.query_params.get("assigned") == public_id,
        words_label=labels.words,
        concern_id=session.scalar(
            select(PossibleConcern.public_id).where(PossibleConcern.alert_id == alert.id)
        ),
    )


@router.get("/staff/alerts/{public_id}")
async def one(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        return _alert_page(request, session, who, public_id)

    return await page(request, work, roles=HANDLERS)


@router.post("/staff/alerts/{public_id}/contact")
async def show_contact(request: Request, public_id: str) -> Response:
    """The contact details, on asking (a POST, so a link or a prefetch never reveals them)."""
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        alert = alerts.get(session, who.scope, public_id=public_id)[0]
        contact = reading.contact(session, who.scope, alert)
        return _alert_page(request, session, who, public_id, contact=contact)

    return await page(request, work, roles=HANDLERS, form=form)


@router.post("/staff/alerts/{public_id}")
async def move(request: Request, public_id: str) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        note = str(form.get("note", "")).strip()
        try:
            to = AlertStatus(str(form.get("status", "")))
        except ValueError:
            errors = [FieldError("status", _("Choose what happens next"))]
            return _alert_page(
                request, session, who, public_id, status=422, errors=errors, note=note
            )
        if len(note) > MAX_NOTE:
            limit = f"{MAX_NOTE:,}"
            errors = [
                FieldError("note", _("Keep the note under %(limit)s characters", limit=limit))
            ]
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
            errors = [FieldError("status", api_messages.say(exc.message))]
            return _alert_page(
                request, session, who, public_id, status=409, errors=errors, note=note
            )
        back = backlinks.safe(request.query_params.get("back"))
        moved = f"/staff/alerts/{public_id}?moved={to.value}"
        return RedirectResponse(moved + (f"&{urlencode({'back': back})}" if back else ""), 303)

    return await page(request, work, roles=HANDLERS, form=form)
