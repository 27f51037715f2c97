"""Telling people about alerts: at once when raised, again when nobody picked one up in time.

Each telling is an `AlertNotification` row with its own job (`alerts.notify:<id>`), written in
the transaction that raised the alert. The job sends every notification waiting for the same
people as one email, so alerts raised within a minute of each other share an email; the first
after a quiet minute goes at once. An alert still new after `YOUSAID_ALERT_ACKNOWLEDGE_MINUTES`
is escalated once (`alerts.escalate:<alert id>`). Outside office hours the out-of-hours
contacts are told. An email carries links and who/when/where, never the words: mail gets
forwarded, and the words are read on the alert page, audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.alerts import hours, names
from api.core.config import Settings, get_settings
from api.jobs import queue as jobs
from api.messaging.providers import email_sender
from api.models import (
    AlertNotification,
    CollectionPoint,
    SafeguardingAlert,
    Survey,
    Team,
)
from api.models.enums import (
    AlertSource,
    AlertStatus,
    Audience,
    NotificationPurpose,
    NotificationStatus,
)
from api.surveys import names as survey_names
from channels.email.sender import Email

NOTIFY = "alerts.notify"
ESCALATE = "alerts.escalate"
NEW = AlertStatus.new
# Alerts told within this of the last email to the same people wait to share the next one.
BATCH_WINDOW = timedelta(seconds=60)
# An alert that cannot be told is retried for about a day (backoff caps at 6 hours).
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class Recipients:
    emails: tuple[str, ...]
    label: str


def recipients_for(
    settings: Settings, at: datetime, purpose: NotificationPurpose
) -> tuple[Recipients, bool]:
    """Who is told at this moment, and whether it is out of hours."""
    out_of_hours = not hours.from_settings(settings).open_at(at)
    duty = tuple(settings.duty_contacts)
    if out_of_hours and settings.out_of_hours_contacts:
        night = tuple(settings.out_of_hours_contacts)
        if settings.out_of_hours_tell_duty_team:
            chosen = Recipients(_unique(night + duty), "out-of-hours team and duty team")
        else:
            chosen = Recipients(night, "out-of-hours team")
    else:
        chosen = Recipients(duty, "duty team")
    if purpose is NotificationPurpose.escalation and settings.escalation_contacts:
        chosen = Recipients(
            _unique(chosen.emails + tuple(settings.escalation_contacts)),
            f"{chosen.label} and escalation contacts",
        )
    return chosen, out_of_hours


def _unique(emails: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.lower() for e in emails))


def queue_raised(session: Session, alert: SafeguardingAlert) -> None:
    """A new alert: tell the people on duty now, and escalate it later if nobody moves it."""
    settings = get_settings()
    chosen, out_of_hours = recipients_for(settings, alert.raised_at, NotificationPurpose.raised)
    alert.out_of_hours = out_of_hours
    _queue(session, alert, NotificationPurpose.raised, chosen)
    jobs.enqueue(
        session,
        kind=ESCALATE,
        payload={"alert_id": alert.id},
        run_after=alert.raised_at + timedelta(minutes=settings.alert_acknowledge_minutes),
        unique_key=f"{ESCALATE}:{alert.id}",
        priority=jobs.URGENT,
    )


def _queue(
    session: Session,
    alert: SafeguardingAlert,
    purpose: NotificationPurpose,
    chosen: Recipients,
) -> AlertNotification:
    now = datetime.now(UTC)
    notification = AlertNotification(
        alert_id=alert.id,
        purpose=purpose,
        recipients=list(chosen.emails),
        recipients_label=chosen.label,
        status=NotificationStatus.pending,
        created_at=now,
    )
    session.add(notification)
    session.flush()
    last_sent = session.scalar(
        select(AlertNotification.sent_at)
        .where(
            AlertNotification.recipients_label == chosen.label,
            AlertNotification.sent_at.is_not(None),
        )
        .order_by(AlertNotification.sent_at.desc())
        .limit(1)
    )
    # The first alert after a quiet minute goes now; the ones after it wait for the minute
    # to end and go together.
    run_after = max(now, last_sent + BATCH_WINDOW) if last_sent else now
    jobs.enqueue(
        session,
        kind=NOTIFY,
        payload={"notification_id": notification.id},
        run_after=run_after,
        unique_key=f"{NOTIFY}:{notification.id}",
        max_attempts=MAX_ATTEMPTS,
        priority=jobs.URGENT,  # a burst of answers being analysed never delays the email
    )
    return notification


@jobs.handler(ESCALATE)
def escalate(session: Session, payload: dict[str, Any]) -> None:
    """Nobody has picked the alert up in time: tell the duty team again, and escalation."""
    alert = session.get(SafeguardingAlert, payload["alert_id"])
    if alert is None or alert.status is not AlertStatus.new or alert.owner_user_id is not None:
        return
    chosen, _ = recipients_for(get_settings(), datetime.now(UTC), NotificationPurpose.escalation)
    _queue(session, alert, NotificationPurpose.escalation, chosen)


@jobs.handler(NOTIFY)
def send(session: Session, payload: dict[str, Any]) -> None:
    """Send this notification with every other one waiting for the same people, as one email.
    An SMTP failure raises: the job is retried with backoff, its attempts shown on the alert."""
    mine = session.scalar(
        select(AlertNotification)
        .where(AlertNotification.id == payload["notification_id"])
        .with_for_update(skip_locked=True)
    )
    if mine is None or mine.status is NotificationStatus.sent:
        return  # gone, sent with another, or being sent with another right now
    waiting = list(
        session.scalars(
            select(AlertNotification)
            .where(
                AlertNotification.status == NotificationStatus.pending,
                AlertNotification.recipients_label == mine.recipients_label,
                AlertNotification.purpose == mine.purpose,
                AlertNotification.id != mine.id,
            )
            .order_by(AlertNotification.id)
            .with_for_update(skip_locked=True)
        )
    )
    batch = [mine, *waiting]
    alerts = {
        a.id: a
        for a in session.scalars(
            select(SafeguardingAlert).where(SafeguardingAlert.id.in_([n.alert_id for n in batch]))
        )
    }
    batch = [n for n in batch if n.alert_id in alerts]
    settings = get_settings()
    recipients = tuple(dict.fromkeys(e for n in batch for e in n.recipients))
    if not recipients:
        raise RuntimeError("No duty contacts configured (YOUSAID_DUTY_EMAILS)")
    email = compose(
        session, [alerts[n.alert_id] for n in batch], mine.purpose, recipients, settings
    )
    message_id = email_sender(settings).send(email)
    now = datetime.now(UTC)
    for notification in batch:
        notification.status = NotificationStatus.sent
        notification.sent_at = now
        notification.message_id = message_id[:200]


def alert_url(settings: Settings, alert: SafeguardingAlert) -> str:
    """The staff page of the alert (sign-in first comes back here)."""
    return f"{settings.public_base_url.rstrip('/')}/staff/alerts/{alert.public_id}"


AUDIENCE = {
    "young_person": "a child or young person",
    "parent_carer": "a parent or carer",
    "partner": "a partner agency",
}
CHANNEL = {
    "web": "web form",
    "qr": "web form from a QR code",
    "sms": "text message",
    "email": "web form from an email link",
    "import": "imported from a file",
    "api": "case system",
}
RAISED_BY = {
    AlertSource.child_request: "They asked for someone to talk to them",
    AlertSource.analysis: "Their words may disclose harm",
    AlertSource.both: "They asked for someone to talk to them, and their words may disclose harm",
    AlertSource.concern_review: "A person who read their words raised it",
}


def describe(session: Session, alert: SafeguardingAlert, settings: Settings) -> list[str]:
    """Who, when, where, why: what a duty worker needs before opening the alert. No words."""
    zone = ZoneInfo(settings.timezone)
    said = alert.said_at or alert.raised_at
    team = session.get(Team, alert.team_id) if alert.team_id else None
    point = (
        session.get(CollectionPoint, alert.collection_point_id)
        if alert.collection_point_id
        else None
    )
    survey = session.get(Survey, alert.survey_id) if alert.survey_id else None
    who = AUDIENCE.get(alert.audience.value, "someone") if alert.audience else "someone"
    how = CHANNEL.get(alert.channel.value, "a channel") if alert.channel else "a channel"
    why = RAISED_BY[alert.raised_by]
    if alert.audience is not None and alert.audience is not Audience.young_person:
        # An adult asked to be contacted about a child; "someone to talk to them" is a child's.
        why = why.replace("asked for someone to talk to them", "asked to be contacted")
    lines = [
        why,
        f"Possible concern: {names.concerns(list(alert.categories))}",
        f"From: {who}, by {how}",
        f"Said: {said.astimezone(zone):%A %d %B %Y at %H:%M}",
        f"Team: {team.name if team else 'not known (an anonymous answer)'}",
    ]
    if point is not None:
        lines.append(f"Collection point: {point.name_en}")
    if survey is not None:
        lines.append(f"Survey: {survey_names.survey(survey.key, survey.title_en)}")
    if alert.invitation_id:
        lines.append("Invited by the case system: the case reference is on the alert page")
    return lines


def compose(
    session: Session,
    alerts: list[SafeguardingAlert],
    purpose: NotificationPurpose,
    recipients: tuple[str, ...],
    settings: Settings,
) -> Email:
    """The email: one alert, or the alerts raised together, each with its link. No words."""
    now = datetime.now(UTC)
    many = len(alerts) > 1
    if purpose is NotificationPurpose.escalation:
        oldest = min(a.raised_at for a in alerts)
        minutes = int((now - oldest).total_seconds() // 60)
        subject = (
            f"Not picked up after {minutes} minutes: {len(alerts)} safeguarding alerts"
            if many
            else f"Not picked up after {minutes} minutes: safeguarding alert"
        )
        opening = (
            f"Nobody has picked up {'these alerts' if many else 'this alert'} in "
            f"{settings.alert_acknowledge_minutes} minutes. Please open "
            f"{'them' if many else 'it'} now."
        )
    else:
        subject = (
            f"{len(alerts)} safeguarding alerts: please review now"
            if many
            else "Safeguarding alert: please review now"
        )
        opening = (
            f"YouSaid has received feedback that may mean a child is at risk"
            f"{' (' + str(len(alerts)) + ' alerts)' if many else ''}."
        )
    parts = [opening, ""]
    for number, alert in enumerate(alerts, start=1):
        heading = f"Alert {number} of {len(alerts)}" if many else "The alert"
        parts.append(heading)
        parts.extend(f"  {line}" for line in describe(session, alert, settings))
        parts.append(f"  Open it: {alert_url(settings, alert)}")
        parts.append("")
    parts.extend(
        [
            "The words are not in this email on purpose: read them on the alert page.",
            "Follow your safeguarding procedures. If a child is in immediate danger, call 999.",
        ]
    )
    return Email(
        to=recipients,
        subject=f"{settings.council_name} YouSaid – {subject}",
        text="\n".join(parts) + "\n",
    )
