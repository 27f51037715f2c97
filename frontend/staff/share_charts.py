"""Statement shares drawn: one bar per statement (or team), and a statement's monthly trend.

No number is drawn inside these pictures: each figure is written in words beside its bar in
the page's HTML, where it wraps at any width and can never sit on a whisker or the target
line. A bar is two links, its "agree" part (answers of 4 or 5) and its "disagree" part
(1 or 2), each to the answers behind it.

A share's colour and pattern say how it stands against the target, judged by its interval
(api/dashboard/judgement): solid blue clearly above, blue stripes around, red with white
hatching clearly below; the words say the same, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from api.dashboard.judgement import Judgement
from frontend.staff.charts import LABEL_DROP, svg, x_labels
from frontend.staff.labels import judgement_words
from frontend.staff.language import N_, _

BLUE, RED, GREY, TRACK = "#1d70b8", "#d4351c", "#505a5f", "#f3f2f1"

READ_AGREED = N_("Read the answers that agreed: %(statement)s")
READ_DISAGREED = N_("Read the answers that disagreed: %(statement)s")


def patterns(prefix: str) -> str:
    """The fills of the judgements, with ids unique to one picture."""
    p = str(escape(prefix))
    return (
        f'<defs><pattern id="{p}-around" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{BLUE}"/></pattern>'
        f'<pattern id="{p}-below" width="7" height="7" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(-45)"><rect width="7" height="7" fill="{RED}"/>'
        '<rect width="1.5" height="7" fill="#ffffff"/></pattern></defs>'
    )


def fill_of(prefix: str, judgement: Judgement) -> str:
    p = str(escape(prefix))
    if judgement is Judgement.clearly_below:
        return f'fill="url(#{p}-below)" stroke="{RED}" stroke-width="1.5"'
    if judgement is Judgement.around:
        return f'fill="url(#{p}-around)" stroke="{BLUE}" stroke-width="1.5"'
    return f'fill="{BLUE}"'


def judgement_swatch(judgement: Judgement) -> Markup:
    """A small sample of a judgement's fill, for the key (the words beside it say it)."""
    prefix = f"swatch-{judgement.value}"
    return Markup(  # noqa: S704 - built here from fixed values
        '<svg class="swatch" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" '
        f'focusable="false">{patterns(prefix)}<rect x="1" y="1" width="26" height="12" '
        f"{fill_of(prefix, judgement)}/></svg>"
    )


def disagree_swatch() -> Markup:
    return Markup(  # noqa: S704 - fixed markup
        '<svg class="swatch" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" '
        f'focusable="false"><rect x="1" y="1" width="26" height="12" fill="{GREY}"/></svg>'
    )


@dataclass(frozen=True)
class Bar:
    """One statement's (or one team's) share agreeing and disagreeing, with links."""

    label: str
    pct: float | None  # None: too few answers to show a share
    low: float | None
    high: float | None
    disagree_pct: float | None
    judgement: Judgement
    agree_href: str
    disagree_href: str


WIDTH, HEIGHT, PAD = 400, 30, 6


def _x(pct: float) -> float:
    return PAD + pct / 100 * (WIDTH - 2 * PAD)


def share_bar(chart_id: str, bar: Bar, *, target: int) -> Markup:
    """A 0-100% track with the agree part from the left, the disagree part from the right,
    the interval as a whisker with a white halo (visible on any fill), and the target."""
    parts = [
        patterns(chart_id),
        f'<rect x="{PAD}" y="6" width="{WIDTH - 2 * PAD}" height="18" fill="{TRACK}"/>',
    ]
    if bar.pct is not None:
        agree = (
            f'<rect class="bar-agree bar-{bar.judgement.value}" x="{PAD}" y="6" '
            f'width="{max(_x(bar.pct) - PAD, 0.5):.1f}" height="18" '
            f"{fill_of(chart_id, bar.judgement)}/>"
        )
        parts.append(
            f'<a href="{escape(bar.agree_href)}" class="bar-link" '
            f'aria-label="{escape(_(READ_AGREED, statement=bar.label))}">{agree}</a>'
        )
    if bar.disagree_pct:
        start = _x(100 - bar.disagree_pct)
        parts.append(
            f'<a href="{escape(bar.disagree_href)}" class="bar-link" '
            f'aria-label="{escape(_(READ_DISAGREED, statement=bar.label))}">'
            f'<rect class="bar-disagree" x="{start:.1f}" y="6" '
            f'width="{_x(100) - start:.1f}" height="18" fill="{GREY}"/></a>'
        )
    if bar.low is not None and bar.high is not None:
        low, high = _x(bar.low), _x(bar.high)
        for colour, weight in (("#ffffff", 5), ("#0b0c0c", 2)):
            parts.append(
                f'<path class="interval" d="M{low:.1f},10 v10 M{low:.1f},15 H{high:.1f} '
                f'M{high:.1f},10 v10" fill="none" stroke="{colour}" stroke-width="{weight}"/>'
            )
    parts.append(
        f'<line class="target" x1="{_x(target):.1f}" x2="{_x(target):.1f}" y1="1" y2="29"/>'
    )
    if bar.pct is None:
        desc = _("Too few answers to show a share.")
    else:
        desc = _(
            "%(pct)s%% agreed (95%% interval %(low)s to %(high)s%%); "
            "%(judgement)s of %(target)s%%.",
            pct=f"{bar.pct:.0f}",
            low=f"{bar.low:.0f}",
            high=f"{bar.high:.0f}",
            judgement=judgement_words(bar.judgement).lower(),
            target=target,
        )
    return svg(WIDTH, HEIGHT, chart_id, bar.label, desc, "".join(parts), role="group")


def share_axis(chart_id: str, *, target: int) -> Markup:
    """The scale the bars share, drawn once above them: 0, 50 and 100%, and the target."""
    ticks = []
    for pct in (0, 25, 50, 75, 100):
        # Not under the target's own label, which is about 18 points wide.
        if abs(pct - target) >= 18:
            anchor = "start" if pct == 0 else "end" if pct == 100 else "middle"
            ticks.append(
                f'<text class="axis" x="{_x(pct):.1f}" y="16" text-anchor="{anchor}">{pct}%</text>'
            )
    anchor = "end" if target > 88 else "start" if target < 12 else "middle"
    # Outside the f-string, where the catalogue's extractor can see it.
    words = _("target %(target)s%%", target=target)
    ticks.append(
        f'<text class="axis axis-target" x="{_x(target):.1f}" y="16" text-anchor="{anchor}">'
        f"{escape(words)}</text>"
        f'<line class="target" x1="{_x(target):.1f}" x2="{_x(target):.1f}" y1="20" y2="28"/>'
    )
    return svg(
        WIDTH,
        28,
        chart_id,
        _("Scale"),
        _("Shares from 0 to 100%%; the dashed line is the target, %(target)s%%.", target=target),
        "".join(ticks),
    )


@dataclass(frozen=True)
class Point:
    """One month of a statement's trend."""

    label: str
    note: str  # "so far" for the month still running
    pct: float | None
    low: float | None
    high: float | None
    href: str

    @property
    def partial(self) -> bool:
        return bool(self.note)


def trend_chart(chart_id: str, title: str, points: Sequence[Point], *, target: int) -> Markup:
    """The share agreeing month by month with each month's interval. Whole months are joined
    by a line; a part month is an open point with its interval, never joined (its few
    answers are not a fall); a month with too few answers is a gap. Each point links to the
    month's answers that agreed."""
    width, height, left, right, top, bottom = 640, 250, 48, 104, 14, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(pct: float) -> float:
        return top + plot_h - pct / 100 * plot_h

    parts = []
    for pct in (0, 25, 50, 75, 100):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(pct):.1f}" '
            f'y2="{y(pct):.1f}"/><text class="axis" x="{left - 6}" y="{y(pct) + 4:.1f}" '
            f'text-anchor="end">{pct}%</text>'
        )
    # The target's words sit in the right margin, clear of every point and whisker.
    words = _("target %(target)s%%", target=target)
    parts.append(
        f'<line class="target" x1="{left}" x2="{width - right}" y1="{y(target):.1f}" '
        f'y2="{y(target):.1f}"/><text class="axis" x="{width - right + 6}" '
        f'y="{y(target) + 4:.1f}">{escape(words)}</text>'
    )
    parts += x_labels(
        [x(i) for i in range(len(points))],
        [p.label for p in points],
        [p.note for p in points],
        y=height - bottom + LABEL_DROP,
        lo=2,
        hi=width - 2,
    )
    run: list[str] = []
    runs: list[list[str]] = [run]
    for i, point in enumerate(points):
        if point.pct is None or point.partial:
            run = []
            runs.append(run)
        else:
            run.append(f"{x(i):.1f},{y(point.pct):.1f}")
    parts += [
        f'<polyline fill="none" stroke="{BLUE}" stroke-width="2.5" points="{" ".join(r)}"/>'
        for r in runs
        if len(r) > 1
    ]
    for i, point in enumerate(points):
        if point.pct is None or point.low is None or point.high is None:
            continue
        px, low, high = x(i), y(point.low), y(point.high)
        fill = "#ffffff" if point.partial else BLUE
        words = _(
            "%(month)s: %(pct)s%% agreed; read these answers",
            month=_month_words(point),
            pct=f"{point.pct:.0f}",
        )
        parts.append(
            f'<a href="{escape(point.href)}" class="point-link" aria-label="{escape(words)}">'
            f'<path class="interval" d="M{px - 4:.1f},{high:.1f} h8 M{px:.1f},{high:.1f} '
            f'V{low:.1f} M{px - 4:.1f},{low:.1f} h8" stroke="{BLUE}" stroke-width="1.5" '
            f'fill="none"/><circle cx="{px:.1f}" cy="{y(point.pct):.1f}" r="5" fill="{fill}" '
            f'stroke="{BLUE}" stroke-width="2.5"/></a>'
        )
    too_few = _("too few answers")
    desc = "; ".join(
        f"{_month_words(p)}: {too_few if p.pct is None else f'{p.pct:.0f}%'}" for p in points
    )
    desc += ". " + _("Target %(target)s%%.", target=target)
    return svg(width, height, chart_id, title, desc, "".join(parts), role="group")


def _month_words(point: Point) -> str:
    """A trend's month as its description says it: "Dec 26 so far"."""
    return _("%(month)s so far", month=point.label) if point.partial else point.label
