"""A digest's statement figures: the period's own, the last full calendar quarter's beside
them (a team's week is almost always too small for a share; the same quarter the Overview
opens on, api/dashboard/window.py), the change on the quarter before, and six months' trend.
Every month here is a calendar month, so the change and the trend beside it count the same
way."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import Session

from analysis.stats import rate_change
from api.accounts.scope import Scope
from api.dashboard import window
from api.digests import links
from api.forums.definitions import ForumDefinition
from api.reports import service as reports
from api.reports.schemas import GroupBy, StatementFigure, StatementReport
from api.surveys import library, names
from api.surveys.names import Lang

DIGEST_SCOPE = Scope.system("digest")
TREND_MONTHS = 6
Published = int | str  # a count, or "<5"


@dataclass(frozen=True)
class Months:
    """A run of whole calendar months."""

    first: date
    last: date  # the last day of the last month
    language: Lang = "en"

    @property
    def label(self) -> str:
        return names.months(self.first, self.last, self.language)

    def before(self) -> Months:
        """The same number of months just before."""
        count = _count(self.first, self.last)
        return Months(
            _months_back(self.first, count), self.first - timedelta(days=1), self.language
        )


def _count(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _months_back(first_of_month: date, count: int) -> date:
    day = first_of_month
    for _ in range(count):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def full_months_to(last_day: date) -> Months:
    """The last full comparison window for a period ending on `last_day`: the last whole
    calendar quarter (api.dashboard.window, shared with the Overview)."""
    return Months(*window.last_full_quarter(last_day))


@dataclass(frozen=True)
class StatementLine:
    survey: str
    key: str
    label: str
    n: Published  # answers in the digest's period
    pct: float | None  # the period's own share, when enough answered
    wide_n: Published  # answers in the last full months
    wide_pct: float | None
    wide_ci: tuple[float, float] | None
    change: float | None  # wide share against the months before, in points
    link: str  # the period's answers that disagreed (1 or 2), on the responses page
    # +1 clearly up, -1 clearly down, 0 within chance: Fisher's exact test on the answers
    # agreeing of those answering, in the quarter against the one before (as themes are).
    direction: int = 0


@dataclass(frozen=True)
class StatementTable:
    survey: str
    name: str
    lines: tuple[StatementLine, ...]
    # The youngest children's survey answers with three faces: "agreeing" is the happy one.
    three_faces: bool = False

    @property
    def agreeing_key(self) -> str:
        return "agreeing_faces" if self.three_faces else "agreeing_five"


@dataclass(frozen=True)
class Trend:
    """One statement's share agreeing, month by month (None where too few answered)."""

    survey: str
    key: str
    label: str
    months: tuple[str, ...]
    shares: tuple[float | None, ...]
    target: int | None  # per cent, where the forum watches statements below a target
    language: Lang = "en"  # of the words on its axis and in its description

    @property
    def chart_id(self) -> str:
        suffix = "" if self.language == "en" else f"-{self.language}"
        return f"trend-{self.survey}-{self.key}{suffix}"

    @property
    def shown(self) -> bool:
        """Worth a line: at least two months with a published share."""
        return sum(share is not None for share in self.shares) >= 2


def _report(
    session: Session, survey: str, first: date, last: date, condition: ColumnElement[bool]
) -> dict[str, StatementFigure]:
    report = reports.statements(
        session,
        DIGEST_SCOPE,
        request=reports.ReportRequest(survey=survey, start=first, end=last, condition=condition),
    )
    return {f.key: f for f in report.statements or []}


def tables(
    session: Session,
    definition: ForumDefinition,
    week: list[StatementReport],
    condition: ColumnElement[bool],
    last_day: date,
    lang: Lang = "en",
) -> tuple[Months, list[StatementTable]]:
    """Each survey's statements: the period's figures beside the last full months' shares."""
    wide = replace(full_months_to(last_day), language=lang)
    before = wide.before()
    found: list[StatementTable] = []
    for report in week:
        # The same report as the API's and the export's, for whole calendar months.
        now = _report(session, report.survey, wide.first, wide.last, condition)
        if not any(f.n for f in [*(report.statements or []), *now.values()]):
            continue
        then = _report(session, report.survey, before.first, before.last, condition)
        lines = []
        for figure in report.statements or []:
            share, previous = now.get(figure.key), then.get(figure.key)
            wide_pct = share.top_two_box_pct if share else None
            before_pct = previous.top_two_box_pct if previous else None
            period = report.period
            lines.append(
                StatementLine(
                    survey=report.survey,
                    key=figure.key,
                    label=_label(report.survey, figure, lang),
                    n=figure.n,
                    pct=figure.top_two_box_pct,
                    wide_n=share.n if share else 0,
                    wide_pct=wide_pct,
                    wide_ci=(share.ci_low, share.ci_high)
                    if share and share.ci_low is not None and share.ci_high is not None
                    else None,
                    change=round(wide_pct - before_pct, 1)
                    if wide_pct is not None and before_pct is not None
                    else None,
                    link=links.responses(
                        definition,
                        period.start or wide.first,
                        period.end or wide.last,
                        question=figure.key,
                        rating="1-2",
                    ),
                    direction=_direction(share, previous),
                )
            )
        table = StatementTable(
            report.survey,
            names.survey_name(report.survey, lang),
            tuple(lines),
            three_faces=_answers_with_three_faces(report.survey),
        )
        found.append(table)
    return wide, found


def _answers_with_three_faces(survey_key: str) -> bool:
    """Whether a survey's statements are answered with three faces (the youngest's)."""
    return any(
        question.scale == "three_faces"
        for definition in library.survey_library()
        if definition.key == survey_key
        for question in definition.questions
    )


def trends(
    session: Session,
    definition: ForumDefinition,
    statements: list[StatementReport],
    hears: ColumnElement[bool],
    last_day: date,
    lang: Lang = "en",
) -> list[Trend]:
    """Each reported statement's monthly share over the last six months, to the period's end:
    the same published figures as the statement report, month by month."""
    first_month = _months_back(last_day.replace(day=1), TREND_MONTHS - 1)
    months = tuple(_month_keys(first_month, last_day))
    watches_figures = any(rule.statements_below_target is not None for rule in definition.rules)
    targets = [r.statements_below_target for r in definition.rules]
    target = max((t for t in targets if t is not None), default=None)
    found: list[Trend] = []
    for report in statements:
        by_month = reports.statements(
            session,
            DIGEST_SCOPE,
            request=reports.ReportRequest(
                survey=report.survey,
                by=[GroupBy.month],
                start=first_month,
                end=last_day,
                condition=true() if watches_figures else hears,
            ),
        )
        shares: dict[str, dict[str, float | None]] = {
            str(group.group["month"]): {f.key: f.top_two_box_pct for f in group.statements}
            for group in by_month.groups
        }
        for figure in report.statements or []:
            found.append(
                Trend(
                    survey=report.survey,
                    key=figure.key,
                    label=_label(report.survey, figure, lang),
                    months=months,
                    shares=tuple(shares.get(month, {}).get(figure.key) for month in months),
                    target=target,
                    language=lang,
                )
            )
    return found


def _label(survey: str, figure: StatementFigure, lang: Lang) -> str:
    """The statement's wording in the digest's language (the report's own is English)."""
    return figure.label if lang == "en" else names.statement(survey, figure.key, lang)


def _agreeing(figure: StatementFigure | None) -> tuple[int, int] | None:
    """(agreeing, answering) behind a published share, or None when it is suppressed. The
    share is exact to 0.1 points, so share x answers gives back the count."""
    if figure is None or figure.top_two_box_pct is None or not isinstance(figure.n, int):
        return None
    return round(figure.top_two_box_pct * figure.n / 100), figure.n


def _direction(now: StatementFigure | None, before: StatementFigure | None) -> int:
    """+1 or -1 when the share moved beyond chance (the digest's one rule: Fisher's exact
    test, p < 0.05), else 0."""
    counts_now, counts_before = _agreeing(now), _agreeing(before)
    if counts_now is None or counts_before is None:
        return 0
    return rate_change(*counts_now, *counts_before).direction


def _month_keys(first: date, last: date) -> list[str]:
    found: list[str] = []
    day = first
    while day <= last:
        found.append(f"{day:%Y-%m}")
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return found
