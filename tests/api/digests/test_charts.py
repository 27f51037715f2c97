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
