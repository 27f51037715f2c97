"""Send windows: the earliest moment a text may go. Pure, and in local time, so 09:00 stays
09:00 on both sides of a clock change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.invitations.rules import DAYS, WindowRule

LOOK_AHEAD_DAYS = 60  # a window shut for longer than this is a configuration mistake


def _open_hours(day: date, window: WindowRule, school_rules: bool) -> list[tuple[time, time]]:
    if DAYS[day.weekday()] not in window.days or day in window.closed_dates:
        return []
    hours = [(window.start, window.end)]
    school = window.school_hours
    if school_rules and school is not None and day.weekday() < 5:
        # Take school hours out: what is left before and after them.
        hours = [
            part
            for start, end in hours
            for part in ((start, min(end, school.start)), (max(start, school.end), end))
            if part[0] < part[1]
        ]
    return hours


def next_open(
    earliest: datetime, window: WindowRule, *, timezone: str, young_person: bool = False
) -> datetime:
    """The first moment at or after `earliest` inside the window (UTC)."""
    zone = ZoneInfo(timezone)
    local = earliest.astimezone(zone)
    for offset in range(LOOK_AHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        for start, end in _open_hours(day, window, young_person):
            opens = datetime.combine(day, start, tzinfo=zone)
            closes = datetime.combine(day, end, tzinfo=zone)
            candidate = max(opens, local) if offset == 0 else opens
            if candidate < closes:
                return candidate.astimezone(UTC)
    raise ValueError(f"the send window never opens in the next {LOOK_AHEAD_DAYS} days")


def is_open(
    moment: datetime, window: WindowRule, *, timezone: str, young_person: bool = False
) -> bool:
    return next_open(moment, window, timezone=timezone, young_person=young_person) == moment
