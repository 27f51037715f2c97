"""Possible concerns over HTTP: the queue (no words), one concern (its words for raw roles,
audited), and recording what the reader decided."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from analysis.text import clean_free_text
from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.concerns import service as concerns
from api.concerns.schemas import ConcernOutcomeWrite, ConcernRead, ConcernWithText

router = APIRouter(prefix="/concerns", tags=["possible concerns"])


def _read(row: concerns.Row) -> dict[str, object]:
    c = row.concern
    return {
        "id": c.public_id,
        "status": c.status,
        "reason": c.reason,
        "said_at": c.said_at,
        "raised_at": c.raised_at,
        "due_at": c.due_at,
        "overdue": row.overdue(datetime.now(UTC)),
        "audience": c.audience,
        "channel": c.channel,
        "team": row.team,
        "collection_point": row.collection_point,
        "survey": row.survey,
        "read_by": row.reader or c.read_by_label,
        "read_at": c.read_at,
        "outcome": c.outcome,
        "note": c.note,
        "alert_id": row.alert_public_id,
        "response_id": row.response_public_id,
    }


@router.get("")
async def list_concerns(
    staff: Staff,
    status: Literal["open", "read", "all"] = "open",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = concerns.PER_PAGE,
) -> list[ConcernRead]:
    """Possible concerns in your teams, open ones by when they are due; never the words."""
    wanted = concerns.Wanted(status=status, page=page, per_page=per_page)
    return await staff.run(
        lambda session, scope: [
            ConcernRead.model_validate(_read(r))
            for r in concerns.queue(session, scope, wanted=wanted).rows
        ]
    )


@router.get("/{concern_id}")
async def get_concern(concern_id: str, staff: Staff) -> ConcernWithText:
    """One possible concern with its words (roles that may read raw feedback; audited)."""

    def work(session: Session, scope: Scope) -> ConcernWithText:
        row = concerns.row(session, scope, public_id=concern_id)
        text = concerns.words(session, scope, public_id=concern_id)
        return ConcernWithText.model_validate({**_read(row), "text": text})

    return await staff.run(work)


@router.post("/{concern_id}/outcome")
async def record_outcome(
    concern_id: str, outcome: ConcernOutcomeWrite, staff: Staff
) -> ConcernRead:
    """Record what you decided after reading it, and a note. raised_as_alert raises a
    safeguarding alert and the duty team is told at once, as for any alert."""
    note = clean_free_text(outcome.note) if outcome.note else None

    def work(session: Session, scope: Scope) -> ConcernRead:
        concerns.record_outcome(
            session, scope, public_id=concern_id, outcome=outcome.outcome, note=note
        )
        return ConcernRead.model_validate(_read(concerns.row(session, scope, public_id=concern_id)))

    return await staff.run(work)
