"""Reports over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Staff
from api.models.enums import Audience, Channel
from api.reports import service as reports
from api.reports.schemas import GroupBy, StatementReport

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/statements")
async def statement_report(
    staff: Staff,
    survey: str,
    by: Annotated[list[GroupBy] | None, Query()] = None,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    team: str | None = None,
    collection_point: str | None = None,
    audience: Audience | None = None,
    channel: Channel | None = None,
) -> StatementReport:
    """Top-two-box share per statement, with 95% intervals and change, small numbers suppressed."""
    request = reports.ReportRequest(
        survey=survey,
        by=list(dict.fromkeys(by or [])),
        start=start,
        end=end,
        team=team,
        collection_point=collection_point,
        audience=audience,
        channel=channel,
    )
    return await staff.run(
        lambda session, scope: reports.statements(session, scope, request=request)
    )
