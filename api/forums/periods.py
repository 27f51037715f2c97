"""The periods a forum's digests cover, and when each is due. Pure, in local time, so a
Monday 09:00 digest goes at 09:00 on both sides of a clock change.

Periods: ISO weeks ("2026-W47"), fortnights as pairs of ISO weeks ("2026-F24" is weeks 47
and 48; a 53rd week is a fortnight of its own), months ("2026-11"), quarters ("2026-Q4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.forums.definitions import Cadence, Schedule

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Period:
    key: str
    first_day: date  # local
    after_last_day: date  # local, exclusive

    def bounds(self, timezone: str) -> tuple[datetime, datetime]:
        """[start, end) as UTC instants (local midnights)."""
        zone = ZoneInfo(timezone)
        return (
            datetime.combine(self.first_day, time(0), tzinfo=zone).astimezone(UTC),
            datetime.combine(self.after_last_day, time(0), tzinfo=zone).astimezone(UTC),
        )

    def previous(self, cadence: Cadence) -> Period:
        return containing(self.first_day - timedelta(days=1), cadence)


def containing(day: date, cadence: Cadence) -> Period:
    """The period of this cadence that a local date falls in."""
    if cadence in ("weekly", "fortnightly"):
        year, week, weekday = day.isocalendar()
        monday = day - timedelta(days=weekday - 1)
        if cadence == "weekly":
            return Period(f"{year}-W{week:02d}", monday, monday + timedelta(days=7))
        fortnight = (week + 1) // 2  # weeks 2f-1 and 2f
        start = date.fromisocalendar(year, 2 * fortnight - 1, 1)
        weeks_in_year = date(year, 12, 28).isocalendar()[1]
        length = 2 if 2 * fortnight <= weeks_in_year else 1  # a 53rd week stands alone
        return Period(f"{year}-F{fortnight:02d}", start, start + timedelta(weeks=length))
    if cadence == "monthly":
        first = day.replace(day=1)
        return Period(f"{day.year}-{day.month:02d}", first, _add_months(first, 1))
    quarter = (day.month - 1) // 3
    first = date(day.year, quarter * 3 + 1, 1)
    return Period(f"{day.year}-Q{quarter + 1}", first, _add_months(first, 3))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def due(period: Period, schedule: Schedule, timezone: str) -> datetime:
    """When the digest for a period goes: the schedule's moment in the period after it."""
    zone = ZoneInfo(timezone)
    following = period.after_last_day
    if schedule.cadence in ("weekly", "fortnightly"):
        offset = (WEEKDAYS.index(schedule.weekday) - following.weekday()) % 7
        day = following + timedelta(days=offset)
    else:
        day = following.replace(day=schedule.day_of_month)
    return datetime.combine(day, schedule.at, tzinfo=zone).astimezone(UTC)


def latest_due(schedule: Schedule, now: datetime, timezone: str) -> Period | None:
    """The newest period whose digest is due by now (None if the first is not yet due)."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    period = containing(today, schedule.cadence).previous(schedule.cadence)
    for _ in range(3):  # the schedule's moment may fall a little into the next period
        if due(period, schedule, timezone) <= now:
            return period
        period = period.previous(schedule.cadence)
    return None


def named_or_latest(
    key: str | None, schedule: Schedule, now: datetime, timezone: str
) -> Period | None:
    """The period a person named ("2026-W47"; ValueError if it is not one of the schedule's
    cadence), or else the newest one due (None if none is due yet)."""
    if key:
        return parse(key, schedule.cadence)
    return latest_due(schedule, now, timezone)


_KEY = re.compile(r"^(\d{4})-(?:W(\d{2})|F(\d{2})|(\d{2})|Q([1-4]))$")


def parse(key: str, cadence: Cadence) -> Period:
    """A period from its key ("2026-W47"); ValueError when it is not one of this cadence."""
    match = _KEY.match(key)
    if not match:
        raise ValueError(f"'{key}' is not a period (2026-W47, 2026-F24, 2026-11 or 2026-Q4)")
    year, week, fortnight, month, quarter = match.groups()
    if cadence == "weekly" and week:
        day = date.fromisocalendar(int(year), int(week), 1)
    elif cadence == "fortnightly" and fortnight:
        day = date.fromisocalendar(int(year), int(fortnight) * 2 - 1, 1)
    elif cadence == "monthly" and month and 1 <= int(month) <= 12:
        day = date(int(year), int(month), 1)
    elif cadence == "quarterly" and quarter:
        day = date(int(year), (int(quarter) - 1) * 3 + 1, 1)
    else:
        raise ValueError(f"'{key}' is not a {cadence} period")
    period = containing(day, cadence)
    if period.key != key:
        raise ValueError(f"'{key}' is not a {cadence} period")
    return period
