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
    assert custom.responses.audiences == (Audience.young_person,)
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


EVERY_FILTER = (
    "period=12m&team=north&audience=parent_carer&point=closure&channel=sms&q=rang+back"
    "&theme=reliability&polarity=negative&question=listened_to&rating=1-2&feeling=mixed"
    "&language=cy&reviewed=no&alert=yes"
)


def test_every_filter_reads_and_writes_back_the_same():
    chosen = parse(EVERY_FILTER)
    assert chosen.match.rating == (1, 2) and chosen.match.reviewed is False
    assert chosen.more  # so "More filters" is open
    again = filters.PageFilters.parse(QueryParams(chosen.as_query()), today=TODAY)
    assert again == chosen
    assert QueryParams(EVERY_FILTER.replace("+", " ")) == QueryParams(chosen.as_query())


def test_a_single_rating_and_unset_filters_stay_out_of_the_query():
    chosen = parse("question=listened_to&rating=4&page=3")
    assert chosen.match.rating == (4, 4)
    assert chosen.as_query() == {"period": "month", "question": "listened_to", "rating": "4"}
    assert not parse("team=north").more


def test_typed_dates_choose_the_custom_period_whatever_the_list_says():
    chosen = parse("period=12m&from=2026-06-01&to=2026-06-30")
    assert (chosen.period, chosen.start, chosen.end) == (
        "custom",
        date(2026, 6, 1),
        date(2026, 6, 30),
    )
    only_from = parse("period=month&from=2026-10-01")
    assert (only_from.period, only_from.start, only_from.end) == (
        "custom",
        date(2026, 10, 1),
        TODAY,
    )
    assert parse("period=12m&from=&to=").period == "12m"  # empty boxes are no dates


@pytest.mark.parametrize(
    "query",
    [
        "theme=nonsense",
        "polarity=sideways",
        "question=favourite_colour",
        "question=listened_to&rating=0",
        "question=listened_to&rating=5-1",
        "question=listened_to&rating=two",
        "rating=1-2",  # a rating needs its statement
        "feeling=grumpy",
        "language=fr",
        "reviewed=maybe",
        "alert=1",
    ],
)
def test_each_new_filters_nonsense_is_a_clear_422(query):
    with pytest.raises(InvalidInput) as raised:
        parse(query)
    name = query.split("=")[0] if "rating" not in query else "rating"
    assert name in raised.value.message  # the page says which filter
