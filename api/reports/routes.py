"""Reports over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.accounts.deps import Staff
from api.reports import equality
from api.reports import service as reports
from api.reports.schemas import EqualityReport, GroupBy, StatementReport
from api.responses import filters as response_filters
from api.responses.filters import ResponseFilters

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/statements")
async def statement_report(
    staff: Staff,
    survey: str,
    filters: Annotated[ResponseFilters, Depends(response_filters.from_query)],
    by: Annotated[list[GroupBy] | None, Query()] = None,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> StatementReport:
    """Top-two-box share per statement, with 95% intervals and change, small numbers suppressed."""
    request = reports.ReportRequest(
        survey=survey, by=list(dict.fromkeys(by or [])), start=start, end=end, filters=filters
    )
    return await staff.run(
        lambda session, scope: reports.statements(session, scope, request=request)
    )


@router.get("/equality")
async def equality_report(
    staff: Staff,
    survey: str,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> EqualityReport:
    """Equality monitoring answers per question, as counts only, small numbers suppressed."""
    return await staff.run(
        lambda session, scope: equality.report(session, scope, survey=survey, start=start, end=end)
    )
