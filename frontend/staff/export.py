"""Exports as CSV: statement figures and theme counts (suppressed, as everything that leaves
the system), and responses with their words redacted (audited). Every cell is guarded against
formula injection."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.errors import FieldError, InvalidInput
from api.models.enums import Role
from api.reports import csv_export
from api.reports import service as reports
from api.reports.schemas import GroupBy
from api.responses import csv_io
from api.surveys import library, names
from frontend.staff import choices, filters, labels
from frontend.staff.render import STAFF_HEADERS, staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
EXPORTERS = frozenset({Role.admin, Role.rights_team, Role.manager})


def _surveys() -> list[str]:
    return sorted({d.key for d in library.survey_library()})


def _csv(body: str, name: str) -> Response:
    return Response(
        # A byte-order mark so Excel reads the Welsh letters as UTF-8.
        "\ufeff" + body,
        media_type="text/csv; charset=utf-8",
        headers=STAFF_HEADERS | {"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _survey(request: Request) -> str:
    survey = request.query_params.get("survey") or ""
    if survey not in _surveys():
        raise InvalidInput("Choose a survey", errors=[FieldError("survey", "Choose a survey")])
    return survey


@router.get("/staff/export")
async def index(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        return staff_page(
            request,
            "staff/export.html",
            who=who,
            title="Export",
            chosen=chosen,
            **choices.filter_form(session, who),
            surveys=_surveys(),
            survey_name=labels.survey_name,
        )

    return await page(request, work, roles=EXPORTERS)


@router.get("/staff/export/statements.csv")
async def statements(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        by = [g for g in (GroupBy.team, GroupBy.month) if request.query_params.get(f"by_{g.value}")]
        survey = _survey(request)
        report = reports.statements(
            session,
            who.scope,
            request=reports.ReportRequest(
                survey=survey, by=by, start=chosen.start, end=chosen.end, filters=chosen.responses
            ),
        )
        named = {"team": names.teams(session), "collection_point": names.points(session)}
        body = csv_export.to_csv(csv_export.statement_rows(report, named))
        return _csv(body, f"yousaid-statements-{survey}-{chosen.start}-{chosen.end}.csv")

    return await page(request, work, roles=EXPORTERS)


@router.get("/staff/export/themes.csv")
async def themes(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        rows = csv_export.theme_rows(
            session, who.scope, start=chosen.start, end=chosen.end, filters=chosen.responses
        )
        return _csv(csv_export.to_csv(rows), f"yousaid-themes-{chosen.start}-{chosen.end}.csv")

    return await page(request, work, roles=EXPORTERS)


@router.get("/staff/export/responses.csv")
async def responses(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        survey = _survey(request)
        rows = csv_io.export_responses(
            session, who.scope, survey_key=survey, start=chosen.start, end=chosen.end
        )
        body = csv_export.to_csv(rows)
        return _csv(body, f"yousaid-responses-{survey}-{chosen.start}-{chosen.end}.csv")

    return await page(request, work, roles=EXPORTERS)
