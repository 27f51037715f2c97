"""The SMS simulator: chat with a survey in the browser, without a phone.

Only with the local outbox provider (never where texts reach real phones) and never in
production. It drives the real path: a case event invites a made-up number (from Ofcom's
range for drama, 07700 900xxx), the worker "sends" through the outbox, and each reply goes
through the same store-then-work handling as Twilio's webhook.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.conversations import service as conversations
from api.core import crypto
from api.core.config import get_settings
from api.invitations import links
from api.invitations import rules as invitation_rules
from api.invitations import service as invitations
from api.invitations.schemas import ContactIn
from api.messaging import service as messages
from api.models import InboundMessage, Invitation, Team
from api.models.enums import ContactRole, Language, MessageStatus
from api.surveys import names
from api.surveys.names import Lang
from channels.sms.segments import cost
from frontend import security
from frontend.pages import error_page, language_of, render, secure_cookies, transaction

router = APIRouter(prefix="/sms/simulator", include_in_schema=False)


@dataclass(frozen=True)
class Choices:
    teams: list[tuple[str, str]]
    events: dict[str, str]  # event -> the collection point's name


PHONE_COOKIE = "ys_sim_phone"
SAID_COOKIE = "ys_sim_said"  # what you typed, kept in your browser only (the server forgets)
MAX_SAID = 12


def _enabled() -> bool:
    settings = get_settings()
    return settings.sms_provider == "outbox" and settings.environment != "production"


def _said(request: Request) -> list[dict[str, str]]:
    raw = request.cookies.get(SAID_COOKIE)
    if not raw:
        return []
    try:
        items = json.loads(base64.urlsafe_b64decode(raw.encode()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [i for i in items if isinstance(i, dict)][-MAX_SAID:] if isinstance(items, list) else []


def _said_cookie(items: list[dict[str, str]]) -> str:
    return base64.urlsafe_b64encode(json.dumps(items[-MAX_SAID:]).encode()).decode()


@router.get("", response_class=HTMLResponse)
async def simulator(request: Request) -> Response:
    """The phone: the texts it got and what it sent, newest last."""
    if not _enabled():
        return error_page(request, 404)
    phone = request.cookies.get(PHONE_COOKIE)

    lang: Lang = "cy" if language_of(request) == "cy" else "en"

    def work(session: Session) -> tuple[list[dict[str, Any]], bool, Choices]:
        # Teams and collection points by their names in the page's language.
        named = names.teams(session, lang)
        point_names = names.points(session, lang)
        choices = Choices(
            teams=sorted(named.items(), key=lambda item: item[1]),
            events={
                event: point_names.get(point, point)
                for event, point in invitation_rules.current().events.items()
            },
        )
        if not phone:
            return [], False, choices
        contact_hash = crypto.contact_hash(phone)
        thread: list[dict[str, Any]] = []
        waiting = False
        thread_messages = messages.messages_for(session, contact_hash)
        # The phone shows the text as it arrived: with its personal link's token (the stored
        # body keeps a stand-in, api/invitations/links.py).
        invitation_ids = {m.invitation_id for m in thread_messages if m.invitation_id}
        public_ids: dict[int, str] = {}
        if invitation_ids:
            rows = session.execute(
                select(Invitation.id, Invitation.public_id).where(Invitation.id.in_(invitation_ids))
            )
            public_ids = {row_id: public_id for row_id, public_id in rows}
        for message in thread_messages:
            shown = message.status in (
                MessageStatus.delivered,
                MessageStatus.sent,
                MessageStatus.queued,
            )
            waiting = waiting or message.status in (
                MessageStatus.pending,
                MessageStatus.dispatching,
            )
            if shown:
                price = cost(message.body)
                thread.append(
                    {
                        "at": message.sent_at or message.created_at,
                        "from_us": True,
                        "text": links.with_token(
                            message.body, public_ids.get(message.invitation_id or 0)
                        ),
                        "cost": f"{price.segments} × {price.encoding}",
                        "too_long": price.too_long,
                    }
                )
        unhandled = session.scalar(
            select(InboundMessage.id)
            .where(InboundMessage.sender_hash == contact_hash, InboundMessage.handled_at.is_(None))
            .limit(1)
        )
        return thread, waiting or unhandled is not None, choices

    thread, waiting, choices = await transaction(request, work)
    for said in _said(request):
        at = datetime.fromisoformat(said.get("at", "1970-01-01T00:00:00+00:00"))
        thread.append({"at": at, "from_us": False, "text": said.get("text", "")})
    thread.sort(key=lambda m: m["at"])
    cookie = security.csrf_cookie(request)
    page = render(
        request,
        "sms_simulator.html",
        survey_title=None,
        phone=phone,
        thread=thread,
        waiting=waiting,
        teams=choices.teams,
        roles=[r.value for r in ContactRole],
        events=sorted(choices.events.items()),
        csrf=security.csrf_token(cookie),
    )
    if request.cookies.get(security.CSRF_COOKIE) != cookie:
        page.set_cookie(
            security.CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=secure_cookies()
        )
    return page


@router.post("/start")
async def start(request: Request) -> Response:
    """A new made-up phone, invited as a case event would invite it (sent now, not in the
    send window, so you need not wait)."""
    if not _enabled():
        return error_page(request, 404)
    form = await request.form()
    if not security.csrf_ok(request, str(form.get("csrf") or "")):
        return RedirectResponse("/sms/simulator", status_code=303)
    role = str(form.get("role") or "parent")
    # "unknown": the case system does not say, so the texts come in both languages.
    language = str(form.get("language") or "en")
    event = str(form.get("event") or "case_closed")
    team = str(form.get("team") or "")
    if role not in ContactRole.__members__ or language not in ("en", "cy", "unknown"):
        return error_page(request, 400)
    phone = f"+447700900{secrets.randbelow(1000):03d}"

    def work(session: Session) -> str | None:
        found = invitation_rules.current().for_event(event)
        team_id = session.scalar(select(Team.id).where(Team.slug == team)) if team else None
        if found is None:
            return "That event is not in the invitation rules"
        now = datetime.now(UTC)
        outcome = invitations.invite(
            session,
            contact=ContactIn(
                role=ContactRole(role),
                phone=phone,
                language=None if language == "unknown" else Language(language),
            ),
            team_id=team_id,
            point=found[0],
            rule=found[1],
            case_ref=f"SIM-{uuid.uuid4().hex[:8]}",
            case_event_id=None,
            not_before=now,
            now=now,
            ignore_window=True,
        )
        return None if outcome.result == "invited" else f"Not invited: {outcome.reason}"

    problem = await transaction(request, work)
    if problem:
        return error_page(request, 400)
    response = RedirectResponse("/sms/simulator", status_code=303)
    response.set_cookie(PHONE_COOKIE, phone, httponly=True, samesite="lax", secure=secure_cookies())
    response.delete_cookie(SAID_COOKIE)
    return response


@router.post("/reply")
async def reply(request: Request) -> Response:
    """Send a text from the made-up phone, as Twilio's webhook would hand it over."""
    if not _enabled():
        return error_page(request, 404)
    form = await request.form()
    phone = request.cookies.get(PHONE_COOKIE)
    text = str(form.get("body") or "")[:1600]
    if not security.csrf_ok(request, str(form.get("csrf") or "")) or not phone or not text.strip():
        return RedirectResponse("/sms/simulator", status_code=303)

    await transaction(
        request,
        lambda session: conversations.receive(
            session, provider_id=f"SIM{uuid.uuid4().hex}", sender=phone, body=text
        ),
    )
    said = [*_said(request), {"at": datetime.now(UTC).isoformat(), "text": text[:300]}]
    response = RedirectResponse("/sms/simulator", status_code=303)
    response.set_cookie(
        SAID_COOKIE, _said_cookie(said), httponly=True, samesite="lax", secure=secure_cookies()
    )
    return response
