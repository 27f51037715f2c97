"""Safeguarding alerts: the queue (filtered, sorted and paged in SQL; late ones said in words)
and taking an alert on. One alert's page is frontend/staff/alert_page.py."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.pipeline import MODEL_CATEGORY
from analysis.safeguarding import ENGLISH
from api.accounts.signin import SignedIn
from api.alerts import service as alerts
from api.alerts.raising import ASKED_FOR_HELP, READ_BY_A_PERSON
from api.core.config import get_settings
from api.models import Team
from api.models.enums import AlertStatus
from frontend.staff import backlinks, labels
from frontend.staff.language import N_, _
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
HANDLERS = alerts.HANDLERS
STATUSES = ("open", *(s.value for s in AlertStatus), "all")
# Every kind an alert can carry: a rule's categories, and what no rule names (the base
# model's read, a person's read of a possible concern).
CATEGORIES = (ASKED_FOR_HELP, *ENGLISH, MODEL_CATEGORY, READ_BY_A_PERSON)
# The queue's status choices, as words (the alert's own statuses, and the two groupings).
STATUS_NAMES = {
    "open": N_("Open"),
    "new": N_("New"),
    "acknowledged": N_("Acknowledged"),
    "referred": N_("Referred"),
    "no_further_action": N_("No further action"),
    "closed": N_("Closed"),
    "all": N_("All"),
}


def age(raised_at: datetime, now: datetime) -> str:
    minutes = max(0, int((now - raised_at).total_seconds() // 60))
    if minutes < 60:
        return _("%(minutes)s min", minutes=minutes)
    if minutes < 48 * 60:
        return _("%(hours)s h %(minutes)s min", hours=minutes // 60, minutes=minutes % 60)
    return _("%(days)s days", days=minutes // (24 * 60))


def team_name(row: alerts.Row) -> str | None:
    """The alert's team as the reader names it (its Welsh name for a Welsh reader)."""
    return (row.team_cy if labels.lang() == "cy" else None) or row.team


def point_name(row: alerts.Row) -> str | None:
    return (row.collection_point_cy if labels.lang() == "cy" else None) or row.collection_point


def is_late(alert: Any, now: datetime) -> bool:
    limit = get_settings().alert_acknowledge_minutes
    return alert.status is AlertStatus.new and (now - alert.raised_at).total_seconds() > limit * 60


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _wanted(params: Any, teams: dict[int, str]) -> alerts.Wanted:
    """The filters from the address; anything unknown is ignored, never a 500."""
    status = params.get("status") or "open"
    team_id = _int(params.get("team"))
    category = params.get("concern") or None
    return alerts.Wanted(
        status=status if status in STATUSES else "open",
        team_id=team_id if team_id in teams else None,
        category=category if category in CATEGORIES else None,
        child_request=params.get("asked") == "1",
        newest_first=params.get("sort") == "newest",
        page=max(1, _int(params.get("page")) or 1),
    )


def _row(row: alerts.Row, now: datetime) -> dict[str, Any]:
    a = row.alert
    return {
        "id": a.public_id,
        "status": a.status.value,
        "team": team_name(row) or _("No team"),
        # The one a duty worker can act on: an invited person (their number is kept while
        # the survey is open) or an anonymous child who left a way to reach them.
        "reachable": bool(a.offered_contact_encrypted or a.invitation_id),
        "concerns": labels.concerns(a.categories),
        "said_at": a.said_at,
        "raised_at": a.raised_at,
        "age": age(a.raised_at, now),
        "late": is_late(a, now),
        "asked": a.raised_by.value in ("child_request", "both"),
        "audience": _(labels.SPEAKERS[a.audience.value]) if a.audience else _("Not known"),
        "channel": labels.channel(a.channel.value) if a.channel else _("Not known"),
        "point": point_name(row),
        "owner": row.owner,
        "mine": False,
        "case_ref": row.case_ref,
    }


@router.get("/staff/alerts")
async def queue(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        # A Welsh reader sees a team's Welsh name where it has one.
        team_column = func.coalesce(Team.name_cy, Team.name) if labels.lang() == "cy" else Team.name
        teams = dict(
            session.execute(
                select(Team.id, team_column)
                .where(who.scope.team_filter(Team.id))
                .order_by(Team.name)
            )
            .tuples()
            .all()
        )
        wanted = _wanted(request.query_params, teams)
        found = alerts.queue(session, who.scope, wanted=wanted)
        now = datetime.now(UTC)
        chosen = {
            k: v
            for k, v in (
                ("status", wanted.status if wanted.status != "open" else ""),
                ("team", str(wanted.team_id) if wanted.team_id else ""),
                ("concern", wanted.category or ""),
                ("asked", "1" if wanted.child_request else ""),
                ("sort", "newest" if wanted.newest_first else ""),
            )
            if v
        }
        listed = chosen | ({"page": str(found.page)} if found.page > 1 else {})
        here = "/staff/alerts" + ("?" + urlencode(listed) if listed else "")
        rows = [_row(r, now) for r in found.rows]
        for r, f in zip(rows, found.rows, strict=True):
            r["mine"] = f.alert.owner_user_id == who.user_id
        return staff_page(
            request,
            "staff/alerts.html",
            who=who,
            title=_("Safeguarding alerts"),
            wanted=wanted,
            found=found,
            alerts=rows,
            teams=teams,
            statuses=[(s, _(STATUS_NAMES[s])) for s in STATUSES],
            concerns=[(c, labels.concern(c)) for c in CATEGORIES],
            page_url=lambda n: "/staff/alerts?" + urlencode(chosen | {"page": str(n)}),
            here="/staff/alerts" + ("?" + urlencode(chosen) if chosen else ""),
            # Each alert's Back (and the response opened from it) returns to this queue.
            # Each alert's Back (and the response opened from it) returns to this queue page.
            alert_url=lambda public_id: backlinks.with_back(f"/staff/alerts/{public_id}", here),
            first=(found.page - 1) * found.per_page + 1,
            limit=get_settings().alert_acknowledge_minutes,
            assigned=next(
                (r["id"] for r in rows if r["id"] == request.query_params.get("assigned")), None
            ),
        )

    return await page(request, work, roles=HANDLERS)


def back_to(value: object, public_id: str) -> str:
    """Where to go after taking an alert on: the queue page it was taken from, or the alert."""
    text = str(value or "")
    if text.startswith("/staff/alerts") and not text.startswith("//") and "\\" not in text:
        return text
    return f"/staff/alerts/{public_id}"


@router.post("/staff/alerts/{public_id}/assign")
async def assign(request: Request, public_id: str) -> Response:
    form: dict[str, Any] = dict(await request.form())

    def work(session: Session, who: SignedIn) -> Response:
        alerts.assign_to_me(session, who.scope, public_id=public_id)
        target = back_to(form.get("back"), public_id)
        joiner = "&" if "?" in target else "?"
        return RedirectResponse(f"{target}{joiner}assigned={public_id}", status_code=303)

    return await page(request, work, roles=HANDLERS, form=form)
