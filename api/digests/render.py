"""A digest as plain text (the preview, and the email's text part) and as HTML for Outlook
and the rest: tables and inline styles, autoescaped (quotes are free text)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.digests import charts
from api.digests.content import DigestContent, Trend

THEME_NAMES = {
    "listened_to": "Feeling listened to",
    "reliability": "Reliability",
    "clarity": "Being clear",
    "involvement": "Being involved",
    "caring": "Caring",
    "time_with_child": "Time with the child",
    "communication": "Communication",
    "consistency": "Consistency of worker",
    "timeliness": "Timeliness",
    "respect": "Respect",
    "practical_help": "Practical help",
    "outcomes": "Outcomes",
    "professionalism": "Professionalism",
}


def _theme(theme: str, polarity: str) -> str:
    return f"{THEME_NAMES.get(theme, theme)} ({polarity})"


def plain(content: DigestContent, *, dashboard_url: str) -> str:
    """Reads well in any mail client; every figure already published (suppressed)."""
    lines = [
        f"{content.forum_name}: what people told us",
        f"{content.first_day:%d %B %Y} to {content.last_day:%d %B %Y} ({content.period})",
    ]
    trends = _trends_by_statement(content)
    if content.hears_responses:
        lines += ["", f"Responses: {content.responses}"]
        lines += [f"  {channel}: {count}" for channel, count in content.by_channel]
    for report in content.statements:
        shown = [f for f in report.statements or [] if f.n]
        if not shown:
            continue
        lines += ["", f"Statements ({report.survey}), share agreeing:"]
        for figure in shown:
            share = (
                "too few answers"
                if figure.top_two_box_pct is None
                else f"{figure.top_two_box_pct:.0f}%"
            )
            interval = (
                f" (95% {figure.ci_low:.0f}-{figure.ci_high:.0f}%)"
                if figure.ci_low is not None and figure.ci_high is not None
                else ""
            )
            change = (
                f", {figure.change_pct_points:+.0f} points"
                if figure.change_pct_points is not None
                else ""
            )
            lines.append(f"  {figure.label}: {share}{interval}{change} [{figure.n} answers]")
            trend = trends.get((report.survey, figure.key))
            if trend is not None and trend.shown:
                lines.append(f"    last {len(trend.months)} months: {_in_words(trend)}")
    if content.below_target:
        lines += ["", "Below target:"]
        lines += [
            f"  {label} ({survey}): {pct:.0f}%" for survey, label, pct in content.below_target
        ]
    for heading, themes in (("Rising themes", content.rising), ("Falling themes", content.falling)):
        if themes:
            lines += ["", f"{heading}:"]
            lines += [
                f"  {_theme(t.theme, t.polarity)}: {t.now} (before: {t.before})" for t in themes
            ]
    if content.quotes:
        lines += ["", "In their words (names, numbers and addresses removed):"]
        lines += [f'  "{quote}"' for quote in content.quotes]
    lines += ["", "Safeguarding alerts raised:"]
    lines += (
        [f"  {status.replace('_', ' ')}: {n}" for status, n in content.alerts_by_status]
        if content.alerts_by_status
        else ["  none"]
    )
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
    lines += ["", f"More in YouSaid: {dashboard_url}", ""]
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
            reports=[r for r in content.statements if any(f.n for f in r.statements or [])],
            theme_name=lambda theme: THEME_NAMES.get(theme, theme),
            dashboard_url=dashboard_url,
            brand=brand,
            trends=_trends_by_statement(content),
            images=images or {},
            describe=charts.describe,
        )
    )
