"""Small factories for test data, written through the real services."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts import service as accounts
from api.conversations import kept
from api.core import crypto
from api.models import InboundMessage, Invitation, Survey, Team
from api.models.enums import Audience, Channel, Language, Role, ServiceArea
from api.responses import intake
from api.responses.schemas import Submission

_numbers = itertools.count(1)


def team(session: Session, slug: str | None = None, area: ServiceArea = ServiceArea.cin_cp) -> Team:
    slug = slug or f"team-{next(_numbers)}"
    existing = session.scalar(select(Team).where(Team.slug == slug))
    if existing:
        return existing
    row = Team(slug=slug, name=slug.replace("-", " ").title(), service_area=area)
    session.add(row)
    session.flush()
    return row


def token(session: Session, role: Role, teams: list[str] | None = None) -> str:
    for slug in teams or []:
        team(session, slug)
    user = accounts.create_user(
        session, email=f"user{next(_numbers)}@council.example", role=role, team_slugs=teams or []
    )
    return accounts.create_token(session, user=user)


def auth(
    session: Session, role: Role = Role.rights_team, teams: list[str] | None = None
) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(session, role, teams)}"}


def parent_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "listened_to": 5,
        "does_what_they_say": 4,
        "clear_about_concerns": 4,
        "agreed_with_concerns": 3,
        "involved_in_plans": 5,
        "agreed_with_plans": "not_applicable",
        "cared_about_solving": 5,
        "time_with_children": 2,
        "one_thing_to_change": "Ring back when you say you will",
        "most_helpful": "Being listened to",
    }
    answers.update(overrides)
    return answers


def submission(**fields: Any) -> Submission:
    values: dict[str, Any] = {
        "survey": "parent-carer",
        "channel": "web",
        "collection_point": "closure",
        "team": None,
        "answers": parent_answers(),
    }
    values.update(fields)
    return Submission.model_validate(values)


def response(session: Session, **fields: Any) -> intake.IngestResult:
    if fields.get("team"):
        team(session, fields["team"])
    return intake.ingest(session, submission=submission(**fields))


STAFF_PASSWORD = "correct horse battery staple"  # the tests' own users


def staff_user(
    session: Session,
    role: Role = Role.rights_team,
    teams: list[str] | None = None,
    *,
    password: str = STAFF_PASSWORD,
) -> Any:
    for slug in teams or []:
        team(session, slug)
    return accounts.create_user(
        session,
        email=f"staff{next(_numbers)}@council.example",
        role=role,
        team_slugs=teams or [],
        password=password,
    )


def scope_of(role: Role) -> Any:
    from api.accounts.scope import Scope

    return Scope(role=role, label=f"{role.value}@council.example")


_team = team  # kept_text's keyword `team` is the caller's word for it

# A worrying text with markup in it: kept, it must raise an alert and never be shown unescaped.
KEPT_WORDS = "also he has a knife and says he will hurt them tonight <script>alert(1)</script>"


def kept_text(
    db: Session, *, team: str | None, words: str = KEPT_WORDS, analyse: bool = True
) -> InboundMessage:
    """A text kept outside a survey (from a number with an invitation of `team`, or none)."""
    invitation = None
    if team is not None:
        invitation = Invitation(
            public_id=str(uuid.uuid4()),
            token_hash=uuid.uuid4().hex,
            survey_id=db.scalar(select(Survey.id).limit(1)),
            team_id=_team(db, team).id,
            audience=Audience.parent_carer,
            language=Language.en,
            channel=Channel.sms,
            case_ref=f"CASE-{team}",
        )
        db.add(invitation)
        db.flush()
    message = InboundMessage(
        provider_id="SM" + uuid.uuid4().hex,
        channel=Channel.sms,
        sender_hash=uuid.uuid4().hex,
        kept_body_encrypted=crypto.encrypt(words),
        received_at=datetime.now(UTC),
        handled_at=datetime.now(UTC),
        invitation_id=invitation.id if invitation else None,
        outcome=kept.REPLIED,
    )
    db.add(message)
    db.flush()
    if analyse:
        kept.analyse_kept(db, {"inbound_id": message.id})
    return message
