"""The last full comparison window: one answer for the Overview and the digest."""

from __future__ import annotations

from datetime import date

from api.dashboard.window import last_full_quarter, overview_quarter
from api.digests import figures


def test_the_last_whole_quarter_ending_on_or_before_a_day():
    assert last_full_quarter(date(2026, 11, 29)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert last_full_quarter(date(2026, 9, 30)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert last_full_quarter(date(2026, 9, 29)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert last_full_quarter(date(2027, 1, 3)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_the_overview_and_a_digest_read_on_2_december_name_the_same_months():
    # The Overview on 2 December, and the digest for the week of 23 to 29 November.
    overview = overview_quarter(date(2026, 12, 2))
    digest = figures.full_months_to(date(2026, 11, 29))
    assert overview == (digest.first, digest.last) == (date(2026, 7, 1), date(2026, 9, 30))
    assert digest.label == "July to September 2026"
    assert digest.before().label == "April to June 2026"
    # Today is never whole: on the first day of a quarter the Overview shows the one just ended.
    assert overview_quarter(date(2026, 10, 1)) == (date(2026, 7, 1), date(2026, 9, 30))
