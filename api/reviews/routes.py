"""Theme review for the children's rights team."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from api.accounts.deps import Staff
from api.accounts.scope import Scope
from api.reviews import agreement as agreements
from api.reviews import learning
from api.reviews import service as reviews
from api.reviews.schemas import AgreementRead, QueueItem, ReviewCreate, ReviewRead

router = APIRouter(prefix="/reviews", tags=["theme review"])


@router.get("/queue")
async def review_queue(
    staff: Staff, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> list[QueueItem]:
    """Unreviewed answers, least certain first (raw text; audited)."""
    return await staff.run(lambda session, scope: reviews.queue(session, scope, limit=limit))


@router.post("", status_code=201)
async def create_review(correction: ReviewCreate, staff: Staff) -> ReviewRead:
    """Correct an answer's themes and sentiment; the correction counts from now on."""

    def work(session: Session, scope: Scope) -> ReviewRead:
        stored = reviews.review(
            session, scope, correction=correction, identical=correction.identical
        )
        learning.maybe_queue_training(session)
        return stored

    return await staff.run(work)


@router.get("/agreement")
async def review_agreement(staff: Staff) -> AgreementRead:
    """Per-theme precision, recall and kappa of the analysis against reviewers."""
    return await staff.run(lambda session, scope: agreements.agreement(session, scope))
