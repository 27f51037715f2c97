"""The last full comparison window: the one answer to "which months do the shares beside a
short period come from?", for the Overview's default period and the digest alike.

It is the last whole calendar quarter (January to March, April to June, July to September,
October to December) ending on or before a day: the Overview asks with yesterday (today is
never whole), a digest with its period's last day. So on 2 December both say July to
September 2026, and a digest for the week of 23 November read on any day of December names
the same three months as the Overview beside it. Quarters are what councils report in, and
they change four times a year rather than every month."""

from __future__ import annotations

from datetime import date, timedelta


def last_full_quarter(last_day: date) -> tuple[date, date]:
    """The first and last days of the last whole calendar quarter ending on or before
    `last_day`."""
    after = last_day + timedelta(days=1)
    # The quarter `after` falls in starts where the window ends.
    starts = after.replace(month=(after.month - 1) // 3 * 3 + 1, day=1)
    end = starts - timedelta(days=1)
    return end.replace(month=(end.month - 1) // 3 * 3 + 1, day=1), end


def overview_quarter(today: date) -> tuple[date, date]:
    """The Overview's "last full quarter": the window of the last whole day, yesterday."""
    return last_full_quarter(today - timedelta(days=1))
