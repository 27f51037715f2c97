"""The council's language order (YOUSAID_LANGUAGE_ORDER): both languages in the switch in that
order, and a visitor who has not chosen greeted in the first."""

from __future__ import annotations

import re

import pytest

from api.core.config import get_settings


@pytest.fixture
def order(monkeypatch):
    def settle(value: str) -> None:
        monkeypatch.setenv("YOUSAID_LANGUAGE_ORDER", value)
        get_settings.cache_clear()

    yield settle
    get_settings.cache_clear()


def switch(page: str) -> list[str]:
    """The switch's language names, in the order they stand."""
    found = re.search(r'<ul class="languages"[^>]*>(.*?)</ul>', page)
    assert found, "every public page has the language switch"
    return re.findall(r">(English|Cymraeg)<", found.group(1))


def test_by_default_english_comes_first_and_a_new_visitor_reads_english(client):
    page = client.get("/f/parent-carer").text
    assert '<html lang="en">' in page and switch(page) == ["English", "Cymraeg"]
    assert '<span class="language-current" lang="en" aria-current="true">English' in page


def test_a_welsh_first_council_greets_in_welsh_and_lists_welsh_first(client, order):
    order("cy-en")
    page = client.get("/f/parent-carer").text
    assert '<html lang="cy">' in page and switch(page) == ["Cymraeg", "English"]
    # The visitor's own choice still wins, and the order stays the council's.
    chosen = client.get("/f/parent-carer", params={"lang": "en"}).text
    assert '<html lang="en">' in chosen and switch(chosen) == ["Cymraeg", "English"]
    assert 'class="language" href="/f/parent-carer?lang=cy"' in chosen


def test_an_order_that_is_not_one_of_the_two_stops_the_service_starting(monkeypatch):
    monkeypatch.setenv("YOUSAID_LANGUAGE_ORDER", "cy")
    get_settings.cache_clear()
    with pytest.raises(ValueError, match="language_order"):
        get_settings()
    get_settings.cache_clear()
