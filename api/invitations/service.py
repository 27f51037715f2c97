"""Invitations: from a case event to a text or an email, under the council's rules.

Everything about who is invited, when and how is decided here; the SMS and email channels
only carry the words. do_not_contact from the case system always wins, then an opt-out, then
the one-survey-per-number-per-30-days rule.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from api.core import crypto, reference_cache
from api.core.config import get_settings
from api.core.errors import Conflict, FieldError, InvalidInput
from api.core.reference_cache import reference_id
from api.core.sql import insert_or_ignore
from api.episodes import service as episodes
from api.invitations import caseload, contacts, links
from api.invitations import language as preference
from api.invitations import rules as invitation_rules
from api.invitations.language import writing_in
from api.invitations.schemas import CaseEventIn, CaseEventRead, ContactIn, ContactOutcome
from api.invitations.windows import next_open
from api.jobs import queue as jobs
from api.messaging import service as messages
from api.models import CaseEvent, CollectionPoint, Invitation, Survey, Team
from api.models.enums import (
    Audience,
    Channel,
    ContactRole,
    InvitationMode,
    InvitationStatus,
    Language,
    LanguageSource,
    MessagePurpose,
    Tense,
)
from api.surveys import library
from api.surveys import service as surveys
from api.surveys.definitions import SurveyDefinition
from channels.email.invitation import invitation_email
from channels.i18n import in_each_language
from channels.sms import conversation, texts

ROLE_AUDIENCE = {
    ContactRole.parent: Audience.parent_carer,
    ContactRole.carer: Audience.parent_carer,
    ContactRole.young_person: Audience.young_person,
    ContactRole.partner: Audience.partner,
}
OPEN_STATUSES = (InvitationStatus.pending, InvitationStatus.sent, InvitationStatus.started)
REMIND = "invitations.remind"
EXPIRE = "invitations.expire"


# -- case events -------------------------------------------------------------------------


def _fingerprint(event: CaseEventIn) -> str:
    dumped = event.model_dump(mode="json")
    # A contact without the fields added later hashes as it did before them, so a repeat of
    # an event received before then is still a repeat, not a conflict.
    for contact in dumped["contacts"]:
        if contact.get("age_band") is None:
            contact.pop("age_band", None)
        if not contact.get("characteristics"):
            contact.pop("characteristics", None)
    body = json.dumps(dumped, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def receive_case_event(
    session: Session, *, event: CaseEventIn, now: datetime | None = None
) -> CaseEventRead:
    """Invite the event's contacts once. The same event_id again returns what happened the
    first time; with a different body it is a conflict."""
    fingerprint = _fingerprint(event)
    errors: list[FieldError] = []
    team_id = reference_id(session, Team.slug, event.team, "team", errors)
    if errors or team_id is None:
        raise InvalidInput("Some fields could not be accepted", errors=errors)
    now = now or datetime.now(UTC)
    rules = invitation_rules.current()
    found = rules.for_event(event.event)
    point = found[0] if found else None
    # The episode first, so the event row is written once with it (an event that surveys
    # nobody still belongs to its episode: the caseload counts it).
    episode_id = episodes.episode_for_event(
        session,
        case_ref=event.case_ref,
        event=event.event,
        team_id=team_id,
        occurred_at=event.occurred_at,
        point_id=_point(session, point)[0] if point else None,
    )
    # Insert-or-ignore on event_id, never check-then-insert: of two deliveries racing with one
    # event, one inserts and the other (after waiting for it) reads the winner's outcome.
    event_row_id = (
        session.connection()
        .execute(
            _CASE_EVENT_INSERT,
            {
                "event_id": event.event_id,
                "case_ref": event.case_ref,
                "event": event.event,
                "team_id": team_id,
                "occurred_at": event.occurred_at,
                "received_at": now,
                "fingerprint": fingerprint,
                "outcome": [],
                "episode_id": episode_id,
            },
        )
        .scalar()
    )
    if event_row_id is None:
        winner = session.scalar(select(CaseEvent).where(CaseEvent.event_id == event.event_id))
        if winner is None:
            raise Conflict("That event is being stored by another request; try again")
        return _repeat(winner, fingerprint)
    outcomes: list[ContactOutcome] = []
    for contact in event.contacts:
        if found is None:
            outcomes.append(_skipped(contact, "event_not_surveyed"))
        else:
            outcomes.append(
                invite(
                    session,
                    contact=contact,
                    team_id=team_id,
                    point=found[0],
                    rule=found[1],
                    case_ref=event.case_ref,
                    case_event_id=event_row_id,
                    not_before=event.occurred_at + timedelta(hours=found[1].delay_hours),
                    episode_id=episode_id,
                    now=now,
                )
            )
        caseload.record(
            session,
            contact=contact,
            outcome=outcomes[-1],
            audience=ROLE_AUDIENCE[contact.role],
            case_event_id=event_row_id,
            team_id=team_id,
            collection_point_id=_point(session, point)[0] if point else None,
            occurred_at=event.occurred_at,
        )
    session.execute(
        update(CaseEvent)
        .where(CaseEvent.id == event_row_id)
        .values(outcome=[o.model_dump(mode="json") for o in outcomes])
    )
    return CaseEventRead(
        event_id=event.event_id, collection_point=point, duplicate=False, contacts=outcomes
    )


_CASE_EVENT_INSERT = insert_or_ignore(cast(Table, CaseEvent.__table__), conflict="event_id")


def _repeat(existing: CaseEvent, fingerprint: str) -> CaseEventRead:
    if existing.fingerprint != fingerprint:
        raise Conflict("This event_id was already used for a different event; use a new event_id")
    rules = invitation_rules.current()
    return CaseEventRead(
        event_id=existing.event_id,
        collection_point=rules.events.get(existing.event),
        duplicate=True,
        contacts=[ContactOutcome.model_validate(o) for o in existing.outcome],
    )


def _skipped(contact: ContactIn, reason: str) -> ContactOutcome:
    return ContactOutcome(role=contact.role, result="skipped", reason=reason)


def invite(
    session: Session,
    *,
    contact: ContactIn,
    team_id: int | None,
    point: str,
    rule: invitation_rules.PointRule,
    case_ref: str | None,
    case_event_id: int | None,
    not_before: datetime,
    now: datetime,
    ignore_window: bool = False,
    episode_id: int | None = None,
) -> ContactOutcome:
    """Invite one contact, or say why not. Writes the invitation and its first message."""
    if contact.do_not_contact:
        return _skipped(contact, "do_not_contact")
    role_rule = rule.roles.get(contact.role)
    if role_rule is None:
        return _skipped(contact, "no_survey_for_role")
    try:
        route = contacts.route(contact, role_rule.sms_mode)
    except contacts.Unreachable as exc:
        return _skipped(contact, exc.reason)
    contact_hash = crypto.contact_hash(route.address)
    if messages.is_opted_out(session, contact_hash):
        return _skipped(contact, "opted_out")
    if contact.language is not None:
        preference.record(
            session,
            contact_hash=contact_hash,
            language=contact.language,
            source=LanguageSource.case_event,
        )
    session.flush()  # so an earlier contact of this same event counts below
    since = now - timedelta(days=rule.min_days_between_surveys)
    recent = session.scalar(
        select(Invitation.id)
        .where(Invitation.contact_hash == contact_hash, Invitation.created_at >= since)
        .limit(1)
    )
    if recent is not None:
        return _skipped(contact, "recently_surveyed")

    audience = ROLE_AUDIENCE[contact.role]
    published = surveys.published(session, role_rule.survey)
    point_id, tense = _point(session, point)
    send_at = max(not_before, now)
    if not ignore_window:
        send_at = next_open(
            send_at,
            rule.send_window,
            timezone=get_settings().timezone,
            young_person=audience is Audience.young_person,
        )
    # What the case system said, else what this person told us before; unknown, both languages.
    language = contact.language or preference.preferred(session, contact_hash)
    public_id = str(uuid.uuid4())
    invitation = Invitation(
        public_id=public_id,
        token_hash=links.token_hash(links.link_token(public_id)),
        survey_id=published.survey_id,
        survey_version=published.definition.version,
        team_id=team_id,
        collection_point_id=point_id,
        case_event_id=case_event_id,
        episode_id=episode_id,
        audience=audience,
        contact_role=contact.role,
        language=language or preference.unknown_order()[0],
        language_known=language is not None,
        channel=route.channel,
        mode=route.mode,
        case_ref=case_ref,
        status=InvitationStatus.pending,
        phone_encrypted=crypto.encrypt(route.address) if route.channel is Channel.sms else None,
        email_encrypted=crypto.encrypt(route.address) if route.channel is Channel.email else None,
        contact_hash=contact_hash,
        created_at=now,
        send_after=send_at,
        expires_at=send_at + timedelta(days=rule.expire_after_days),
    )
    session.add(invitation)
    session.flush()
    subject, body = _first_message(invitation, published.definition, tense)
    messages.queue(
        session,
        channel=route.channel,
        recipient=route.address,
        purpose=MessagePurpose.invitation,
        language=invitation.language,
        subject=subject,
        body=body,
        invitation_id=invitation.id,
        send_after=send_at,
        window_audience=None if ignore_window else audience,
    )
    outcome = ContactOutcome(
        role=contact.role,
        result="invited",
        channel=route.channel.value,
        mode=route.mode.value,
        send_after=send_at,
        invitation_id=public_id,
    )
    outcome._row_id = invitation.id
    return outcome


def _point(session: Session, key: str) -> tuple[int | None, Tense | None]:
    """A collection point's id and tense (cached: reference data, never re-keyed)."""

    def load() -> tuple[int, Tense] | None:
        row = session.execute(
            select(CollectionPoint.id, CollectionPoint.tense).where(CollectionPoint.key == key)
        ).first()
        return (row[0], row[1]) if row else None

    found = reference_cache.for_session(session).get(("collection_point_tense", key), load)
    return found if found else (None, None)


def _first_message(
    invitation: Invitation, definition: SurveyDefinition, tense: Tense | None
) -> tuple[str | None, str]:
    """The invitation in the person's language, or in both while nobody knows which."""
    languages = writing_in(invitation)
    written = [_first_message_in(invitation, definition, tense, lang) for lang in languages]
    return in_each_language(written, languages)


def _first_message_in(
    invitation: Invitation, definition: SurveyDefinition, tense: Tense | None, language: Language
) -> tuple[str | None, str]:
    council = get_settings().council_name_in(language)
    if invitation.channel is Channel.email:
        return invitation_email(
            council=council,
            url=links.stored_link_url(invitation),
            audience=invitation.audience,
            language=language,
            tense=tense,
        )
    if invitation.mode is InvitationMode.link:
        return None, texts.link_invitation(
            council=council,
            url=links.stored_link_url(invitation),
            audience=invitation.audience,
            language=language,
            tense=tense,
        )
    asked = conversation.questions(definition)
    first = conversation.question_message(
        asked[0],
        number=1,
        total=len(asked),
        language=language,
        tense=tense,
        scales=library.scales(),
    )
    return None, texts.conversational_invitation(
        council=council,
        questions=len(asked),
        first_question=first,
        language=language,
        tense=tense,
    )


def survey_definition(session: Session, invitation: Invitation) -> SurveyDefinition:
    """The survey version this invitation asks."""
    key = session.scalar(select(Survey.key).where(Survey.id == invitation.survey_id))
    return surveys.published(session, key or "", invitation.survey_version).definition


# -- the invitation's life ---------------------------------------------------------------


def mark_sent(session: Session, invitation: Invitation, now: datetime) -> None:
    """The first message went: count the reminder and the expiry from now."""
    rule = _rule_for(session, invitation)
    invitation.status = InvitationStatus.sent
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=rule.expire_after_days)
    jobs.enqueue(
        session,
        kind=REMIND,
        payload={"invitation_id": invitation.id},
        run_after=now + timedelta(hours=rule.reminder_after_hours),
        unique_key=f"{REMIND}:{invitation.id}",
    )
    jobs.enqueue(
        session,
        kind=EXPIRE,
        payload={"invitation_id": invitation.id},
        run_after=invitation.expires_at,
        unique_key=f"{EXPIRE}:{invitation.id}",
    )


def _rule_for(session: Session, invitation: Invitation) -> invitation_rules.PointRule:
    return point_rule(session, invitation.collection_point_id)


def point_rule(session: Session, collection_point_id: int | None) -> invitation_rules.PointRule:
    """The rule of an invitation's collection point (the defaults when it has none)."""
    rules = invitation_rules.current()
    if collection_point_id is None:
        return rules.defaults
    key = reference_cache.for_session(session).get(
        ("collection_point_key", collection_point_id),
        lambda: session.scalar(
            select(CollectionPoint.key).where(CollectionPoint.id == collection_point_id)
        ),
    )
    return rules.rule_for_point(key) if key else rules.defaults


def started(session: Session, invitation: Invitation) -> None:
    """They replied or opened the link: no reminder now."""
    if invitation.status in (InvitationStatus.pending, InvitationStatus.sent):
        invitation.status = InvitationStatus.started
        invitation.started_at = datetime.now(UTC)


def completed(session: Session, invitation_id: int) -> None:
    """Intake stored their answers: the invitation is done and its link is spent."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.status is InvitationStatus.completed:
        return
    now = datetime.now(UTC)
    invitation.status = InvitationStatus.completed
    invitation.completed_at = now
    invitation.ended_at = now
    invitation.ended_reason = "completed"
    invitation.answers = None


def end(session: Session, invitation: Invitation, *, status: InvitationStatus, reason: str) -> None:
    invitation.status = status
    invitation.ended_reason = reason
    invitation.ended_at = datetime.now(UTC)
