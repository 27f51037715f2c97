"""Small trend charts for the digest email, as PNG.

Outlook and most webmail show neither SVG nor scripts, so a digest's charts are pictures:
drawn here with matplotlib (no pyplot, so no global state between worker threads), sent as
inline parts of the email (`cid:`) and kept in the archive as `data:` URIs. Each chart's
words are in the table beside it, so a reader who sees no pictures misses nothing.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from api.digests.content import DigestContent, Trend

# Drawn at twice the size shown, for sharp lines on high-density screens.
WIDTH_PX, HEIGHT_PX, SCALE = 160, 44, 2
LINE = "#1d70b8"
TARGET = "#d4351c"
MISSING = "#b1b4b6"


@cache
def _figure_class() -> Any:
    # Imported on first use: the web process never draws, and matplotlib costs 0.4 s to load.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure


def trend_png(trend: Trend) -> bytes:
    """A sparkline of the monthly shares on a fixed 0-100% scale, the target dashed, the
    latest published share marked; months with too few answers left as gaps."""
    figure = _figure_class()(figsize=(WIDTH_PX / 100, HEIGHT_PX / 100), dpi=100 * SCALE)
    axes = figure.add_axes((0.02, 0.08, 0.96, 0.84))
    axes.set_xlim(-0.3, len(trend.shares) - 0.7)
    axes.set_ylim(0, 100)
    axes.axis("off")
    xs = list(range(len(trend.shares)))
    ys = [float("nan") if share is None else share for share in trend.shares]
    axes.plot(xs, ys, color=LINE, linewidth=1.6, marker="o", markersize=2.2)
    if trend.target is not None:
        axes.axhline(trend.target, color=TARGET, linewidth=0.8, linestyle=(0, (3, 2)))
    axes.axhline(0, color=MISSING, linewidth=0.6)
    latest = _latest(trend.shares)
    if latest is not None:
        axes.plot([latest[0]], [latest[1]], marker="o", markersize=4.5, color=LINE)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", transparent=False, facecolor="white")
    return buffer.getvalue()


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
        f"{month}: {'too few answers' if share is None else f'{share:.0f}%'}"
        for month, share in zip(trend.months, trend.shares, strict=True)
    )
    target = f" Target {trend.target}%." if trend.target is not None else ""
    return f"Share agreeing by month. {points}.{target}"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
