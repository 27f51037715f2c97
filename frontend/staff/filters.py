"""The filters staff pages share, read from the query string: a period, a team, an audience,
a collection point and a channel. A value that is not one of the choices is a clear 422."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from starlette.datastructures import QueryParams

from api.core.errors import FieldError, InvalidInput
from api.models.enums import Audience, Channel
from api.responses.filters import ResponseFilters

PERIODS = {
    "month": "This month",
    "last-month": "Last month",
    "3m": "Last 3 months",
    "12m": "Last 12 months",
    "quarter": "Last full quarter",
}


@dataclass(frozen=True)
class PageFilters:
    period: str
    start: date
    end: date
    responses: ResponseFilters

    def as_query(self) -> dict[str, str]:
        r = self.responses
        values = {
            "period": self.period,
            "team": r.team,
            "audience": r.audience.value if r.audience else None,
            "point": r.collection_point,
            "channel": r.channel.value if r.channel else None,
        }
        if self.period == "custom":
            values |= {"from": self.start.isoformat(), "to": self.end.isoformat()}
        return {k: v for k, v in values.items() if v}


def period_dates(period: str, today: date) -> tuple[date, date]:
    if period == "month":
        return today.replace(day=1), today
    if period == "last-month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if period == "quarter":  # the calendar quarter before today's
        first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        last = first - timedelta(days=1)
        return last.replace(month=(last.month - 1) // 3 * 3 + 1, day=1), last
    if period == "3m":
        return today - timedelta(days=91), today
    return today - timedelta(days=365), today


def _choice(params: QueryParams, name: str, kind: Any, errors: list[FieldError]) -> Any:
    value = params.get(name) or None
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        errors.append(FieldError(name, f"'{value[:40]}' is not one of the choices"))
        return None


def _day(params: QueryParams, name: str, errors: list[FieldError]) -> date | None:
    value = params.get(name) or None
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(FieldError(name, "use a date like 2026-11-01"))
        return None


def parse(params: QueryParams, *, today: date) -> PageFilters:
    errors: list[FieldError] = []
    start, end = _day(params, "from", errors), _day(params, "to", errors)
    period = params.get("period") or ("custom" if start or end else "month")
    if period == "custom":
        start = start or today - timedelta(days=30)
        end = end or today
        if start > end:
            errors.append(FieldError("from", "is after 'to'"))
        elif (end - start).days > 3 * 366:
            errors.append(FieldError("from", "choose at most three years"))
    elif period in PERIODS:
        start, end = period_dates(period, today)
    else:
        errors.append(FieldError("period", "is not one of the choices"))
        start, end = period_dates("month", today)
    filters = ResponseFilters(
        team=(params.get("team") or None),
        collection_point=(params.get("point") or None),
        audience=_choice(params, "audience", Audience, errors),
        channel=_choice(params, "channel", Channel, errors),
    )
    if errors:
        raise InvalidInput("Some filters could not be used", errors=errors)
    assert start is not None and end is not None
    return PageFilters(period=period, start=start, end=end, responses=filters)
