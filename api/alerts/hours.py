"""The duty team's office hours: who is told of an alert depends on whether anyone is at work.

`YOUSAID_OFFICE_HOURS` is written as a council would say it ("Mon-Thu 08:30-17:00, Fri
08:30-16:30"), in the council's local time; bank holidays come from the `holidays` package for
the council's nation (England and Wales share them; Scotland and Northern Ireland differ), and
a council adds its own closed days (the days between Christmas and New Year, say).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NATIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
_PART = re.compile(
    r"^(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$"
)


class HoursSettings(Protocol):
    """What this module reads from the settings (the settings check their hours with it, so it
    cannot import them back)."""

    @property
    def office_hours(self) -> str: ...
    @property
    def office_closed_dates(self) -> str: ...
    @property
    def bank_holidays(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def front_door_phone(self) -> str: ...
    @property
    def out_of_hours_phone(self) -> str: ...


@dataclass(frozen=True)
class OfficeHours:
    """When the day team works: per weekday (0 = Monday), a start and end in local time."""

    days: dict[int, tuple[time, time]]
    nation: str | None
    closed: frozenset[date]
    timezone: str

    def open_at(self, moment: datetime) -> bool:
        local = moment.astimezone(ZoneInfo(self.timezone))
        day = local.date()
        if day in self.closed or (self.nation and day in _bank_holidays(self.nation, day.year)):
            return False
        hours = self.days.get(local.weekday())
        return hours is not None and hours[0] <= local.time() < hours[1]

    def works_on(self, day: date) -> bool:
        """Whether the office works that day at all: a weekday it keeps hours on (Monday to
        Friday when no hours are set), neither a bank holiday nor one of its closed days."""
        weekdays = set(self.days) or set(range(5))
        if day.weekday() not in weekdays or day in self.closed:
            return False
        return not (self.nation and day in _bank_holidays(self.nation, day.year))

    def one_working_day_after(self, moment: datetime) -> datetime:
        """The same local time on the next working day: raised on Friday at 14:00 (or on
        Saturday at 14:00), due on Monday at 14:00."""
        zone = ZoneInfo(self.timezone)
        local = moment.astimezone(zone)
        day = local.date() + timedelta(days=1)
        for _ in range(366):  # a year of closed days would be a configuration mistake
            if self.works_on(day):
                break
            day += timedelta(days=1)
        return datetime.combine(day, local.time(), tzinfo=zone).astimezone(moment.tzinfo)


@lru_cache(maxsize=16)
def _bank_holidays(nation: str, year: int) -> holidays.HolidayBase:
    found: holidays.HolidayBase = holidays.country_holidays(
        "GB", subdiv=NATIONS[nation], years=year
    )
    return found


def parse_days(text: str) -> dict[int, tuple[time, time]]:
    """'Mon-Thu 08:30-17:00, Fri 08:30-16:30' as {0: (08:30, 17:00), ...}; ValueError if not."""
    days: dict[int, tuple[time, time]] = {}
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        found = _PART.match(part)
        if found is None or found["first"] not in DAYS or (found["last"] or "mon") not in DAYS:
            raise ValueError(f"office hours: cannot read {part!r} (write 'Mon-Fri 09:00-17:00')")
        first = DAYS.index(found["first"])
        last = DAYS.index(found["last"]) if found["last"] else first
        start, end = (
            time.fromisoformat(found["start"].zfill(5)),
            time.fromisoformat(found["end"].zfill(5)),
        )
        if end <= start or last < first:
            raise ValueError(f"office hours: {part!r} ends before it starts")
        for day in range(first, last + 1):
            days[day] = (start, end)
    return days


def parse_dates(text: str) -> frozenset[date]:
    """'2026-12-29, 2026-12-30' as dates; ValueError if one is not a date."""
    return frozenset(date.fromisoformat(d.strip()) for d in text.split(",") if d.strip())


def from_settings(settings: HoursSettings) -> OfficeHours:
    return OfficeHours(
        days=parse_days(settings.office_hours),
        nation=settings.bank_holidays or None,
        closed=parse_dates(settings.office_closed_dates),
        timezone=settings.timezone,
    )


def number_to_call(settings: HoursSettings, at: datetime) -> str:
    """The number a worried adult should ring about a child now: the front door while the
    office is open, the out-of-hours (emergency duty) team when it is not."""
    if from_settings(settings).open_at(at):
        return settings.front_door_phone
    return settings.out_of_hours_phone
