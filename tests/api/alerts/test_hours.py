"""Office hours as a council writes them, its nation's bank holidays and its own closed days."""

from datetime import UTC, date, datetime, time

import pytest

from api.alerts import hours


def office(text="Mon-Thu 08:30-17:00, Fri 08:30-16:30", nation="england", closed=()):
    return hours.OfficeHours(
        days=hours.parse_days(text),
        nation=nation,
        closed=frozenset(closed),
        timezone="Europe/London",
    )


def test_a_council_writes_its_hours_in_words():
    days = hours.parse_days("Mon-Thu 08:30-17:00, Fri 08:30-16:30")
    assert days[0] == (time(8, 30), time(17, 0))
    assert days[4] == (time(8, 30), time(16, 30))
    assert 5 not in days and 6 not in days


@pytest.mark.parametrize("text", ["Mon-Fri 9-5", "Someday 09:00-17:00", "Fri 17:00-09:00"])
def test_hours_that_cannot_be_read_are_refused(text):
    with pytest.raises(ValueError, match="office hours"):
        hours.parse_days(text)


def test_local_time_decides_across_the_clock_change():
    # 16:45 on Friday 3 July 2026 is BST (15:45 UTC): after Friday's 16:30 close.
    assert not office().open_at(datetime(2026, 7, 3, 15, 45, tzinfo=UTC))
    # 08:15 UTC on Monday 6 July is 09:15 BST: open.
    assert office().open_at(datetime(2026, 7, 6, 8, 15, tzinfo=UTC))


def test_bank_holidays_and_closed_days_are_out_of_hours():
    boxing_day_observed = datetime(2026, 12, 28, 11, 0, tzinfo=UTC)  # a Monday
    assert not office().open_at(boxing_day_observed)
    assert office(nation=None).open_at(boxing_day_observed)
    assert not office(closed=[date(2026, 12, 29)]).open_at(datetime(2026, 12, 29, 11, tzinfo=UTC))


def test_weekends_are_out_of_hours():
    assert not office().open_at(datetime(2026, 12, 5, 11, 0, tzinfo=UTC))  # Saturday


# One working day later (a possible concern's due time): the same local time, next working day.
@pytest.mark.parametrize(
    ("raised", "due"),
    [
        (datetime(2026, 12, 3, 14, 0, tzinfo=UTC), datetime(2026, 12, 4, 14, 0, tzinfo=UTC)),
        # Friday and the weekend are due on Monday.
        (datetime(2026, 12, 4, 14, 0, tzinfo=UTC), datetime(2026, 12, 7, 14, 0, tzinfo=UTC)),
        (datetime(2026, 12, 5, 9, 30, tzinfo=UTC), datetime(2026, 12, 7, 9, 30, tzinfo=UTC)),
        (datetime(2026, 12, 6, 23, 0, tzinfo=UTC), datetime(2026, 12, 7, 23, 0, tzinfo=UTC)),
    ],
)
def test_one_working_day_later_skips_the_weekend(raised, due):
    assert office(nation=None).one_working_day_after(raised) == due


def test_one_working_day_later_skips_bank_holidays_and_closed_days():
    christmas_eve = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)  # a Thursday
    # Christmas (Friday), the weekend, Boxing Day observed (Monday 28th), a closed 29th.
    later = office(closed=[date(2026, 12, 29)]).one_working_day_after(christmas_eve)
    assert later == datetime(2026, 12, 30, 10, 0, tzinfo=UTC)


def test_one_working_day_later_keeps_the_local_time_across_the_clock_change():
    # 14:00 BST on Friday 23 October 2026; the clocks go back on Sunday 25th.
    raised = datetime(2026, 10, 23, 13, 0, tzinfo=UTC)
    assert office().one_working_day_after(raised) == datetime(2026, 10, 26, 14, 0, tzinfo=UTC)
