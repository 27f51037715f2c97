"""The Overview: responses over time, statements against the target, themes, the funnel; and
one statement compared across teams and months."""

from __future__ import annotations

import functools
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from api.accounts.signin import SignedIn
from api.core.config import get_settings
from api.dashboard import overview as dashboard
from api.dashboard import statement as comparison
from api.dashboard.judgement import Judgement
from api.surveys import names
from frontend.staff import (
    charts,
    choices,
    drilldown,
    filters,
    labels,
    not_heard,
    share_charts,
    statement_rows,
)
from frontend.staff.language import _, strftime_in
from frontend.staff.render import staff_page
from frontend.staff.session import page

router = APIRouter(include_in_schema=False)


def today() -> date:
    """The council's today (the browser tests set it, to open the page on the 1st)."""
    return datetime.now(ZoneInfo(get_settings().timezone)).date()


def chosen_filters(params: QueryParams) -> filters.PageFilters:
    """The page's filters; with no period named, the Overview's default (the last full
    quarter, unless the council chose another), so it never opens on a day or two."""
    if not (params.get("period") or params.get("from") or params.get("to")):
        default = get_settings().overview_default_period
        params = QueryParams([*params.multi_items(), ("period", default)])
    return filters.parse(params, today=today())


def survey_name(key: str) -> str:
    return labels.survey_name(key)


def _judgement_key() -> list[tuple[Markup, str]]:
    """The key to the bars' fills, each with its words."""
    return [
        (share_charts.judgement_swatch(j), labels.judgement_words(j))
        for j in (Judgement.clearly_below, Judgement.around, Judgement.clearly_above)
    ]


def _in_fixed_order(series: tuple[dashboard.Series, ...]) -> list[dashboard.Series]:
    """Channels in STYLES' order, the same on every screen (not by volume)."""
    order = list(charts.STYLES["channel"])
    return sorted(series, key=lambda s: (order.index(s.name) if s.name in order else 99, s.name))


@router.get("/staff")
async def overview(request: Request) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = chosen_filters(request.query_params)
        target = get_settings().statement_target_pct
        data = dashboard.overview(
            session,
            who.scope,
            start=chosen.start,
            end=chosen.end,
            filters=chosen.responses,
            target_pct=target,
            today=today(),
        )
        query = chosen.as_query()
        encoded = urlencode(query, doseq=True)
        channels = _in_fixed_order(data.responses_by_channel)
        # Drawn twice: for a desk, and for a phone, where the desk's drawing would shrink its
        # words to half size and run them into each other (issue 15); staff.css shows one.
        responses_chart = functools.partial(
            charts.line_chart,
            title=_("Responses by channel"),
            labels=[labels.bucket_label(b) for b in data.buckets],
            lines=[
                charts.Line(
                    labels.channel(s.name),
                    s.values,
                    charts.style_of("channel", s.name),
                    key=s.name,
                )
                for s in channels
            ],
            notes=[labels.bucket_note(b) for b in data.buckets],
            desc=(
                _(
                    "%(count)s responses from %(first)s to %(last)s.",
                    count=data.responses,
                    first=strftime_in(chosen.start, "%d %B %Y"),
                    last=strftime_in(chosen.end, "%d %B %Y"),
                )
                + "".join(
                    " "
                    + _(
                        "%(bucket)s: %(note)s, not joined to the line.",
                        bucket=labels.bucket_label(b),
                        note=labels.bucket_note(b),
                    )
                    for b in data.buckets
                    if b.note
                )
            ),
        )
        responses_charts = responses_chart("responses", css_class="chart-wide") + responses_chart(
            "responses-narrow", width=360, css_class="chart-narrow"
        )
        statements = [
            (
                report,
                [
                    statement_rows.row(
                        f"statement-{report.survey}-{f.key}",
                        f,
                        label=labels.statement_label(report.survey, f.key, f.label),
                        disagreed=data.disagreed.get((report.survey, f.key), 0),
                        target=target,
                        filters=query,
                        who=who,
                    )
                    for f in report.statements or []
                ],
                [
                    f"/staff/overview/statements/{report.survey}/{f.key}?{encoded}"
                    for f in report.statements or []
                ],
            )
            for report in data.statements
        ]
        peak = max(
            (max((*neg.values, *pos.values), default=0) for _, neg, pos in data.themes), default=0
        )
        partial = [b.partial for b in data.buckets]
        themes = [
            {
                "id": name,
                "label": labels.theme(name),
                "negative": statement_rows.visible_count(negative.total, who),
                "positive": statement_rows.visible_count(positive.total, who),
                "negative_href": drilldown.theme(query, name, "negative"),
                "positive_href": drilldown.theme(query, name, "positive"),
                "all_href": drilldown.theme(query, name),
                "chart": charts.small_multiple(
                    f"theme-{name}",
                    labels.theme(name),
                    negative.values,
                    positive.values,
                    peak,
                    partial=partial,
                ),
            }
            for name, negative, positive in data.themes
        ]
        return staff_page(
            request,
            "staff/overview.html",
            who=who,
            title=_("Overview"),
            data=data,
            point_name=labels.point_namer(session),
            chosen=chosen,
            **choices.filter_form(session, who),
            responses_chart=responses_charts,
            channel_series=channels,
            channel_key=[
                (
                    charts.key_swatch(charts.style_of("channel", s.name)),
                    labels.channel(s.name),
                )
                for s in channels
            ],
            statements=statements,
            judgement_key=_judgement_key(),
            disagree_swatch=share_charts.disagree_swatch(),
            scale=share_charts.share_axis("statement-scale", target=target),
            themes=themes,
            theme_peak=int(charts.nice_max(max(peak, 1))),
            bucket_word="week" if data.buckets and "W" in data.buckets[0].key else "month",
            channel_label=labels.channel,
            survey_label=survey_name,
            count=lambda n: statement_rows.visible_count(n, who),
            password_changed=request.query_params.get("password_changed") == "1",
            not_heard=not_heard.section(session, data.not_heard, who),
        )

    return await page(request, work)


@router.get("/staff/overview/statements/{key}")
async def statement(request: Request, key: str) -> Response:
    """A statement's comparison, in the first survey that asks it (or `?survey=`)."""
    return await _statement(request, key, request.query_params.get("survey") or None)


@router.get("/staff/overview/statements/{survey_key}/{key}")
async def survey_statement(request: Request, survey_key: str, key: str) -> Response:
    """A statement's comparison in one survey (the filter form keeps to it: it is the path)."""
    return await _statement(request, key, survey_key)


async def _statement(request: Request, key: str, survey: str | None) -> Response:
    def work(session: Session, who: SignedIn) -> Response:
        chosen = chosen_filters(request.query_params)
        target = get_settings().statement_target_pct
        found = comparison.compare(
            session,
            who.scope,
            key=key,
            survey=survey,
            start=chosen.start,
            end=chosen.end,
            filters=chosen.responses,
            target_pct=target,
            today=today(),
        )
        query = chosen.as_query()
        overall = statement_rows.row(
            "overall",
            found.overall.figure,
            label=_teams_label(session, chosen.responses.teams),
            disagreed=found.overall.disagreed,
            target=target,
            filters=query,
            who=who,
        )
        without_team = {k: v for k, v in query.items() if k != "team"}
        team_names = names.teams(session, labels.lang())
        wording = labels.statement_label(found.survey, key, found.label)
        teams = [
            (
                team,
                statement_rows.row(
                    f"team-{team.slug}",
                    team.figure,
                    label=team_names.get(team.slug) or team.name,
                    disagreed=team.disagreed,
                    target=target,
                    filters={**without_team, "team": team.slug},
                    who=who,
                ),
            )
            for team in found.teams
        ]
        months = [
            (
                month,
                statement_rows.row(
                    f"month-{month.bucket.key}",
                    month.figure,
                    label=labels.bucket_label(month.bucket),
                    disagreed=month.disagreed,
                    target=target,
                    filters=drilldown.within(query, month.bucket.start, month.bucket.end),
                    who=who,
                ),
            )
            for month in found.months
            if month.bucket.start is not None and month.bucket.end is not None
        ]
        trend = share_charts.trend_chart(
            "trend",
            _("Share agreeing by month: %(statement)s", statement=wording),
            [
                share_charts.Point(
                    label=labels.bucket_label(m.bucket),
                    note=labels.bucket_note(m.bucket),
                    pct=m.figure.top_two_box_pct,
                    low=m.figure.ci_low,
                    high=m.figure.ci_high,
                    href=r.agree_href,
                )
                for m, r in months
            ],
            target=target,
        )
        return staff_page(
            request,
            "staff/overview_statement.html",
            who=who,
            title=wording,
            statement_label=wording,
            found=found,
            chosen=chosen,
            **choices.filter_form(session, who),
            overall=overall,
            team_rows=teams,
            months=months,
            trend=trend,
            judgement_key=_judgement_key(),
            disagree_swatch=share_charts.disagree_swatch(),
            scale=share_charts.share_axis("team-scale", target=target),
            survey_label=survey_name,
            count=lambda n: statement_rows.visible_count(n, who),
            back_query=urlencode(query, doseq=True),
            query=urlencode(query, doseq=True),
        )

    return await page(request, work)


def _teams_label(session: Session, teams: tuple[str, ...]) -> str:
    """The overall row's name: every team the reader may see, or the ones chosen."""
    if not teams:
        return _("All teams you can see")
    named = names.teams(session, labels.lang())
    return ", ".join(named.get(slug, slug) for slug in teams)
