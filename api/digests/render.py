"""A digest as plain text (the preview, and the email's text part) and as HTML for Outlook
and the rest: tables and inline styles, autoescaped (quotes are free text).

Every sentence comes from words.py in the digest's language; a bilingual digest is the whole
digest in its first language, then the whole digest in its second (each marked with its
`lang`), with a line at the top saying the other language follows."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from api.digests import charts
from api.digests.content import DigestContent, Trend
from api.digests.figures import StatementLine
from api.digests.words import Words
from api.surveys import names

NOISE = Words("en")("noise")


def _url(dashboard_url: str, path: str) -> str:
    return dashboard_url.rstrip("/") + path


def _in_the_period(content: DigestContent) -> str:
    """'this week', 'this fortnight', 'this month', 'this quarter' (or their Welsh)."""
    return Words(content.language).in_the_period(content.period)


def _dates(content: DigestContent) -> str:
    w, lang = Words(content.language), content.language
    first = names.day(content.first_day, lang)
    if content.first_day.year == content.last_day.year:
        first = first.rsplit(" ", 1)[0]  # "9 November to 15 November 2026"
    return w("dates", first=first, last=names.day(content.last_day, lang))


def _languages(content: DigestContent) -> list[DigestContent]:
    return [content] + ([content.also] if content.also is not None else [])


def subject(content: DigestContent, *, council: str) -> str:
    """The email's subject in the digest's first language (a bilingual one names both)."""
    lines = [
        Words(c.language)("subject", council=council, forum=c.forum_name, period=c.period_label)
        for c in _languages(content)
    ]
    return " / ".join(dict.fromkeys(lines))


def summary(content: DigestContent) -> list[str]:
    """The two lines at the top: clearly better, clearly worse (or that nothing moved)."""
    w = Words(content.language)
    # Which months are compared, said with the finding: the week's own figure beside it may
    # differ, and a manager must not read "better" as "better this week".
    windows = {"wide": content.wide.label, "before": content.wide.before().label}
    lines = []
    if content.better:
        lines.append(w("better", items="; ".join(content.better), **windows))
    if content.worse:
        lines.append(w("worse", items="; ".join(content.worse), **windows))
    return lines or [w("neither")]


def _change(line: StatementLine, w: Words) -> str:
    if line.change is None:
        return "–"
    words = w.change(line.change)
    if round(line.change) != 0:
        words += f" ({w('clear') if line.direction else w('maybe_chance')})"
    return words


BETTER, WORSE = "#00703c", "#b3261e"


def _change_html(line: StatementLine, w: Words) -> Markup:
    """The change cell: the arrow hidden from screen readers (the words say which way), in
    green or red only when the move is beyond chance, never colour alone."""
    words = _change(line, w)
    arrow = words[:1] if words[:1] in ("▲", "▼") else ""
    colour = {1: BETTER, -1: WORSE}.get(line.direction)
    rest = words[len(arrow) :].strip()
    shown = (
        Markup('<span aria-hidden="true">{}</span> {}').format(arrow, rest)
        if arrow
        else escape(rest)
    )
    if colour:
        return Markup('<strong style="color:{}">{}</strong>').format(colour, shown)
    return shown


def _statement_plain(line: StatementLine, content: DigestContent) -> str:
    w = Words(content.language)
    this = f"{_in_the_period(content)} {w('answers_n', n=line.n)}"
    if line.pct is not None:
        this += f" ({w('pct_agreeing', pct=f'{line.pct:.0f}')})"
    wide = f"{content.wide.label}: {w.share(line.wide_pct)}"
    if line.wide_ci is not None:
        wide += f" (95% {line.wide_ci[0]:.0f}-{line.wide_ci[1]:.0f}%)"
    wide += f" {w('of_answers', n=line.wide_n)}"
    if line.change is not None:
        wide += f", {_change(line, w)} {w('on', before=content.wide.before().label)}"
    return f"  {line.label}: {this}; {wide}"


def _plain_one(content: DigestContent, dashboard_url: str) -> list[str]:
    w, lang = Words(content.language), content.language
    period = _in_the_period(content)
    lines = [
        w("heading", forum=content.forum_name),
        f"{content.period_label} ({_dates(content)})",
        "",
        f"{w('in_short')}:",
        *(f"  {line}" for line in summary(content)),
        f"  {w('summary_rule')}",
    ]
    trends = _trends_by_statement(content)
    if content.hears_responses:
        lines += [
            "",
            w("responses", n=content.responses),
            f"  {w('read_them_plain', url=_url(dashboard_url, content.responses_link))}",
        ]
        lines += [f"  {c.name}: {c.count}" for c in content.by_channel]
    for table in content.tables:
        lines += [
            "",
            w("share_agreeing_plain", survey=table.name, meaning=w(table.agreeing_key)),
            f"  {w('share_note_plain', kind=w.kind(content.period), wide=content.wide.label)}",
        ]
        for line in table.lines:
            lines.append(_statement_plain(line, content))
            trend = trends.get((line.survey, line.key))
            if trend is not None and trend.shown:
                values = _in_words(trend)
                lines.append(f"    {w('last_months', n=len(trend.months), values=values)}")
    if content.below_target:
        lines += ["", f"{w('below_target')}:"]
        lines += [
            f"  {label} ({names.survey_name(survey, lang)}): {pct:.0f}%"
            for survey, label, pct in content.below_target
        ]
    for heading, themes in (
        (w("more_often", baseline=content.baseline), content.rising),
        (w("less_often", baseline=content.baseline), content.falling),
    ):
        if themes:
            lines += ["", f"{heading}:"]
            lines += [
                f"  {t.label}: {w('theme_counts', now=t.now, before=t.before, period=period)}"
                f" - {_url(dashboard_url, t.link)}"
                for t in themes
            ]
    if content.rising or content.falling:
        lines.append(f"  {w('noise')}")
    if content.quotes:
        lines += ["", w("in_their_words_plain")]
        lines += [f'  "{quote.text}"' for quote in content.quotes]
    lines += ["", w("alerts_plain")]
    for team in content.alerts:
        counts = w(
            "alerts_line",
            team=team.team,
            open=team.open,
            raised=team.raised_in_period,
            period=period,
        )
        lines.append(f"  {counts} - {_url(dashboard_url, team.link)}")
        lines += [f"    {status}: {n}" for status, n in team.by_status if n]
    if content.not_heard is not None:
        heard = content.not_heard
        lines += [
            "",
            f"{w('not_heard', wide=content.wide.label)}:",
            "  "
            + w(
                "not_heard_counts",
                caseload=heard.caseload,
                invited=heard.invited,
                responded=heard.responded,
            ),
        ]
        lines += [f"  {gap}" for gap in heard.gaps] or [f"  {w('not_heard_none')}"]
        lines.append(f"  {w('not_heard_rule')}")
    waiting, overdue = content.concerns_waiting
    if waiting:
        lines += ["", w("concerns", n=waiting, overdue=overdue)]
    if content.open_actions:
        lines += ["", f"{w('actions')}:"]
        for action in content.open_actions:
            due = f", {w('due', day=names.day(action.due_on, lang))}" if action.due_on else ""
            lines.append(
                f"  {w('you_said')} {action.you_said} {w('we_are')} {action.we_did}"
                f" [{w.status(action.status)}{due}]"
            )
    lines += ["", w("more_plain", url=_url(dashboard_url, content.responses_link)), ""]
    return lines


def plain(content: DigestContent, *, dashboard_url: str) -> str:
    """Reads well in any mail client; every figure already published (suppressed). A
    bilingual digest is whole in each language, one after the other."""
    parts = _languages(content)
    lines: list[str] = []
    if len(parts) > 1:
        lines += [Words(content.language)("other_language"), ""]
    for index, part in enumerate(parts):
        if index:
            lines += ["-" * 40, ""]
        lines += _plain_one(part, dashboard_url)
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
            first=content,
            parts=[
                {
                    "c": part,
                    "w": Words(part.language),
                    "in_the_period": _in_the_period(part),
                    "dates": _dates(part),
                    "summary": summary(part),
                    "trends": _trends_by_statement(part),
                }
                for part in _languages(content)
            ],
            url=lambda path: _url(dashboard_url, path),
            change=_change_html,
            survey_name=names.survey_name,
            day=names.day,
            dashboard_url=dashboard_url,
            brand=brand,
            images=images or {},
            describe=charts.describe,
            chart_size=(charts.WIDTH_PX, charts.HEIGHT_PX),
        )
    )
