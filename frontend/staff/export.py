"""Exports as CSV: statement figures and theme counts (suppressed, as everything that leaves
the system), and responses with their words redacted (audited), streamed a batch at a time.
All three take the Responses list's filter state (frontend/staff/filters.py), so "Export
these responses" downloads what the list shows. Every cell is guarded against formula
injection."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.errors import FieldError, InvalidInput
from api.reports import csv_export, equality
from api.reports import service as reports
from api.reports.schemas import GroupBy
from api.responses import csv_stream
from api.responses.browse import Listing
from api.responses.filters import ResponseFilters, ResponseMatch
from api.surveys import library, names
from frontend.staff import choices, filters, labels
from frontend.staff.choices import EXPORTERS
from frontend.staff.language import _
from frontend.staff.render import STAFF_HEADERS, staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)
__all__ = ["EXPORTERS", "router"]


def _surveys() -> list[str]:
    return sorted({d.key for d in library.survey_library()})


def _download(name: str) -> dict[str, str]:
    return STAFF_HEADERS | {"Content-Disposition": f'attachment; filename="{name}"'}


def _csv(body: str, name: str) -> Response:
    return Response(
        # A byte-order mark so Excel reads the Welsh letters as UTF-8.
        "\ufeff" + body,
        media_type="text/csv; charset=utf-8",
        headers=_download(name),
    )


def _survey(request: Request) -> str:
    survey = request.query_params.get("survey") or ""
    if survey not in _surveys():
        raise InvalidInput(
            _("Choose a survey"), errors=[FieldError("survey", _("Choose a survey"))]
        )
    return survey


def _figure_filters(chosen: filters.PageFilters) -> ResponseFilters:
    """The filters the statement figures can use: the tallied columns and the language."""
    r = chosen.responses
    return ResponseFilters(
        team=r.team,
        collection_point=r.collection_point,
        audience=r.audience,
        channel=r.channel,
        language=chosen.match.language,
    )


@router.get("/staff/export")
async def index(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        m = chosen.match
        return staff_page(
            request,
            "staff/export.html",
            who=who,
            title=_("Export"),
            chosen=chosen,
            path="/staff/export",
            **choices.response_filter_form(session, who),
            surveys=_surveys(),
            equality_surveys=equality.surveys_asking(),
            # Words, themes, ratings and the rest cannot narrow the statement figures,
            # which are counted without them; the page says so rather than ignore them quietly.
            beyond_figures=m != ResponseMatch(language=m.language),
            back_url="/staff/responses?" + urlencode(chosen.as_query(), doseq=True),
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
                survey=survey,
                by=by,
                start=chosen.start,
                end=chosen.end,
                filters=_figure_filters(chosen),
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
            session,
            who.scope,
            start=chosen.start,
            end=chosen.end,
            filters=chosen.responses,
            match=chosen.match,
        )
        return _csv(csv_export.to_csv(rows), f"yousaid-themes-{chosen.start}-{chosen.end}.csv")

    return await page(request, work, roles=EXPORTERS)


@router.get("/staff/export/responses.csv")
async def responses(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        survey = _survey(request)
        export = csv_stream.Export(
            survey_key=survey,
            listing=Listing(who.scope, chosen.start, chosen.end, chosen.responses, chosen.match),
        )
        # Recorded in the page's own transaction, committed before the first row is sent: a
        # download cut short is still in the audit log.
        export.audit(session, filters=chosen.as_query())
        lines = csv_stream.rows(request.app.state.sessions, export, theme_label=labels.theme)
        return StreamingResponse(
            csv_stream.encoded(lines),
            media_type="text/csv; charset=utf-8",
            headers=_download(f"yousaid-responses-{survey}-{chosen.start}-{chosen.end}.csv"),
        )

    return await page(request, work, roles=EXPORTERS)


@router.get("/staff/export/equality.csv")
async def equality_counts(request: Request) -> Response:
    """Equality monitoring counts: how many chose each answer, never one person's (decision 48)."""

    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        survey = _survey(request)
        found = equality.report(
            session, who.scope, survey=survey, start=chosen.start, end=chosen.end
        )
        body = csv_export.to_csv(equality.csv_rows(found))
        return _csv(body, f"yousaid-equality-{survey}-{chosen.start}-{chosen.end}.csv")

    return await page(request, work, roles=EXPORTERS)
