"""Everything found about a person, as one plain document (JSON-ready): what we hold, in
words a person can read, and nothing about anyone else's data that the rows do not hold."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import crypto
from api.core.config import get_settings
from api.models import (
    AlertEvent,
    Answer,
    CaseEvent,
    EqualityAnswer,
    InboundMessage,
    Invitation,
    OutboundMessage,
    PossibleConcern,
    Response,
    SafeguardingAlert,
    Survey,
    SurveyQuestion,
    SurveyVersion,
    Team,
)
from api.subject_access.lookup import Found

# Said at the top of both formats: the person who sends it must read it first.
BEFORE_SENDING = (
    "Read this before it is sent. Leave out anything about other people (a child's words in "
    "a parent's copy, a worker's view of a risk) and anything that could put someone at risk "
    "(Data Protection Act 2018, Schedules 2 and 3). Safeguarding alerts are child-protection "
    "records: ask the duty team before you share them."
)
NOT_KEPT = (
    "Answers given on a form opened from a poster or a QR code have no name, number or case "
    "reference, so they cannot be found by these; a person can help find theirs by saying "
    "when and where they answered. Opt-outs are kept as a keyed hash so that we never text "
    "or email the person again."
)


def _at(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _open(token: str | None) -> str | None:
    if not token:
        return None
    try:
        return crypto.decrypt(token)
    except ValueError:
        return "(kept with a key that is no longer configured)"


def _team_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Team.id, Team.name)).tuples().all())


def _question_words(definition: dict[str, Any], key: str) -> str:
    for question in definition.get("questions", []):
        if question.get("key") == key:
            text = (question.get("text") or {}).get("en")
            if isinstance(text, dict):  # worded for during and after the work
                text = text.get("after") or next(iter(text.values()), None)
            if text:
                return str(text)
    return key.replace("_", " ").capitalize()


def _answer_words(answer: Answer) -> str | None:
    if answer.not_applicable:
        return "Does not apply"
    if answer.scale_value is not None:
        return f"{answer.scale_value} out of 5"
    if answer.choice is not None:
        return answer.choice.replace("_", " ")
    return answer.text


def _equality_words(choice: str) -> str:
    return choice.replace("_", " ")


def _invitations(session: Session, found: Found, teams: dict[int, str]) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Invitation).where(Invitation.id.in_(found.invitation_ids)).order_by(Invitation.id)
    )
    return [
        {
            "reference": row.public_id,
            "case_reference": row.case_ref,
            "who_was_asked": row.contact_role.value if row.contact_role else row.audience.value,
            "team": teams.get(row.team_id or 0),
            "by": row.channel.value,
            "language": row.language.value,
            "status": row.status.value,
            "created_at": _at(row.created_at),
            "sent_at": _at(row.sent_at),
            "completed_at": _at(row.completed_at),
            "ended_at": _at(row.ended_at),
            "phone": _open(row.phone_encrypted),
            "email": _open(row.email_encrypted),
            "contact_erased_at": _at(row.contact_erased_at),
        }
        for row in rows
    ]


def _responses(session: Session, found: Found, teams: dict[int, str]) -> list[dict[str, Any]]:
    out = []
    for response, survey, definition in session.execute(
        select(Response, Survey.title_en, SurveyVersion.definition)
        .join(Survey, Survey.id == Response.survey_id)
        .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
        .where(Response.id.in_(found.response_ids))
        .order_by(Response.submitted_at, Response.id)
    ).tuples():
        answers = session.execute(
            select(Answer, SurveyQuestion.key)
            .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
            .where(Answer.response_id == response.id)
            .order_by(SurveyQuestion.position)
        ).tuples()
        out.append(
            {
                "reference": response.public_id,
                "survey": survey,
                "team": teams.get(response.team_id or 0),
                "by": response.channel.value,
                "language": response.language.value,
                "submitted_at": _at(response.submitted_at),
                "name_given": response.respondent_name,
                "answers": [
                    {"question": _question_words(definition, key), "answer": _answer_words(a)}
                    for a, key in answers
                ],
                # The person's own "about you" answers: never shown beside a response to
                # staff (decision 48), but theirs to have a copy of (UK GDPR Art. 15).
                "about_you": [
                    {"question": _question_words(definition, key), "answer": _equality_words(c)}
                    for c, key in session.execute(
                        select(EqualityAnswer.choice, SurveyQuestion.key)
                        .join(SurveyQuestion, SurveyQuestion.id == EqualityAnswer.question_id)
                        .where(EqualityAnswer.response_id == response.id)
                        .order_by(SurveyQuestion.position)
                    ).tuples()
                ],
            }
        )
    return out


def _messages(session: Session, found: Found) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sent = [
        {
            "at": _at(m.sent_at or m.created_at),
            "by": m.channel.value,
            "what": m.purpose.value.replace("_", " "),
            "to": _open(m.recipient_encrypted),
            "words": m.body or None,
            "status": m.status.value,
        }
        for m in session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.id.in_(found.outbound_ids))
            .order_by(OutboundMessage.created_at, OutboundMessage.id)
        )
    ]
    received = [
        {
            "at": _at(m.received_at),
            "from": _open(m.sender_encrypted),
            "words": _open(m.kept_body_encrypted) or m.body,
            "read_by_staff_at": _at(m.read_at),
        }
        for m in session.scalars(
            select(InboundMessage)
            .where(InboundMessage.id.in_(found.inbound_ids))
            .order_by(InboundMessage.received_at, InboundMessage.id)
        )
    ]
    return sent, received


def _safeguarding(session: Session, found: Found) -> dict[str, list[dict[str, Any]]]:
    alerts = []
    for alert in session.scalars(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.id.in_(found.alert_ids))
        .order_by(SafeguardingAlert.raised_at)
    ):
        events = session.scalars(
            select(AlertEvent).where(AlertEvent.alert_id == alert.id).order_by(AlertEvent.id)
        )
        alerts.append(
            {
                "reference": alert.public_id,
                "raised_at": _at(alert.raised_at),
                "raised_by": alert.raised_by.value.replace("_", " "),
                "about": [c.replace("_", " ") for c in alert.categories],
                "status": alert.status.value.replace("_", " "),
                "contact_offered": _open(alert.offered_contact_encrypted),
                "history": [
                    {
                        "at": _at(e.occurred_at),
                        "status": e.status.value.replace("_", " "),
                        "note": e.note,
                    }
                    for e in events
                ],
            }
        )
    concerns = [
        {
            "reference": c.public_id,
            "raised_at": _at(c.raised_at),
            "status": c.status.value,
            "read_at": _at(c.read_at),
            "outcome": c.outcome.value.replace("_", " ") if c.outcome else None,
            "note": c.note,
        }
        for c in session.scalars(
            select(PossibleConcern)
            .where(PossibleConcern.id.in_(found.concern_ids))
            .order_by(PossibleConcern.raised_at)
        )
    ]
    return {"alerts": alerts, "possible_concerns": concerns}


def build(session: Session, found: Found) -> dict[str, Any]:
    """The whole document: the same content for the readable copy and the JSON."""
    teams = _team_names(session)
    sent, received = _messages(session, found)
    case_events = [
        {"event": e.event.replace("_", " "), "case_reference": e.case_ref, "at": _at(e.occurred_at)}
        for e in session.scalars(
            select(CaseEvent).where(CaseEvent.id.in_(found.case_event_ids)).order_by(CaseEvent.id)
        )
    ]
    return {
        "council": get_settings().council_name,
        "made_at": _at(datetime.now(UTC)),
        "looked_up_by": found.key.kind.value,
        "looked_up": found.key.value,
        "before_sending": BEFORE_SENDING,
        "counts": found.counts,
        "case_events": case_events,
        "invitations": _invitations(session, found, teams),
        "responses": _responses(session, found, teams),
        "messages_sent": sent,
        "messages_received": received,
        "safeguarding": _safeguarding(session, found),
        "opted_out_at": _at(found.opted_out_at),
        "language_preference": (
            {"language": found.language[0], "learned_from": found.language[1]}
            if found.language
            else None
        ),
        "not_included": NOT_KEPT,
    }
