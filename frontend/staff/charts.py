"""Server-drawn SVG charts for the staff pages: pure functions from numbers to markup.

Why not a plotting library: matplotlib took ~25 ms per chart and ~130 ms for the theme small
multiples, most of the Overview's 300 ms budget, and its SVG is paths without meaning. These
are simple shapes (lines over time, small multiples; the statement shares are in
share_charts.py), each an <svg role="img"> with a <title> and <desc>, always next to a table
that holds the same numbers. Every text is escaped (names come from settings).

Each series keeps one look for everyone: its colour, dash and marker are fixed by its id in
STYLES, never by how many responses it had, so "Text message" is the same green line on
every manager's screen. Colours have at least 3:1 contrast on white, and every series also
differs by dash and marker, so none depends on colour alone.

A bucket the period covers only in part (the month still running) is drawn as such: an open
marker, not joined to the line, labelled "so far" — a part month's count is lower because
it is not over, not because people stopped answering, so no line may dive into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from frontend.staff.language import _

NEGATIVE, POSITIVE = "#D55E00", "#0072B2"


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str  # an SVG stroke-dasharray; "" for solid
    marker: str  # circle, square, triangle or diamond


# One home for every series' look, by kind and id. Okabe-Ito hues, darkened where needed
# for 3:1 against white.
STYLES: dict[str, dict[str, Style]] = {
    "channel": {
        "web": Style("#0072B2", "", "circle"),
        "qr": Style("#D55E00", "7 3", "square"),
        "sms": Style("#007A5A", "2 3", "triangle"),
        "email": Style("#A63D7A", "8 3 2 3", "diamond"),
        "import": Style("#000000", "12 3", "circle"),
        "api": Style("#8A6100", "4 4", "square"),
    },
    "audience": {
        "young_person": Style("#0072B2", "", "circle"),
        "parent_carer": Style("#D55E00", "7 3", "square"),
        "partner": Style("#007A5A", "2 3", "triangle"),
    },
}
UNKNOWN = Style("#505a5f", "1 3", "diamond")  # an id the table does not know yet


def style_of(kind: str, series_id: str) -> Style:
    """The fixed look of a series: the same for every user and every volume."""
    return STYLES.get(kind, {}).get(series_id, UNKNOWN)


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]
    style: Style = UNKNOWN
    key: str = ""  # the series' id (web, sms ...), marked on its shapes


def svg(
    width: int,
    height: int,
    chart_id: str,
    title: str,
    desc: str,
    body: str,
    *,
    role: str = "img",
    css_class: str = "",
) -> Markup:
    """`body` is built in these modules, every text in it escaped; so are the id and words.
    `role="group"` for a chart whose parts are links (an img's children are hidden)."""
    chart_id = str(escape(chart_id))
    classes = escape(f"chart {css_class}".strip())
    return Markup(  # noqa: S704 - see the docstring
        f'<svg class="{classes}" viewBox="0 0 {width} {height}" width="100%" role="{role}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def nice_max(value: float) -> float:
    """The top of the scale: a round number whose quarters are whole (the grid lines)."""
    for top in (4, 8, 12, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000, 2000, 4000, 8000):
        if value <= top:
            return float(top)
    magnitude = 4 * 10 ** (len(str(int(value))) - 2)
    return float(((int(value) // magnitude) + 1) * magnitude)


def marker(kind: str, x: float, y: float, colour: str, *, hollow: bool = False) -> str:
    """A point's marker; hollow (white inside) for a part period."""
    fill = "#ffffff" if hollow else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" {paint}/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - 4.5:.1f} l4.5,8 h-9 z" {paint}/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5:.1f} l5,5 l-5,5 l-5,-5 z" {paint}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" {paint}/>'


def runs(
    points: Sequence[tuple[float, float] | None], partial: Sequence[bool]
) -> list[list[tuple[float, float]]]:
    """The runs of whole buckets a line joins. A part bucket stands alone (an open marker),
    and a missing point (None) breaks the line: a gap, not a zero."""
    found: list[list[tuple[float, float]]] = [[]]
    for point, part in zip(points, partial, strict=True):
        if point is None or part:
            found.append([])
        else:
            found[-1].append(point)
    return [run for run in found if len(run) > 1]


# Axis words are placed before any font is known: a 13 px character (the charts' axis size
# in staff.css) is taken as 8 units, wider than system fonts draw it, so an estimate that
# fits leaves room; GAP keeps neighbours apart.
CHAR, GAP = 8.0, 10.0
# Under the plot: below the lowest y number's box, and a second line ("so far") under that.
LABEL_DROP, NOTE_DROP = 22, 15


def x_label(x: float, y: float, label: str, note: str) -> str:
    """An axis label, with a second line ("so far") under a part bucket's."""
    second = (
        f'<tspan x="{x:.1f}" dy="{NOTE_DROP}" class="note">{escape(note)}</tspan>' if note else ""
    )
    return (
        f'<text class="axis" x="{x:.1f}" y="{y}" text-anchor="middle">{escape(label)}{second}'
        "</text>"
    )


def label_width(label: str, note: str = "") -> float:
    """How wide a label (and its note) may draw, generously."""
    return CHAR * max(len(label), len(note), 1)


def _label_box(x: float, wide: float, lo: float, hi: float) -> tuple[float, float]:
    """A label's left and right: centred on its point, or moved in just enough to stay inside
    the chart (lo to hi) when it would cross an edge."""
    centre = min(max(x, lo + wide / 2), hi - wide / 2)
    return centre - wide / 2, centre + wide / 2


def shown_labels(
    xs: Sequence[float],
    labels: Sequence[str],
    notes: Sequence[str],
    *,
    lo: float,
    hi: float,
) -> list[tuple[int, float]]:
    """Which x labels to draw and where their middles go, so that none touches another or
    leaves the chart (lo to hi), at any width and in a language with longer words: a part
    bucket's label ("so far") and the last one first, then every n-th, n set by the widest
    label and the room between points (and at most about seven)."""
    count = len(xs)
    if not count:
        return []
    step = (xs[-1] - xs[0]) / (count - 1) if count > 1 else hi - lo
    widest = max(label_width(label, note) for label, note in zip(labels, notes, strict=True))
    every = max(1, -(-count // 7), -int(-(widest + GAP) // max(step, 1)))
    wanted = [i for i in range(count) if notes[i]] + [count - 1, *range(0, count, every)]
    boxes: dict[int, tuple[float, float]] = {}
    for i in wanted:
        if i in boxes:
            continue
        box = _label_box(xs[i], label_width(labels[i], notes[i]), lo, hi)
        if all(box[1] + GAP <= b[0] or b[1] + GAP <= box[0] for b in boxes.values()):
            boxes[i] = box
    return [(i, (boxes[i][0] + boxes[i][1]) / 2) for i in sorted(boxes)]


def x_labels(
    xs: Sequence[float],
    labels: Sequence[str],
    notes: Sequence[str],
    *,
    y: float,
    lo: float,
    hi: float,
) -> list[str]:
    """The x axis' words (shown_labels), drawn."""
    return [
        x_label(at, y, labels[i], notes[i])
        for i, at in shown_labels(xs, labels, notes, lo=lo, hi=hi)
    ]


def line_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    lines: Sequence[Line],
    *,
    desc: str,
    notes: Sequence[str] = (),
    width: int = 640,
    css_class: str = "",
) -> Markup:
    """Counts over time, one line per series, with a labelled y axis and the x labels thinned
    to fit. `notes` says, per bucket, what a part bucket's label adds ("so far"); the legend
    is the page's, in HTML beside the chart (key_swatch), readable at any width. `width` is
    the drawing's: 640 for a desk, about 360 for a phone, where it is drawn about as wide as
    it is shown, so its words keep their size and fewer labels are shown."""
    notes = list(notes) or [""] * len(labels)
    partial = [bool(n) for n in notes]
    # A wide chart's right margin holds half of a last label such as "to 30 Sep"; a narrow
    # one holds its last label to the edge instead.
    right = 40 if width >= 480 else 16
    height, left, top, bottom = 236, 48, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for line in lines for v in line.values if v is not None), default=0)
    top_value = nice_max(max(peak, 1))
    inset = 10  # the first and last points clear of the axis numbers
    step = (plot_w - 2 * inset) / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return left + inset + i * step

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
    xs = [x(i) for i in range(len(labels))]
    parts += x_labels(xs, labels, notes, y=height - bottom + LABEL_DROP, lo=2, hi=width - 2)
    for line in lines:
        style = line.style
        points = [None if v is None else (x(i), y(v)) for i, v in enumerate(line.values)]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        series = f' data-series="{escape(line.key)}"' if line.key else ""
        for run in runs(points, partial):
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
            parts.append(
                f'<polyline fill="none" stroke="{style.colour}" stroke-width="2.5"{dash}{series} '
                f'points="{path}"/>'
            )
        parts += [
            marker(style.marker, p[0], p[1], style.colour, hollow=partial[i])
            for i, p in enumerate(points)
            if p is not None
        ]
    return svg(width, height, chart_id, title, desc, "".join(parts), css_class=css_class)


def key_swatch(style: Style) -> Markup:
    """A series' line and marker, small, for the key beside a chart (words say the name)."""
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return Markup(  # noqa: S704 - numbers and a fixed colour from STYLES
        '<svg class="swatch" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true" '
        f'focusable="false"><line x1="1" x2="35" y1="6" y2="6" stroke="{style.colour}" '
        f'stroke-width="2.5"{dash}/>{marker(style.marker, 18, 6, style.colour)}</svg>'
    )


def small_multiple(
    chart_id: str,
    title: str,
    negative: Sequence[int],
    positive: Sequence[int],
    peak: int,
    *,
    partial: Sequence[bool] = (),
) -> Markup:
    """One theme's mentions over time, negative and positive, on a scale shared by all the
    multiples (so their heights compare); a part bucket's point is hollow and not joined."""
    width, height, pad = 200, 70, 5
    top_value = nice_max(max(peak, 1))
    step = (width - 2 * pad) / max(len(negative) - 1, 1)
    flags = list(partial) or [False] * len(negative)

    def draw(values: Sequence[int], colour: str, dash: str) -> str:
        points: list[tuple[float, float] | None] = [
            (pad + i * step, height - pad - v / top_value * (height - 2 * pad))
            for i, v in enumerate(values)
        ]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out = [
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr} '
            f'points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in run)}"/>'
            for run in runs(points, flags)
        ]
        out += [
            marker("circle", p[0], p[1], colour, hollow=True)
            for p, part in zip(points, flags, strict=True)
            if part and p is not None
        ]
        return "".join(out)

    body = (
        f'<line class="grid" x1="{pad}" x2="{width - pad}" y1="{pad}" y2="{pad}"/>'
        f'<line class="grid" x1="{pad}" x2="{width - pad}" y1="{height - pad}" '
        f'y2="{height - pad}"/>'
        f"{draw(negative, NEGATIVE, '')}{draw(positive, POSITIVE, '6 3')}"
    )
    desc = _(
        "Negative mentions: %(negative)s. Positive mentions: %(positive)s.",
        negative=", ".join(map(str, negative)),
        positive=", ".join(map(str, positive)),
    )
    return svg(width, height, chart_id, title, desc, body)
