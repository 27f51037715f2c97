"""Forums and digests: each forum's rules and schedule, a preview of its digest for any
period, and the archive of what was sent (with why a digest has not gone, if it has not).

The archived email is shown in a sandboxed frame from its own address, under the archive's
policy (inline styles and data: pictures, nothing else), not mixed into the staff page."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.config import get_settings
from api.core.errors import FieldError, InvalidInput, NotFound
from api.digests import archive, charts, content, render
from api.forums import periods
from api.forums import service as forums
from api.forums.definitions import Cadence, RoutingRule
from api.forums.periods import Period
from api.models import Forum
from api.surveys import names
from frontend.staff import labels
from frontend.staff.language import _
from frontend.staff.render import STAFF_HEADERS, staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
# The archived email in a frame of our own pages only.
FRAMED_HEADERS = STAFF_HEADERS | {
    "Content-Security-Policy": archive.ARCHIVE_CSP + "; frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
}


def period_label(key: str) -> str:
    """A stored period key as people say it: 2026-W48 -> Week of 23 November 2026."""
    cadence: Cadence = (
        "weekly"
        if "-W" in key
        else "fortnightly"
        if "-F" in key
        else "quarterly"
        if "-Q" in key
        else "monthly"
    )
    try:
        found = periods.parse(key, cadence)
    except ValueError:
        return key
    return labels.period(found.key, found.first_day, found.after_last_day)


def describe(
    rule: RoutingRule,
    team_names: dict[str, str] | None = None,
    point_names: dict[str, str] | None = None,
) -> str:
    """A routing rule in words, teams and collection points by their names."""
    team_names, point_names = team_names or {}, point_names or {}
    parts = []
    if rule.teams:
        parts.append(
            _("teams %(teams)s", teams=", ".join(team_names.get(t, t) for t in rule.teams))
        )
    if rule.collection_points:
        points = ", ".join(point_names.get(p, p) for p in rule.collection_points)
        parts.append(_("at %(points)s", points=points))
    if rule.audiences:
        who = ", ".join(labels.audience(a.value).lower() for a in rule.audiences)
        parts.append(_("from %(who)s", who=who))
    if rule.themes:
        themes = ", ".join(labels.theme(t).lower() for t in rule.themes)
        kind = rule.polarity.value if rule.polarity else ""
        if kind == "negative":
            parts.append(_("worries about %(themes)s", themes=themes))
        elif kind == "positive":
            parts.append(_("praise for %(themes)s", themes=themes))
        else:
            parts.append(_("mentions of %(themes)s", themes=themes))
    if rule.sentiments:
        feelings = _(" or ").join(labels.feeling(s.value) for s in rule.sentiments)
        parts.append(_("feeling %(feeling)s", feeling=feelings))
    if rule.statements_below_target is not None:
        below = rule.statements_below_target
        parts.append(_("statements below %(pct)s%% agreeing", pct=below))
    return "; ".join(parts) or _("everything")


@router.get("/staff/digests")
async def index(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        team_names = names.teams(session, labels.lang())
        point_names = names.points(session, labels.lang())
        shown = forums.list_forums(session, who.scope)
        forum_names = names.forums(session, labels.lang())
        return staff_page(
            request,
            "staff/digests.html",
            who=who,
            title=_("Forums and digests"),
            forums=shown,
            forum_names={f.key: forum_names.get(f.key) or f.name for f in shown},
            period_label=period_label,
            digests=archive.list_digests(session, who.scope, limit=100),
            describe=lambda rule: describe(rule, team_names, point_names),
            forum_saved=request.query_params.get("forum_saved") == "1",
        )

    return await page(request, work)


@router.get("/staff/digests/{digest_id}")
async def one(request: Request, digest_id: int) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        digest, read = archive.one(session, who.scope, digest_id)
        return staff_page(
            request,
            "staff/digest.html",
            who=who,
            title=_("Digest"),
            digest=read,
            has_email=digest.html is not None,
            email_url=f"/staff/digests/{digest_id}/email",
        )

    return await page(request, work)


@router.get("/staff/digests/{digest_id}/email")
async def email(request: Request, digest_id: int) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        return HTMLResponse(archive.page(session, who.scope, digest_id), headers=FRAMED_HEADERS)

    return await page(request, work)


def _forum_and_period(
    session: Session, who: SignedIn, key: str, asked: str | None
) -> tuple[Forum, Period]:
    if key not in {f.key for f in forums.list_forums(session, who.scope)}:
        raise NotFound(_("There is no such forum"))
    row = forums.get(session, key)
    schedule = forums.definition_of(row).schedule
    try:
        chosen = periods.named_or_latest(
            asked, schedule, datetime.now(UTC), get_settings().timezone
        )
    except ValueError as exc:
        raise InvalidInput(str(exc), errors=[FieldError("period", str(exc))]) from None
    if chosen is None:
        raise InvalidInput(
            _("No period of this forum is due yet; name one"),
            errors=[FieldError("period", _("name one"))],
        )
    return row, chosen


def _built(
    session: Session, who: SignedIn, key: str, asked: str | None
) -> tuple[Forum, Period, content.DigestContent, str]:
    """A forum's digest for a period, built now (not sent, not kept), and the dashboard link."""
    row, chosen = _forum_and_period(session, who, key, asked)
    dashboard = get_settings().public_base_url.rstrip("/") + "/"
    return row, chosen, content.build(session, row, chosen), dashboard


@router.get("/staff/forums/{key}/preview")
async def preview(request: Request, key: str) -> Response:
    asked = request.query_params.get("period")

    def work(session: Session, who: SignedIn) -> Response:
        row, chosen, built, dashboard = _built(session, who, key, asked)
        return staff_page(
            request,
            "staff/digest_preview.html",
            who=who,
            title=_("Preview"),
            forum=row,
            period=chosen.key,
            period_name=built.period_label,
            text=render.plain(built, dashboard_url=dashboard),
            email_url=f"/staff/forums/{key}/preview/email?" + urlencode({"period": chosen.key}),
        )

    return await page(request, work)


@router.get("/staff/forums/{key}/preview/email")
async def preview_email(request: Request, key: str) -> Response:
    asked = request.query_params.get("period")

    def work(session: Session, who: SignedIn) -> Response:
        _, _, built, dashboard = _built(session, who, key, asked)
        html = render.html(
            built,
            dashboard_url=dashboard,
            brand=get_settings().brand_colour,
            images=charts.data_uris(built),
        )
        return HTMLResponse(html, headers=FRAMED_HEADERS)

    return await page(request, work)
