"""Possible concerns: the queue (no words; open ones by when they are due, overdue ones said
in words) and one concern's page, which shows the words (every showing audited) and records
what the reader decided. English only, as every staff page is."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from analysis.text import clean_free_text
from api.accounts.signin import SignedIn
from api.concerns import service as concerns
from api.core.errors import Conflict, FieldError, InvalidInput
from api.models.enums import ConcernOutcome, ConcernReason
from frontend.staff import labels
from frontend.staff.language import N_, _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
READERS = concerns.READERS
FILTERS = (("open", N_("Open")), ("read", N_("Read")), ("all", N_("All")))
OUTCOMES = {
    ConcernOutcome.ordinary_feedback: N_("Ordinary feedback: nothing more to do"),
    ConcernOutcome.passed_to_worker: N_("Passed to their worker or team to follow up"),
    ConcernOutcome.raised_as_alert: N_("Raise as a safeguarding alert (the duty team is told now)"),
    ConcernOutcome.other: N_("Something else (say what in the note)"),
}
# The score in words: never a number that could be read as how safe someone is.
WHY_SHORT = {
    ConcernReason.model: N_("The analysis was unsure"),
    ConcernReason.child_words: N_("A child's words: read every one"),
}
WHY = {
    ConcernReason.model: N_("The analysis was not sure this is ordinary feedback."),
    ConcernReason.child_words: N_(
        "A child or young person wrote this, and the analysis was not sure it is ordinary "
        "feedback: a child's words are always read by a person."
    ),
}


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100_000))
    except ValueError:
        return 1


def _view(row: concerns.Row, now: datetime, places: dict[str, Any]) -> dict[str, Any]:
    """One concern for a page; `places` (labels.place_labels) names its team and collection
    point in the reader's language (the row holds their English names)."""
    c = row.concern
    return {
        "id": c.public_id,
        "status": c.status.value,
        "audience": _(labels.SPEAKERS[c.audience.value]) if c.audience else _("Not known"),
        "channel": labels.channel(c.channel.value) if c.channel else _("Not known"),
        "team": places["team_label"](row.team) if row.team else _("No team"),
        "point": places["point_label"](row.collection_point) if row.collection_point else None,
        "said_at": c.said_at,
        "raised_at": c.raised_at,
        "due_at": c.due_at,
        "overdue": row.overdue(now),
        "outcome": _(OUTCOMES[c.outcome]) if c.outcome in OUTCOMES else None,
        "reader": row.reader or c.read_by_label,
        "read_at": c.read_at,
        "why": _(WHY_SHORT[c.reason]),
    }


@router.get("/staff/concerns")
async def queue(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        status = request.query_params.get("status") or "open"
        wanted = concerns.Wanted(
            status=status if status in concerns.STATUSES else "open",
            page=_int(request.query_params.get("page")),
        )
        found = concerns.queue(session, who.scope, wanted=wanted)
        now = datetime.now(UTC)
        places = labels.place_labels(session)
        chosen = {"status": wanted.status} if wanted.status != "open" else {}
        return staff_page(
            request,
            "staff/concerns.html",
            who=who,
            title=_("Possible concerns"),
            wanted=wanted,
            found=found,
            concerns=[_view(r, now, places) for r in found.rows],
            filters=[(key, _(label)) for key, label in FILTERS],
            page_url=lambda n: "/staff/concerns?" + urlencode(chosen | {"page": str(n)}),
            first=(found.page - 1) * found.per_page + 1,
        )

    return await page(request, work, roles=READERS)


def _concern_page(
    request: Request,
    session: Session,
    who: SignedIn,
    public_id: str,
    *,
    status: int = 200,
    errors: list[FieldError] | None = None,
    chosen: str = "",
    note: str = "",
) -> Response:
    row = concerns.row(session, who.scope, public_id=public_id)
    said = concerns.words(session, who.scope, public_id=public_id)  # audited, every showing
    c = row.concern
    return staff_page(
        request,
        "staff/concern.html",
        status=status,
        who=who,
        title=_("Possible concern"),
        concern=c,
        row=row,
        view=_view(row, datetime.now(UTC), labels.place_labels(session)),
        why=_(WHY[c.reason]),
        words=said,
        survey_name=labels.survey(row.survey_key, row.survey),
        outcomes=[(o.value, _(label)) for o, label in OUTCOMES.items()],
        errors=errors or [],
        chosen=chosen,
        note=note,
        recorded=request.query_params.get("recorded") == "1",
    )


@router.get("/staff/concerns/{public_id}")
async def one(request: Request, public_id: str) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        return _concern_page(request, session, who, public_id)

    return await page(request, work, roles=READERS)


@router.post("/staff/concerns/{public_id}")
async def record(request: Request, public_id: str) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        note = clean_free_text(str(form.get("note", "")))
        chosen = str(form.get("outcome", ""))
        again = {"chosen": chosen, "note": note}  # all of it: the reader shortens it, not us
        try:
            outcome = ConcernOutcome(chosen)
        except ValueError:
            errors = [FieldError("outcome", _("Choose what you decided"))]
            return _concern_page(
                request, session, who, public_id, status=422, errors=errors, **again
            )
        if outcome is ConcernOutcome.other and not note:
            errors = [FieldError("note", _("Say in the note what you decided"))]
            return _concern_page(
                request, session, who, public_id, status=422, errors=errors, **again
            )
        try:
            concerns.record_outcome(
                session, who.scope, public_id=public_id, outcome=outcome, note=note or None
            )
        except (Conflict, InvalidInput) as exc:
            field = "note" if isinstance(exc, InvalidInput) else "outcome"
            code = 422 if isinstance(exc, InvalidInput) else 409
            errors = [FieldError(field, exc.message)]
            return _concern_page(
                request, session, who, public_id, status=code, errors=errors, **again
            )
        return RedirectResponse(f"/staff/concerns/{public_id}?recorded=1", status_code=303)

    return await page(request, work, roles=READERS, form=form)
