"""Small trend charts for the digest email, as PNG.

Outlook and most webmail show neither SVG nor scripts, so a digest's charts are pictures:
drawn here with matplotlib (no pyplot, so no global state between worker threads), sent as
inline parts of the email (`cid:`) and kept in the archive as `data:` URIs. Each chart's
words are in the table beside it, so a reader who sees no pictures misses nothing.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from api.digests.content import DigestContent
from api.digests.figures import Trend
from api.digests.words import SHORT_MONTHS, Words
from api.surveys import names
from api.surveys.names import Lang

# Drawn at twice the size shown, for sharp lines on high-density screens. Tall enough that a
# 5-point change is a few pixels even on the widest scale (40 points over ~80 px).
WIDTH_PX, HEIGHT_PX, SCALE = 420, 120, 2
LINE = "#1d70b8"
TARGET = "#d4351c"
GRID = "#b1b4b6"
INK = "#505a5f"
MIN_SPAN = 20  # points: a flat line is drawn on a 20-point scale, not a 2-point one


@dataclass(frozen=True)
class Scale:
    """The share axis: from `low` to `high` per cent, labelled at `ticks`."""

    low: float
    high: float
    ticks: tuple[float, ...]


def scale(trends: Sequence[Trend]) -> Scale:
    """One axis for every trend chart of a digest (the scale policy, written down):

    - the range of every published share in all of the digest's charts, and the target, padded
      by 5 points and out to tens, at least MIN_SPAN (20) points, always within 0-100%;
    - the same axis on every chart, so a move of 5 points is the same height in each, and a
      statement that barely moved never looks as steep as one that moved a lot (a scale per
      chart stretched a 2-point wobble to the full height);
    - labelled at both ends and every 10 (or 20 points past a 40-point span).
    A 60-70% digest still fills its pictures instead of hugging a 0-100 axis."""
    values = [share for trend in trends for share in trend.shares if share is not None]
    values += [float(trend.target) for trend in trends if trend.target is not None]
    if not values:
        return Scale(0.0, 100.0, (0.0, 50.0, 100.0))
    low = math.floor((min(values) - 5) / 10) * 10
    high = math.ceil((max(values) + 5) / 10) * 10
    while high - low < MIN_SPAN:
        low, high = low - 5, high + 5
    low, high = max(0, low), min(100, high)
    if high - low < MIN_SPAN:  # pushed against 0 or 100: widen the other way
        low, high = (0, MIN_SPAN) if low == 0 else (100 - MIN_SPAN, 100)
    step = 10 if high - low <= 40 else 20
    # Both ends on a tick, so the top and bottom of the scale are labelled.
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = tuple(float(t) for t in range(int(low), int(high) + 1, step))
    return Scale(float(low), float(high), ticks)


@cache
def _figure_class() -> Any:
    # Imported on first use: the web process never draws, and matplotlib costs 0.4 s to load.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure


def trend_png(trend: Trend, axis: Scale | None = None) -> bytes:
    """The monthly shares on a labelled share axis (the digest's one `scale`), months named
    below, the target dashed, the latest published share marked; months with too few answers
    left as gaps. Points are never clipped: the axis is padded past them."""
    axis = axis or scale([trend])
    figure = _figure_class()(figsize=(WIDTH_PX / 100, HEIGHT_PX / 100), dpi=100 * SCALE)
    axes = figure.add_axes((0.1, 0.2, 0.88, 0.74))
    axes.set_xlim(-0.4, len(trend.shares) - 0.6)
    axes.set_ylim(axis.low, axis.high)
    axes.set_yticks(axis.ticks, [f"{t:.0f}%" for t in axis.ticks])
    axes.set_xticks(
        range(len(trend.months)),
        [_month_name(m, lang=trend.language) for m in trend.months],
        color=INK,
    )
    axes.tick_params(labelsize=7, length=0, colors=INK)
    axes.grid(axis="y", color=GRID, linewidth=0.5)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(GRID)
    xs = list(range(len(trend.shares)))
    ys = [float("nan") if share is None else share for share in trend.shares]
    axes.plot(xs, ys, color=LINE, linewidth=1.8, marker="o", markersize=3, clip_on=False)
    if trend.target is not None:
        axes.axhline(trend.target, color=TARGET, linewidth=1, linestyle=(0, (3, 2)))
    latest = _latest(trend.shares)
    if latest is not None:
        axes.plot([latest[0]], [latest[1]], marker="o", markersize=5.5, color=LINE, clip_on=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", transparent=False, facecolor="white")
    return buffer.getvalue()


def _month_name(key: str, *, long: bool = False, lang: Lang = "en") -> str:
    """2026-11 -> Nov / Tach (on the axis) or November 2026 / Tachwedd 2026 (in words)."""
    year, month = (int(part) for part in key.split("-"))
    return names.month(date(year, month, 1), lang) if long else SHORT_MONTHS[lang][month - 1]


def _all_trends(content: DigestContent) -> list[Trend]:
    """Every trend of the digest, in each of its languages."""
    found = list(content.trends)
    if content.also is not None:
        found += content.also.trends
    return found


def draw(content: DigestContent) -> dict[str, bytes]:
    """A picture for every trend worth a line (in each of the digest's languages), by chart
    id, all on one axis."""
    shown = [trend for trend in _all_trends(content) if trend.shown]
    axis = scale(shown)
    return {trend.chart_id: trend_png(trend, axis) for trend in shown}


def data_uris(content: DigestContent) -> dict[str, str]:
    """Every picture of a digest as a `data:` URI, by chart id: for pages that must stand on
    their own (the archive, previews)."""
    return {key: data_uri(png) for key, png in draw(content).items()}


def _latest(shares: Sequence[float | None]) -> tuple[int, float] | None:
    for index in range(len(shares) - 1, -1, -1):
        share = shares[index]
        if share is not None:
            return index, share
    return None


def describe(trend: Trend) -> str:
    """The chart in words, for its alt text, in the trend's language."""
    w = Words(trend.language)
    points = ", ".join(
        f"{_month_name(month, long=True, lang=trend.language)}: {w.share(share)}"
        for month, share in zip(trend.months, trend.shares, strict=True)
    )
    target = f" {w('target', n=trend.target)}" if trend.target is not None else ""
    return w("chart_alt", points=points) + target


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
