"""The digest's trend pictures: real PNGs of the published shares, described in words."""

from __future__ import annotations

import struct

from api.digests import charts
from api.digests.content import Trend

MONTHS = ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11")


def trend(*shares, target=None) -> Trend:
    return Trend("parent-carer", "listened_to", "I felt listened to", MONTHS, shares, target)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_trend_is_a_png_drawn_at_twice_the_size_it_is_shown():
    data = charts.trend_png(trend(40.0, None, 55.0, 60.0, None, 72.5, target=75))
    assert png_size(data) == (charts.WIDTH_PX * charts.SCALE, charts.HEIGHT_PX * charts.SCALE)


def test_only_trends_with_two_published_months_are_drawn():
    assert not trend(None, None, None, None, None, 80.0).shown
    assert trend(None, 70.0, None, None, None, 80.0).shown


def test_the_words_say_what_the_picture_shows():
    words = charts.describe(trend(None, None, None, 60.0, None, 72.5, target=75))
    assert words == (
        "Share agreeing by month. June 2026: too few answers, July 2026: too few answers, "
        "August 2026: too few answers, September 2026: 60%, October 2026: too few answers, "
        "November 2026: 72%. Target 75%."
    )


def test_a_data_uri_carries_the_picture_into_the_archive():
    data = charts.trend_png(trend(1.0, 2.0, 3.0, 4.0, 5.0, 6.0))
    assert charts.data_uri(data).startswith("data:image/png;base64,iVBORw0KGgo")


def test_the_share_axis_spans_the_data_so_a_five_point_change_shows():
    axis = charts.scale([trend(62.0, None, 66.0, 71.0, None, 67.0)])
    assert (axis.low, axis.high) == (50.0, 80.0)
    assert axis.ticks == (50.0, 60.0, 70.0, 80.0)
    plot_px = charts.HEIGHT_PX * 0.74  # the axes' share of the picture
    assert 5 / (axis.high - axis.low) * plot_px >= 10  # a 5-point step is at least 10 px


def test_the_top_point_is_never_on_the_edge_and_the_target_is_in_range():
    axis = charts.scale([trend(96.0, 100.0, None, None, None, 98.0, target=75)])
    assert axis.high == 100.0 and axis.low <= 70.0
    assert charts.scale([trend(40.0, 45.0, None, None, None, 48.0)]).high > 48.0
    wide = charts.scale([trend(62.0, None, 66.0, 71.0, 66.0, 100.0, target=75)])
    assert (wide.low, wide.high, wide.ticks) == (40.0, 100.0, (40.0, 60.0, 80.0, 100.0))
    flat = charts.scale([trend(2.0, 2.0, None, None, None, 2.0)])
    assert (flat.low, flat.high) == (0.0, 20.0)  # never a 2-point scale


def test_the_chart_is_tall_enough_to_read():
    assert charts.HEIGHT_PX >= 100 and charts.WIDTH_PX >= 300


def test_every_chart_of_a_digest_shares_one_axis():
    steady = trend(70.0, 71.0, 70.0, 72.0, 71.0, 70.0)
    falling = trend(80.0, 75.0, 70.0, 65.0, 60.0, 55.0)
    axis = charts.scale([steady, falling])
    # Wide enough for both: the steady line is drawn on the falling one's scale, so its
    # 2-point wobble stays small beside a 25-point fall.
    assert (axis.low, axis.high) == (50.0, 90.0)
    alone = charts.scale([steady])
    assert alone.high - alone.low < axis.high - axis.low
