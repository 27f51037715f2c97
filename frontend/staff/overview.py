"""The Overview: responses over time, statements against the target, themes, the funnel."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.accounts.signin import SignedIn
from api.core.config import get_settings
from api.dashboard import overview as dashboard
from frontend.staff import charts, choices, filters, labels
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)


@router.get("/staff")
async def overview(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = filters.parse(request.query_params, today=date.today())
        target = get_settings().statement_target_pct
        data = dashboard.overview(
            session,
            who.scope,
            start=chosen.start,
            end=chosen.end,
            filters=chosen.responses,
            target_pct=target,
        )
        labels_x = [b.label for b in data.buckets]
        responses_chart = charts.line_chart(
            "responses",
            "Responses by channel",
            labels_x,
            [
                charts.Line(labels.CHANNELS.get(s.name, s.name), s.values)
                for s in data.responses_by_channel
            ],
            desc=(
                f"{data.responses} responses from {chosen.start:%d %B %Y} to {chosen.end:%d %B %Y}."
            ),
        )
        statement_charts = [
            (
                report,
                charts.share_chart(
                    f"statements-{report.survey}",
                    f"Share agreeing: {report.survey}",
                    [
                        charts.Share(f.label, f.top_two_box_pct, f.ci_low, f.ci_high)
                        for f in report.statements or []
                    ],
                    target=target,
                ),
            )
            for report in data.statements
        ]
        peak = max(
            (max((*neg.values, *pos.values), default=0) for _, neg, pos in data.themes), default=0
        )
        theme_charts = [
            (
                name,
                negative,
                positive,
                charts.small_multiple(
                    f"theme-{name}", labels.theme(name), negative.values, positive.values, peak
                ),
            )
            for name, negative, positive in data.themes
        ]
        return staff_page(
            request,
            "staff/overview.html",
            who=who,
            title="Overview",
            data=data,
            chosen=chosen,
            **choices.filter_form(session, who),
            responses_chart=responses_chart,
            statement_charts=statement_charts,
            theme_charts=theme_charts,
            theme_label=labels.theme,
            channel_label=lambda c: labels.CHANNELS.get(c, c),
            password_changed=request.query_params.get("password_changed") == "1",
            chosen_query=urlencode(chosen.as_query()),
        )

    return await page(request, work)
