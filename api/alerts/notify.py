"""alerts.notify: tell the duty team at once. A link, never the words: mail gets forwarded."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api import jobs
from api.alerts.service import NOTIFY
from api.config import get_settings
from api.models import SafeguardingAlert, Team
from channels.email.sender import Email, sender_for


@jobs.handler(NOTIFY)
def notify(session: Session, payload: dict[str, Any]) -> None:
    alert = session.get(SafeguardingAlert, payload["alert_id"])
    if alert is None:
        return  # the answer was deleted (retention): nothing to tell
    settings = get_settings()
    if not settings.duty_contacts:
        raise RuntimeError("No duty contacts configured (YOUSAID_DUTY_EMAILS)")
    team = session.get(Team, alert.team_id) if alert.team_id else None
    link = f"{settings.public_base_url.rstrip('/')}/api/v1/alerts/{alert.public_id}"
    where = f" for {team.name}" if team else ""
    body = (
        f"YouSaid has received feedback{where} that may disclose that a child is at risk.\n\n"
        f"Raised: {alert.raised_at.astimezone(ZoneInfo(settings.timezone)):%d %B %Y at %H:%M}\n"
        f"Possible concern: {', '.join(c.replace('_', ' ') for c in alert.categories)}\n\n"
        f"Open the alert to read it and record what you do:\n{link}\n\n"
        "The words are not in this email on purpose. Follow your safeguarding procedures;\n"
        "if a child is in immediate danger, call 999.\n"
    )
    sender_for(settings).send(
        Email(
            to=tuple(settings.duty_contacts),
            subject=f"YouSaid safeguarding alert{where}: please review now",
            text=body,
        )
    )
