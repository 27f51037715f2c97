"""Digests on each forum's schedule: exactly one per forum per period, by the worker.

`digests.schedule` runs every 15 minutes: for each active forum, the newest period whose
digest is due gets an archive row (insert-or-ignore on forum and period, so however many
workers look, one row) and, with it, one `digests.send` job. The job builds the digest, sends
it by email and archives what was sent; an SMTP failure raises, and the job is retried with
backoff (the error kept on the job).

Exactly once, also across a crash (decision 35): once the mail server has taken the sender
and recipients, and before the message itself goes, the digest is marked `handing_over`
with its Message-ID (one per forum and period) and that mark is committed. A run that finds
the mark — its worker died after handing the message over, perhaps after the server had
accepted it — does not send it again: the digest becomes `may_have_been_sent`, and the
archive says when it was handed over and under which Message-ID, for a person to check and
send again on purpose (`yousaid digest send --again`).
"""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.core.sql import insert_or_ignore
from api.digests import charts, content, render
from api.forums import periods
from api.forums import service as forums
from api.jobs import queue as jobs
from api.messaging.providers import email_sender
from api.models import Digest, Forum
from api.models.enums import DigestStatus
from api.surveys import names
from channels.email.sender import Email, InlineImage
from channels.sms.provider import PermanentFailure, TemporaryFailure
from channels.teams import webhook

SCHEDULE = "digests.schedule"
SEND = "digests.send"
TEAMS = "digests.teams"
_DIGEST_INSERT = insert_or_ignore(cast(Table, Digest.__table__), conflict=("forum_id", "period"))


def queue_due(session: Session, now: datetime | None = None) -> int:
    """Archive rows and send jobs for every forum whose next digest is due; how many new."""
    now = now or datetime.now(UTC)
    timezone = get_settings().timezone
    added = 0
    for row in session.scalars(select(Forum).where(Forum.active.is_(True))):
        period = periods.latest_due(forums.definition_of(row).schedule, now, timezone)
        if period is not None:
            added += queue(session, row, period.key) is not None
    return added


def queue(session: Session, forum: Forum, period: str) -> int | None:
    """The digest row for a forum's period and its send job; None if it was there already."""
    digest_id: int | None = (
        session.connection()
        .execute(
            _DIGEST_INSERT,
            {
                "forum_id": forum.id,
                "period": period,
                "status": DigestStatus.pending,
                "subject": None,
                "text": None,
                "html": None,
                "created_at": datetime.now(UTC),
                "sent_at": None,
                "message_id": message_id(forum, period),
                "handed_over_at": None,
            },
        )
        .scalar()
    )
    if digest_id is not None:
        jobs.enqueue(
            session,
            kind=SEND,
            payload={"digest_id": digest_id},
            unique_key=f"{SEND}:{digest_id}",
            max_attempts=8,
        )
    return digest_id


@jobs.handler(SCHEDULE)
def schedule(session: Session, payload: dict[str, Any]) -> None:
    queue_due(session)


# Sent or settled: a rerun of the job leaves these alone.
_SETTLED = frozenset({DigestStatus.sent, DigestStatus.empty, DigestStatus.may_have_been_sent})


def message_id(forum: Forum, period: str) -> str:
    """The digest email's Message-ID: the same for a forum's period however often it is tried,
    so a mail system that sees it twice can tell it is one message."""
    return f"<digest-{forum.key}-{period}@yousaid>"


@jobs.handler(SEND)
def send(session: Session, payload: dict[str, Any]) -> None:
    """Build, send and archive one digest. Raises on an SMTP failure: the job retries.

    Commits the session once mid-way (the hand-over mark, before the message goes): that
    mark must be durable before the mail server can accept anything."""
    digest = session.get(Digest, payload["digest_id"])
    if digest is None or digest.status in _SETTLED:
        return
    if digest.status is DigestStatus.handing_over:
        # A worker handed it over and died before it could record what the server said.
        digest.status = DigestStatus.may_have_been_sent
        return
    forum = session.get(Forum, digest.forum_id)
    if forum is None:
        return
    definition = forums.definition_of(forum)
    period = periods.parse(digest.period, definition.schedule.cadence)
    built = content.build(session, forum, period)
    settings = get_settings()
    if built.empty and not definition.send_when_empty:
        digest.status = DigestStatus.empty
        return
    digest.subject = render.subject(built, council=settings.council_name_in(built.language))
    dashboard = settings.public_base_url.rstrip("/") + "/"
    digest.text = render.plain(built, dashboard_url=dashboard)
    pictures = charts.draw(built)
    # The archive keeps its pictures inside the page; the email carries them as parts.
    digest.html = render.html(
        built,
        dashboard_url=dashboard,
        brand=settings.brand_colour,
        images={key: charts.data_uri(png) for key, png in pictures.items()},
    )
    content_ids = {key: f"{key}.{digest.id}@yousaid" for key in pictures}
    page = render.html(
        built,
        dashboard_url=dashboard,
        brand=settings.brand_colour,
        images={key: f"cid:{cid}" for key, cid in content_ids.items()},
    )
    digest.message_id = message_id(forum, period.key)
    if definition.members:
        _hand_to_mail_server(
            session,
            digest,
            Email(
                to=tuple(definition.members),
                subject=digest.subject,
                text=digest.text,
                html=page,
                message_id=digest.message_id,
                inline_images=tuple(
                    InlineImage(content_ids[key], png) for key, png in pictures.items()
                ),
            ),
        )
        if digest.status is DigestStatus.may_have_been_sent:
            return
    digest.status = DigestStatus.sent
    digest.sent_at = datetime.now(UTC)
    if forum.teams_webhook_encrypted:
        # Its own job: a Teams outage is retried without sending the email again.
        jobs.enqueue(
            session,
            kind=TEAMS,
            payload={"digest_id": digest.id},
            unique_key=f"{TEAMS}:{digest.id}",
            max_attempts=8,
        )


def send_again(session: Session, digest: Digest) -> None:
    """A person checked that a digest which may have been sent did not arrive: it goes again
    (same Message-ID, so a mail system that did get it can tell it is the same message)."""
    if digest.status is DigestStatus.may_have_been_sent:
        digest.status = DigestStatus.pending
        digest.handed_over_at = None


def _hand_to_mail_server(session: Session, digest: Digest, email: Email) -> None:
    """Send, with the hand-over mark committed just before the message goes. A failure the
    server answered before accepting (or before the mark) is undone and raised, to be retried;
    one that leaves it unclear whether the server accepted makes it `may_have_been_sent`."""
    handed = False

    def handing_over() -> None:
        nonlocal handed
        digest.status = DigestStatus.handing_over
        digest.handed_over_at = datetime.now(UTC)
        session.commit()
        handed = True

    try:
        email_sender(get_settings()).send(email, handing_over=handing_over)
    except Exception as exc:
        if not handed:
            raise  # nothing went: the job retries with backoff, its error on the job row
        if isinstance(
            exc,
            smtplib.SMTPDataError
            | smtplib.SMTPRecipientsRefused
            | TemporaryFailure
            | PermanentFailure,
        ):
            # The server (or Notify) refused the message itself: it did not accept it.
            digest.status = DigestStatus.pending
            digest.handed_over_at = None
            session.commit()
            raise
        # Cut off or timed out after the message went: the server may have accepted it.
        digest.status = DigestStatus.may_have_been_sent


@jobs.handler(TEAMS)
def post_to_teams(session: Session, payload: dict[str, Any]) -> None:
    """The digest's headline and a link to it, as a card in the forum's Teams channel."""
    digest = session.get(Digest, payload["digest_id"])
    forum = session.get(Forum, digest.forum_id) if digest else None
    if digest is None or forum is None or digest.status is not DigestStatus.sent:
        return
    url = forums.definition_of(forum).teams_webhook_url
    if url is None:
        return
    base = get_settings().public_base_url.rstrip("/")
    try:
        period = periods.parse(digest.period, forums.definition_of(forum).schedule.cadence)
        label = names.period(period.key, period.first_day, period.after_last_day)
    except ValueError:  # the forum's cadence changed since: its key still says which period
        label = digest.period
    webhook.post(
        str(url),
        webhook.card(
            title=f"{forum.name}: feedback, {label}",
            facts=[("Period", label), ("Sent to members", f"{digest.sent_at:%d %B %Y}")],
            link=f"{base}/api/v1/digests/{digest.id}/html",
        ),
        **get_settings().teams_webhook_policy,
    )
