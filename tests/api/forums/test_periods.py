from datetime import UTC, date, datetime, time

import pytest

from api.forums.definitions import Schedule
from api.forums.periods import containing, due, latest_due, parse

LONDON = "Europe/London"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "cadence", "key", "first", "after"),
    [
        (date(2026, 11, 22), "weekly", "2026-W47", date(2026, 11, 16), date(2026, 11, 23)),
        (date(2026, 11, 22), "fortnightly", "2026-F24", date(2026, 11, 16), date(2026, 11, 30)),
        (date(2026, 11, 10), "fortnightly", "2026-F23", date(2026, 11, 2), date(2026, 11, 16)),
        (date(2026, 11, 22), "monthly", "2026-11", date(2026, 11, 1), date(2026, 12, 1)),
        (date(2026, 11, 22), "quarterly", "2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
        (date(2026, 12, 31), "weekly", "2026-W53", date(2026, 12, 28), date(2027, 1, 4)),
        (date(2026, 12, 31), "fortnightly", "2026-F27", date(2026, 12, 28), date(2027, 1, 4)),
    ],
)
def test_periods(day, cadence, key, first, after):
    period = containing(day, cadence)
    assert (period.key, period.first_day, period.after_last_day) == (key, first, after)
    assert parse(key, cadence) == period


def test_a_weekly_digest_goes_on_its_day_in_the_following_week():
    schedule = Schedule(cadence="weekly", weekday="mon", at=time(9, 0))
    week = containing(date(2026, 11, 18), "weekly")
    assert due(week, schedule, LONDON) == utc(2026, 11, 23, 9, 0)


def test_nine_oclock_stays_nine_oclock_across_the_clock_change():
    schedule = Schedule(cadence="weekly", weekday="mon", at=time(9, 0))
    # The week of 19 October is in summer time; the digest for it goes after the change.
    week = containing(date(2026, 10, 21), "weekly")
    assert due(week, schedule, LONDON) == utc(2026, 10, 26, 9, 0)  # 09:00 GMT
    before = containing(date(2026, 10, 14), "weekly")
    assert due(before, schedule, LONDON) == utc(2026, 10, 19, 8, 0)  # 09:00 BST


def test_the_latest_period_due():
    schedule = Schedule(cadence="weekly", weekday="mon", at=time(9, 0))
    assert latest_due(schedule, utc(2026, 11, 23, 8, 59), LONDON).key == "2026-W46"
    assert latest_due(schedule, utc(2026, 11, 23, 9, 0), LONDON).key == "2026-W47"
    monthly = Schedule(cadence="monthly", day_of_month=3, at=time(9, 0))
    assert latest_due(monthly, utc(2026, 12, 2, 12, 0), LONDON).key == "2026-10"
    assert latest_due(monthly, utc(2026, 12, 3, 9, 0), LONDON).key == "2026-11"


@pytest.mark.parametrize(
    ("key", "cadence"),
    [
        ("2026-W47", "monthly"),
        ("2026-13", "monthly"),
        ("nonsense", "weekly"),
        ("2026-Q5", "quarterly"),
    ],
)
def test_a_wrong_period_is_refused(key, cadence):
    with pytest.raises(ValueError):
        parse(key, cadence)
