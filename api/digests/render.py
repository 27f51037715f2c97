"""A digest as plain text (the preview, and the email's text part) and as HTML for Outlook
and the rest: tables and inline styles, autoescaped (quotes are free text)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.digests import charts
from api.digests.content import DigestContent, Trend
from api.digests.figures import StatementLine
from api.surveys import names

NOISE = "Only changes beyond chance are listed (Fisher's exact test on the counts, p < 0.05)."


def _url(dashboard_url: str, path: str) -> str:
    return dashboard_url.rstrip("/") + path


def _share(pct: float | None) -> str:
    return "too few answers" if pct is None else f"{pct:.0f}%"


def _points(change: float) -> str:
    """+5 points, -1 point, no change."""
    rounded = round(change)
    if rounded == 0:
        return "no change"
    return f"{rounded:+d} point{'s' if abs(rounded) != 1 else ''}"


def _in_the_period(content: DigestContent) -> str:
    """'this week', 'this fortnight', 'this month', 'this quarter'."""
    kind = {"W": "week", "F": "fortnight", "Q": "quarter"}.get(content.period[5:6], "month")
    return f"this {kind}"


def _statement_plain(line: StatementLine, content: DigestContent) -> str:
    this = f"{_in_the_period(content)} {line.n} answers"
    if line.pct is not None:
        this += f" ({line.pct:.0f}% agreeing)"
    wide = f"{content.wide.label}: {_share(line.wide_pct)}"
    if line.wide_ci is not None:
        wide += f" (95% {line.wide_ci[0]:.0f}-{line.wide_ci[1]:.0f}%)"
    wide += f" of {line.wide_n} answers"
    if line.change is not None:
        wide += f", {_points(line.change)} on {content.wide.before().label}"
    return f"  {line.label}: {this}; {wide}"


def plain(content: DigestContent, *, dashboard_url: str) -> str:
    """Reads well in any mail client; every figure already published (suppressed)."""
    lines = [
        f"{content.forum_name}: what people told us",
        f"{content.period_label} ({content.first_day.day} {content.first_day:%B}"
        f" to {names.day(content.last_day)})",
    ]
    trends = _trends_by_statement(content)
    if content.hears_responses:
        lines += [
            "",
            f"Responses: {content.responses}",
            f"  Read them: {_url(dashboard_url, content.responses_link)}",
        ]
        lines += [f"  {c.name}: {c.count}" for c in content.by_channel]
    for table in content.tables:
        lines += [
            "",
            f"{table.name}: share agreeing (4 or 5 of 5)",
            f"  A {_in_the_period(content)[5:]} is rarely enough for a share, so each statement"
            f" also shows {content.wide.label}.",
        ]
        for line in table.lines:
            lines.append(_statement_plain(line, content))
            trend = trends.get((line.survey, line.key))
            if trend is not None and trend.shown:
                lines.append(f"    last {len(trend.months)} months: {_in_words(trend)}")
    if content.below_target:
        lines += ["", "Below target:"]
        lines += [
            f"  {label} ({names.survey_name(survey)}): {pct:.0f}%"
            for survey, label, pct in content.below_target
        ]
    for heading, themes in (
        (f"Mentioned more often than in {content.baseline}", content.rising),
        (f"Mentioned less often than in {content.baseline}", content.falling),
    ):
        if themes:
            lines += ["", f"{heading}:"]
            lines += [
                f"  {t.label}: {t.now} responses {_in_the_period(content)}, {t.before} before"
                f" - {_url(dashboard_url, t.link)}"
                for t in themes
            ]
    if content.rising or content.falling:
        lines.append(f"  {NOISE}")
    if content.quotes:
        lines += ["", "In their words (names, numbers and addresses removed):"]
        lines += [f'  "{quote.text}"' for quote in content.quotes]
    lines += ["", "Safeguarding alerts (exact numbers, as in the alerts queue):"]
    for team in content.alerts:
        lines.append(
            f"  {team.team}: {team.open} open; {team.raised_in_period} raised"
            f" {_in_the_period(content)} - {_url(dashboard_url, team.link)}"
        )
        lines += [f"    {status}: {n}" for status, n in team.by_status if n]
    waiting, overdue = content.concerns_waiting
    if waiting:
        lines += ["", f"Possible concerns waiting to be read: {waiting} ({overdue} overdue)"]
    if content.open_actions:
        lines += ["", "You said, we did (open):"]
        for action in content.open_actions:
            due = f", due {action.due_on:%d %B %Y}" if action.due_on else ""
            lines.append(
                f"  You said: {action.you_said} We are: {action.we_did} [{action.status}{due}]"
            )
    lines += ["", f"More in YouSaid: {_url(dashboard_url, content.responses_link)}", ""]
    return "\n".join(lines)


def _trends_by_statement(content: DigestContent) -> dict[tuple[str, str], Trend]:
    return {(t.survey, t.key): t for t in content.trends}


def _in_words(trend: Trend) -> str:
    return ", ".join("-" if share is None else f"{share:.0f}%" for share in trend.shares)


@lru_cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
    )


def html(
    content: DigestContent,
    *,
    dashboard_url: str,
    brand: str,
    images: Mapping[str, str] | None = None,
) -> str:
    """The HTML part: every figure as published, every quote escaped. `images` maps a
    trend's chart id to where its picture is (`cid:` in the email, `data:` in the archive);
    a trend with no picture is left out, its words still in the plain part."""
    return (
        _environment()
        .get_template("digest.html")
        .render(
            c=content,
            url=lambda path: _url(dashboard_url, path),
            in_the_period=_in_the_period(content),
            noise=NOISE,
            points=_points,
            survey_name=names.survey_name,
            dashboard_url=dashboard_url,
            brand=brand,
            trends=_trends_by_statement(content),
            images=images or {},
            describe=charts.describe,
            chart_size=(charts.WIDTH_PX, charts.HEIGHT_PX),
        )
    )
