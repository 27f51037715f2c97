"""Alerts made for tests through the real raising service: for an invited parent, an
anonymous child, a form still being filled in, a text outside a survey."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.alerts.raising import ASKED_FOR_HELP, Subject, raise_alert
from api.core import crypto
from api.models import CollectionPoint, Invitation, SafeguardingAlert, Survey
from api.models.enums import AlertSource, Audience, Channel, Language
from tests import factories

_keys = itertools.count(1)
PHONE = "07700 900123"


def survey_id(session: Session, key: str = "parent-carer") -> int:
    found = session.scalar(select(Survey.id).where(Survey.key == key))
    assert found is not None
    return found


def point_id(session: Session, key: str = "front_door") -> int | None:
    return session.scalar(select(CollectionPoint.id).where(CollectionPoint.key == key))


def invitation(
    session: Session,
    *,
    team: str = "north",
    phone: str | None = PHONE,
    case_ref: str = "CASE-4471",
    **fields: Any,
) -> Invitation:
    row = Invitation(
        public_id=str(uuid.uuid4()),
        token_hash=uuid.uuid4().hex,
        survey_id=survey_id(session),
        team_id=factories.team(session, team).id,
        collection_point_id=point_id(session),
        audience=Audience.parent_carer,
        language=Language.en,
        channel=Channel.sms,
        case_ref=case_ref,
        phone_encrypted=crypto.encrypt(phone) if phone else None,
        **fields,
    )
    session.add(row)
    session.flush()
    return row


def alert(
    session: Session,
    *,
    team: str | None = "north",
    source: AlertSource = AlertSource.analysis,
    categories: list[str] | None = None,
    raised_at: datetime | None = None,
    audience: Audience = Audience.young_person,
    channel: Channel = Channel.web,
    **subject: Any,
) -> SafeguardingAlert:
    team_id = factories.team(session, team).id if team else None
    made = raise_alert(
        session,
        subject=Subject(
            key=f"test:{next(_keys)}",
            said_at=datetime.now(UTC) - timedelta(minutes=7),
            audience=audience,
            channel=channel,
            team_id=team_id,
            survey_id=survey_id(session, "young-person"),
            collection_point_id=point_id(session),
            **subject,
        ),
        source=source,
        categories=categories
        or ([ASKED_FOR_HELP] if source is AlertSource.child_request else ["physical_abuse"]),
    )
    assert made is not None
    if raised_at is not None:
        made.raised_at = raised_at
        session.flush()
    return made


def mail_settings(smtp_port: int, public_url: str) -> dict[str, str]:
    """Alert emails through a real SMTP server in the test, with a duty, an out-of-hours and
    an escalation contact each."""
    return {
        "YOUSAID_EMAIL_PROVIDER": "smtp",
        "YOUSAID_SMTP_HOST": "127.0.0.1",
        "YOUSAID_SMTP_PORT": str(smtp_port),
        "YOUSAID_DUTY_EMAILS": "duty@council.example",
        "YOUSAID_OUT_OF_HOURS_EMAILS": "edt@council.example",
        "YOUSAID_ALERT_ESCALATION_EMAILS": "duty.manager@council.example",
        "YOUSAID_PUBLIC_BASE_URL": public_url,
    }
