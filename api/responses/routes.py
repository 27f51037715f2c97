"""Responses over HTTP: thin handlers over the intake and read services."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from api.accounts.deps import SUBMITTERS, Staff
from api.accounts.scope import Scope
from api.core.group_commit import Bulk
from api.responses import filters as response_filters
from api.responses import service as responses
from api.responses.filters import ResponseFilters
from api.responses.schemas import ResponsePage, ResponseRead, Submission

router = APIRouter(prefix="/responses", tags=["responses"])


@router.post(
    "",
    status_code=201,
    responses={200: {"description": "Already stored under this idempotency key"}},
)
async def create_response(
    submission: Submission,
    staff: Staff,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    """Store one response. The same Idempotency-Key again returns the first (200, not 201)."""
    if idempotency_key:
        submission = submission.model_copy(update={"idempotency_key": idempotency_key})

    def check(session: Session, scope: Scope) -> Bulk:
        prepared = responses.prepare_submission(session, scope, submission=submission)
        # Written with the other submissions of the moment, in a few statements.
        return Bulk("responses", responses.store_submissions, prepared)

    stored: tuple[ResponseRead, bool] = await staff.run_checked(check, roles=SUBMITTERS)
    read, created = stored
    return JSONResponse(read.model_dump(mode="json"), status_code=201 if created else 200)


@router.get("/{response_id}")
async def get_response(response_id: str, staff: Staff) -> ResponseRead:
    """One response and its answers; free text only for roles allowed raw text (audited)."""
    return await staff.run(
        lambda session, scope: responses.get(session, scope, public_id=response_id)
    )


@router.get("")
async def list_responses(
    staff: Staff,
    filters: Annotated[ResponseFilters, Depends(response_filters.from_query)],
    survey: str | None = None,
    submitted_from: Annotated[date | None, Query(alias="from")] = None,
    submitted_to: Annotated[date | None, Query(alias="to")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ResponsePage:
    """Responses you can see, newest first, filtered, a page at a time (no answers)."""
    return await staff.run(
        lambda session, scope: responses.list_page(
            session,
            scope,
            filters=filters,
            survey=survey,
            submitted_from=submitted_from,
            submitted_to=submitted_to,
            cursor=cursor,
            limit=limit,
        )
    )
