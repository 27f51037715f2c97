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
from api.surveys import names

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


def scale(trend: Trend) -> Scale:
    """The data's range (and the target's) padded to tens, at least MIN_SPAN points, within
    0-100: a 60-70% line fills the picture instead of hugging a 0-100 one."""
    values = [share for share in trend.shares if share is not None]
    if trend.target is not None:
        values.append(float(trend.target))
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


def trend_png(trend: Trend) -> bytes:
    """The monthly shares on a labelled share axis (see `scale`), months named below, the
    target dashed, the latest published share marked; months with too few answers left as
    gaps. Points are never clipped: the axis is padded past them."""
    axis = scale(trend)
    figure = _figure_class()(figsize=(WIDTH_PX / 100, HEIGHT_PX / 100), dpi=100 * SCALE)
    axes = figure.add_axes((0.1, 0.2, 0.88, 0.74))
    axes.set_xlim(-0.4, len(trend.shares) - 0.6)
    axes.set_ylim(axis.low, axis.high)
    axes.set_yticks(axis.ticks, [f"{t:.0f}%" for t in axis.ticks])
    axes.set_xticks(range(len(trend.months)), [_month_name(m) for m in trend.months], color=INK)
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


def _month_name(key: str, *, long: bool = False) -> str:
    """2026-11 -> Nov (on the axis) or November 2026 (in words)."""
    year, month = (int(part) for part in key.split("-"))
    return names.month(date(year, month, 1)) if long else f"{date(year, month, 1):%b}"


def draw(content: DigestContent) -> dict[str, bytes]:
    """A picture for every trend worth a line, by chart id."""
    return {trend.chart_id: trend_png(trend) for trend in content.trends if trend.shown}


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
    """The chart in words, for its alt text."""
    points = ", ".join(
        f"{_month_name(month, long=True)}: "
        f"{'too few answers' if share is None else f'{share:.0f}%'}"
        for month, share in zip(trend.months, trend.shares, strict=True)
    )
    target = f" Target {trend.target}%." if trend.target is not None else ""
    return f"Share agreeing by month. {points}.{target}"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
