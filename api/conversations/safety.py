"""A text conversation's safeguarding while it is still going (issue 12).

A survey by text gathers its answers on the invitation and stores them as a response only at
the end; a parent who writes something worrying in the free-text question and never answers
the last one would otherwise wait days (until the invitation expires) for anyone to read it.
So each free-text answer is analysed by a job queued when it arrives, under the conversation's
own subject key; when the answers are stored, `rekey` moves that alert to the response and the
response's own analysis joins it rather than raising a second (as a web form's draft does).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.pipeline import analyse
from api.alerts import raising
from api.answer_analysis.service import known_names
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.models import Invitation, Response
from api.models.enums import AlertSource, Channel
from api.responses.intake import StoredResponse
from api.reviews import learning

ANALYSE_ANSWER = "sms.analyse_answer"


def subject(invitation: Invitation, *, said_at: datetime) -> raising.Subject:
    return raising.Subject(
        key=raising.conversation_key(invitation.id),
        said_at=said_at,
        audience=invitation.audience,
        channel=Channel.sms,
        team_id=invitation.team_id,
        survey_id=invitation.survey_id,
        collection_point_id=invitation.collection_point_id,
        invitation_id=invitation.id,
    )


def free_text_given(session: Session, invitation: Invitation, *, question: str) -> None:
    """Queue the analysis of a free-text answer that just arrived by text."""
    jobs.enqueue(
        session,
        kind=ANALYSE_ANSWER,
        payload={
            "invitation_id": invitation.id,
            "question": question,
            "said_at": datetime.now(UTC).isoformat(),
        },
    )


def answers_stored(session: Session, invitation: Invitation, response: StoredResponse) -> None:
    """The conversation's alert, if its answers raised one, becomes the response's."""
    raising.rekey(
        session,
        old_key=raising.conversation_key(invitation.id),
        subject=raising.for_response(response),
    )


@jobs.handler(ANALYSE_ANSWER)
def analyse_answer(session: Session, payload: dict[str, Any]) -> None:
    """Analyse one free-text answer of a conversation still going; raise its alert if it
    worries. Once the answers are stored, the response's own analysis reads them instead."""
    # Locked as the conversation's handling locks it, so storing the answers waits for this
    # (or this sees them stored): the words raise one alert, not two.
    invitation = session.scalar(
        select(Invitation).where(Invitation.id == int(payload["invitation_id"])).with_for_update()
    )
    if invitation is None:
        return
    said_at = datetime.fromisoformat(str(payload["said_at"]))
    stored_since = session.scalar(
        select(Response.id)
        .where(Response.invitation_id == invitation.id, Response.submitted_at >= said_at)
        .limit(1)
    )
    if stored_since is not None:
        return  # the response holding these words was analysed as a response
    key = str(payload["question"])
    text = (invitation.answers or {}).get(key)
    if not isinstance(text, str) or not text.strip():
        return  # erased since
    result = analyse(
        text,
        question=key,
        audience=invitation.audience.value,
        known_names=known_names(session),
        taxonomy_file=get_settings().taxonomy_file,
        council=learning.active_model(session),
    )
    if result.safeguarding.flag:
        raising.raise_alert(
            session,
            subject=subject(invitation, said_at=said_at),
            source=AlertSource.analysis,
            categories=list(result.safeguarding.categories),
        )
