"""Server-drawn SVG charts for the staff pages: pure functions from numbers to markup.

Why not a plotting library: matplotlib took ~25 ms per chart and ~130 ms for the theme small
multiples, most of the Overview's 300 ms budget, and its SVG is paths without meaning. These
are three simple shapes (lines over time, shares with intervals against a target, small
multiples), each an <svg role="img"> with a <title> and <desc>, always next to a table that
holds the same numbers. Colours are the Okabe-Ito palette, safe for colour-blind readers, and
every series also differs by dash pattern. Every text is escaped (names come from settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "1 3", "10 2", "4 4")
NEGATIVE, POSITIVE = "#D55E00", "#0072B2"


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]


def _svg(width: int, height: int, chart_id: str, title: str, desc: str, body: str) -> Markup:
    """`body` is built in this module, every text in it escaped; so are the id and words."""
    chart_id = str(escape(chart_id))
    return Markup(  # noqa: S704 - see the docstring
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _nice_max(value: float) -> float:
    """The top of the scale: a round number whose quarters are whole (the grid lines)."""
    for top in (4, 8, 12, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000, 2000, 4000, 8000):
        if value <= top:
            return float(top)
    magnitude = 4 * 10 ** (len(str(int(value))) - 2)
    return float(((int(value) // magnitude) + 1) * magnitude)


def line_chart(
    chart_id: str, title: str, labels: Sequence[str], lines: Sequence[Line], *, desc: str
) -> Markup:
    """Counts over time, one line per series, with a labelled y axis and the x labels thinned
    to fit."""
    width, height, left, right, top, bottom = 640, 240, 48, 12, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for line in lines for v in line.values if v is not None), default=0)
    top_value = _nice_max(max(peak, 1))
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(v: float) -> float:
        return top + plot_h - v / top_value * plot_h

    parts = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = top_value * fraction
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}"/><text class="axis" x="{left - 6}" y="{y(value) + 4:.1f}" '
            f'text-anchor="end">{value:,.0f}</text>'
        )
    every = max(1, -(-len(labels) // 7))  # at most seven labels, so none overlap
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            parts.append(
                f'<text class="axis" x="{x(i):.1f}" y="{height - bottom + 18}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    for n, line in enumerate(lines):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        points = [(x(i), y(v)) for i, v in enumerate(line.values) if v is not None]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr} '
            f'points="{path}"/>'
        )
        parts += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points
        ]
    # The legend, under the axis labels.
    legend_x = left
    for n, line in enumerate(lines):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 22}" y1="{height - 8}" y2="{height - 8}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text class="legend" x="{legend_x + 27}" y="{height - 4}">{escape(line.name)}</text>'
        )
        legend_x += 34 + 8 * len(line.name)
    return _svg(width, height, chart_id, title, desc, "".join(parts))


@dataclass(frozen=True)
class Share:
    label: str
    pct: float | None  # None: too few answers to show
    low: float | None
    high: float | None


def share_chart(chart_id: str, title: str, shares: Sequence[Share], *, target: int) -> Markup:
    """Each statement's share agreeing as a bar with its 95% interval, and the target as a
    dashed line; a statement with too few answers says so instead of a bar."""
    row, label_w, width, top = 34, 340, 680, 8
    plot_w = width - label_w - 50
    height = top + row * len(shares) + 24

    def x(pct: float) -> float:
        return label_w + pct / 100 * plot_w

    parts = []
    for i, share in enumerate(shares):
        y = top + i * row
        label = share.label if len(share.label) <= 46 else share.label[:44] + "…"
        parts.append(
            f'<text class="axis" x="{label_w - 8}" y="{y + 20}" text-anchor="end">'
            f"<title>{escape(share.label)}</title>{escape(label)}</text>"
        )
        if share.pct is None:
            parts.append(
                f'<text class="muted" x="{label_w + 4}" y="{y + 20}">too few answers</text>'
            )
            continue
        below = share.pct < target
        parts.append(
            f'<rect class="{"bar-below" if below else "bar"}" x="{label_w}" y="{y + 6}" '
            f'width="{x(share.pct) - label_w:.1f}" height="18"/>'
        )
        if share.low is not None and share.high is not None:
            parts.append(
                f'<line class="interval" x1="{x(share.low):.1f}" x2="{x(share.high):.1f}" '
                f'y1="{y + 15}" y2="{y + 15}"/>'
            )
        parts.append(
            f'<text class="value" x="{x(share.pct) + 6:.1f}" y="{y + 20}">{share.pct:.0f}%</text>'
        )
    parts.append(
        f'<line class="target" x1="{x(target):.1f}" x2="{x(target):.1f}" y1="{top}" '
        f'y2="{height - 20}"/><text class="axis" x="{x(target):.1f}" y="{height - 6}" '
        f'text-anchor="middle">target {target}%</text>'
    )
    for pct in (0, 50, 100):
        if abs(pct - target) > 8:  # not under the target's own label
            parts.append(
                f'<text class="axis" x="{x(pct):.1f}" y="{height - 6}" text-anchor="middle">'
                f"{pct}%</text>"
            )
    desc = "; ".join(
        f"{s.label}: {'too few answers' if s.pct is None else f'{s.pct:.0f}%'}" for s in shares
    )
    return _svg(width, height, chart_id, title, f"{desc}. Target {target}%.", "".join(parts))


def small_multiple(
    chart_id: str, title: str, negative: Sequence[int], positive: Sequence[int], peak: int
) -> Markup:
    """One theme's mentions over time, negative and positive, on a scale shared by all the
    multiples (so their heights compare)."""
    width, height, pad = 200, 70, 4
    top_value = _nice_max(max(peak, 1))
    step = (width - 2 * pad) / max(len(negative) - 1, 1)

    def points(values: Sequence[int]) -> str:
        return " ".join(
            f"{pad + i * step:.1f},{height - pad - v / top_value * (height - 2 * pad):.1f}"
            for i, v in enumerate(values)
        )

    body = (
        f'<line class="grid" x1="{pad}" x2="{width - pad}" y1="{height - pad}" '
        f'y2="{height - pad}"/>'
        f'<polyline fill="none" stroke="{NEGATIVE}" stroke-width="2.5" '
        f'points="{points(negative)}"/>'
        f'<polyline fill="none" stroke="{POSITIVE}" stroke-width="2.5" stroke-dasharray="6 3" '
        f'points="{points(positive)}"/>'
    )
    desc = (
        f"Negative mentions: {', '.join(map(str, negative))}. "
        f"Positive mentions: {', '.join(map(str, positive))}."
    )
    return _svg(width, height, chart_id, title, desc, body)
