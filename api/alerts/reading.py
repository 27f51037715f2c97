"""What the alert page reads about the person, each on asking and audited: the words they
said (an answer, a form still being filled in, a text outside a survey) and how to reach
them (an invited person's number or address while it is kept, or what an anonymous child
offered). And the tellings of the alert with their attempts, which hold no words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core import audit, crypto
from api.core.config import get_settings
from api.core.errors import Forbidden
from api.models import (
    AlertNotification,
    Answer,
    FormDraft,
    InboundMessage,
    Invitation,
    Job,
    SafeguardingAlert,
    Survey,
    SurveyQuestion,
    SurveyVersion,
)
from api.models.enums import AlertSource, NotificationPurpose, NotificationStatus, QuestionKind

NO_WORDS = "They asked for help without writing anything."
NOTHING_KEPT = "No words were kept with this alert."
RAW_REFUSAL = "Your role cannot read raw feedback"
CONTACT_REFUSAL = "Your role cannot see contact details"


def _require_raw(scope: Scope, refusal: str) -> None:
    if not scope.raw_text:
        raise Forbidden(refusal)


def _draft_words(session: Session, draft: FormDraft) -> list[str]:
    free_text = set(
        session.scalars(
            select(SurveyQuestion.key)
            .join(SurveyVersion, SurveyVersion.id == SurveyQuestion.survey_version_id)
            .join(Survey, Survey.id == SurveyVersion.survey_id)
            .where(
                Survey.key == draft.survey_key,
                SurveyVersion.version == draft.survey_version,
                SurveyQuestion.kind == QuestionKind.free_text,
            )
        )
    )
    values = draft.answers or {}
    # The survey's free-text questions; if its version is gone, every written answer.
    keys = [k for k in values if k in free_text] if free_text else list(values)
    return [v.strip() for k in keys if isinstance(v := values[k], str) and v.strip()]


def _inbound_words(message: InboundMessage) -> str:
    if message.kept_body_encrypted:
        try:
            return crypto.decrypt(message.kept_body_encrypted)
        except ValueError:
            return "The words were kept with a key that is no longer configured."
    return message.body or ""


def _said(session: Session, alert: SafeguardingAlert) -> str:
    if alert.answer_id is not None:
        return session.scalar(select(Answer.text).where(Answer.id == alert.answer_id)) or ""
    if alert.draft_id is not None:
        draft = session.get(FormDraft, alert.draft_id)
        return "\n\n".join(_draft_words(session, draft)) if draft else ""
    if alert.inbound_message_id is not None:
        message = session.get(InboundMessage, alert.inbound_message_id)
        return _inbound_words(message) if message else ""
    return ""


def words(session: Session, scope: Scope, alert: SafeguardingAlert) -> str:
    """The words that raised an alert already fetched within scope; raw roles only, audited."""
    _require_raw(scope, RAW_REFUSAL)
    said = _said(session, alert).strip()
    audit.record(
        session, scope, action="alert.view_text", object_type="alert", object_id=alert.public_id
    )
    if said:
        return said
    asked = alert.raised_by in (AlertSource.child_request, AlertSource.both)
    return NO_WORDS if asked else NOTHING_KEPT


@dataclass(frozen=True)
class Contact:
    """How to reach the person, as far as it is kept."""

    phone: str | None = None
    email: str | None = None
    offered: str | None = None  # what an anonymous person gave when they asked for help
    erased_at: datetime | None = None  # the invitation's number or address was erased then
    kept_until: datetime | None = None  # when it will be, if the invitation has ended
    invited: bool = False


def _open(token: str | None) -> str | None:
    if not token:
        return None
    try:
        return crypto.decrypt(token)
    except ValueError:
        return "(kept with a key that is no longer configured)"


def contact(session: Session, scope: Scope, alert: SafeguardingAlert) -> Contact:
    """An invited person's number or address, or what an anonymous person offered; raw roles
    only, and every showing audited."""
    _require_raw(scope, CONTACT_REFUSAL)
    invitation = session.get(Invitation, alert.invitation_id) if alert.invitation_id else None
    audit.record(
        session, scope, action="alert.view_contact", object_type="alert", object_id=alert.public_id
    )
    offered = _open(alert.offered_contact_encrypted)
    if invitation is None:
        return Contact(offered=offered)
    kept_until = None
    if invitation.ended_at is not None and invitation.contact_erased_at is None:
        kept_until = invitation.ended_at + timedelta(days=get_settings().contact_retention_days)
    return Contact(
        phone=_open(invitation.phone_encrypted),
        email=_open(invitation.email_encrypted),
        offered=offered,
        erased_at=invitation.contact_erased_at,
        kept_until=kept_until,
        invited=True,
    )


def has_contact(session: Session, alert: SafeguardingAlert) -> bool:
    """Whether there is anything to reveal (without revealing it)."""
    if alert.offered_contact_encrypted:
        return True
    if alert.invitation_id is None:
        return False
    invitation = session.get(Invitation, alert.invitation_id)
    return invitation is not None


@dataclass(frozen=True)
class Telling:
    purpose: NotificationPurpose
    recipients_label: str
    recipients: tuple[str, ...]
    status: NotificationStatus
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None


def tellings(session: Session, alert: SafeguardingAlert) -> list[Telling]:
    """Who was told about the alert, when, and how the sending went (from each job row)."""
    notifications = list(
        session.scalars(
            select(AlertNotification)
            .where(AlertNotification.alert_id == alert.id)
            .order_by(AlertNotification.id)
        )
    )
    keys = [f"alerts.notify:{n.id}" for n in notifications]
    jobs = (
        {j.unique_key: j for j in session.scalars(select(Job).where(Job.unique_key.in_(keys)))}
        if keys
        else {}
    )
    out = []
    for n in notifications:
        job = jobs.get(f"alerts.notify:{n.id}")
        out.append(
            Telling(
                purpose=n.purpose,
                recipients_label=n.recipients_label,
                recipients=tuple(n.recipients or ()),
                status=n.status,
                created_at=n.created_at,
                sent_at=n.sent_at,
                attempts=job.attempts if job else 0,
                last_error=job.last_error if job else None,
            )
        )
    return out
