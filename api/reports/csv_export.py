"""Figures as CSV for spreadsheets: every figure through the suppression that applies to
anything leaving the system, every cell guarded against formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.stats import LEAVES_THE_SYSTEM, shown_count
from api.accounts.scope import Scope
from api.models import AnswerTheme, Response, Team
from api.reports import service as reports
from api.reports.schemas import StatementReport
from api.responses import effective_themes
from api.responses import filters as response_filters
from api.responses.csv_io import guard_cell
from api.responses.filters import ResponseFilters, ResponseMatch
from api.surveys import names


def to_csv(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([guard_cell("" if cell is None else str(cell)) for cell in row])
    return out.getvalue()


def statement_rows(
    report: StatementReport, group_names: Mapping[str, Mapping[str, str]] | None = None
) -> Iterable[list[object]]:
    """One row per statement (and group): the published figures, suppressed as published.
    `group_names` (group -> id -> name, say team slug -> team name) adds a name column beside
    each group's id, so the file carries both."""
    group_names = group_names or {}
    groups = [g.value for g in report.by]
    named = [g for g in groups if g in group_names]
    yield [
        *groups,
        "statement",
        "wording",
        "answers",
        "agree",
        "agree_pct",
        "ci_low_pct",
        "ci_high_pct",
        "change_points",
        *(f"{g}_name" for g in named),
    ]
    for group in report.groups:
        for f in group.statements:
            yield [
                *(group.group.get(name) for name in groups),
                f.key,
                f.label,
                f.n,
                f.top_two_box,
                _pct(f.top_two_box_pct),
                _pct(f.ci_low),
                _pct(f.ci_high),
                _pct(f.change_pct_points),
                *(group_names[g].get(group.group.get(g) or "", "") for g in named),
            ]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def theme_rows(
    session: Session,
    scope: Scope,
    *,
    start: date,
    end: date,
    filters: ResponseFilters,
    match: ResponseMatch | None = None,
) -> Iterable[list[object]]:
    """Theme mentions by month and team, each count suppressed (1-4 as "<5"): the themes that
    count (a reviewer's, where a person reviewed the answer), of the responses matching."""
    month = (
        func.to_char(Response.submitted_on, "YYYY-MM")
        if session.get_bind().dialect.name == "postgresql"
        else func.strftime("%Y-%m", Response.submitted_on)
    )
    query = response_filters.apply(
        select(month, Team.slug, AnswerTheme.theme, AnswerTheme.polarity, func.count())
        .join(Response, Response.id == AnswerTheme.response_id)
        .outerjoin(Team, Team.id == Response.team_id)
        .where(
            scope.team_filter(Response.team_id),
            Response.submitted_on >= start,
            Response.submitted_on <= end,
            effective_themes.is_effective(),
        )
        .group_by(month, Team.slug, AnswerTheme.theme, AnswerTheme.polarity)
        .order_by(month, Team.slug, AnswerTheme.theme, AnswerTheme.polarity),
        filters,
    )
    query = response_filters.apply_match(query, match or ResponseMatch(), scope=scope)
    policy = reports.policy()
    team_names = names.teams(session)
    # Ids first (as before, for spreadsheets that read by position), the names people read last.
    yield ["month", "team", "theme", "polarity", "mentions", "team_name", "theme_name"]
    for row_month, team, theme, polarity, n in session.execute(query):
        yield [
            row_month,
            team or "",
            theme,
            polarity.value,
            shown_count(int(n), LEAVES_THE_SYSTEM, policy),
            team_names.get(team, "") if team else "",
            names.theme(theme),
        ]
