"""The staff pages' filters, from the query string."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.datastructures import QueryParams

from api.core.errors import InvalidInput
from api.models.enums import Audience
from frontend.staff import filters

TODAY = date(2026, 11, 22)


def parse(query: str) -> filters.PageFilters:
    return filters.parse(QueryParams(query), today=TODAY)


def test_this_month_by_default():
    chosen = parse("")
    assert (chosen.period, chosen.start, chosen.end) == ("month", date(2026, 11, 1), TODAY)


def test_named_periods_and_dates():
    assert parse("period=last-month").start == date(2026, 10, 1)
    assert parse("period=last-month").end == date(2026, 10, 31)
    custom = parse("from=2026-01-01&to=2026-03-31&audience=young_person&team=north")
    assert (custom.period, custom.start, custom.end) == (
        "custom",
        date(2026, 1, 1),
        date(2026, 3, 31),
    )
    assert custom.responses.audience is Audience.young_person
    assert custom.as_query() == {
        "period": "custom",
        "team": "north",
        "audience": "young_person",
        "from": "2026-01-01",
        "to": "2026-03-31",
    }


@pytest.mark.parametrize(
    "query",
    ["period=forever", "audience=aliens", "from=yesterday", "from=2026-05-01&to=2026-01-01"],
)
def test_nonsense_is_a_clear_422(query):
    with pytest.raises(InvalidInput):
        parse(query)
