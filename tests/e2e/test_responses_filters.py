"""A manager narrows the Responses list in a real browser (Last 12 months, a team, a word),
pages on, opens a response, steps to the next one and goes back: the filters survive every
step. The list and a response pass axe-core at 1280 and 768 px and do not scroll sideways."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy.orm import Session

from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.models.enums import Role
from tests import factories
from tests.e2e.test_staff_pages import WIDTHS, sideways, sign_in
from tests.e2e.test_young_person_form import check_accessibility
from tests.live import live_server

WANTED = {"period": ["12m"], "team": ["front-door"], "q": ["worker"]}


@pytest.fixture
def listed(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    now = datetime.now(UTC)
    with Session(fresh_database.engine) as session, session.begin():
        for slug in ("front-door", "assessment"):
            factories.team(session, slug)
        officer = factories.staff_user(session, Role.rights_team).email
        # 29 front-door responses that say "worker" within the year: two pages of 25. The
        # others (another team, other words, two years ago) must never appear.
        for n in range(36):
            words, team, days = "My worker never rang back", "front-door", n * 9
            if n % 6 == 5:
                words = "Nobody rang me back"
            if n == 34:
                team = "assessment"
            if n == 35:
                days = 700
            stored = factories.response(
                session,
                team=team,
                submitted_at=now - timedelta(days=days, hours=1),
                answers=factories.parent_answers(one_thing_to_change=words, most_helpful=""),
            )
            answer_analysis.analyse_response(session, response_id=stored.response.id)
    with live_server() as base:
        yield {"base": base, "officer": officer}
    get_settings.cache_clear()


def state(url: str) -> dict[str, list[str]]:
    query = parse_qs(urlparse(url).query)
    query.pop("page", None)
    return query


@pytest.mark.parametrize("width", WIDTHS)
def test_the_filters_survive_paging_opening_next_and_back(browser, listed, width):
    base = listed["base"]
    page = sign_in(browser, base, listed["officer"], width)
    page.goto(f"{base}/staff/responses")
    page.select_option("#f-period", "12m")
    page.click("#f-team summary")  # the teams fold open in place: tick one or more
    page.check("input[name=team][value=front-door]")
    page.fill("#f-q", "worker")
    page.click("form[aria-label=Filters] button[type=submit]")
    page.wait_for_url("**/staff/responses?*")
    assert state(page.url) == WANTED
    assert "29 responses" in page.inner_text("[role=status]")
    check_accessibility(page, f"responses-filtered-{width}")
    assert not sideways(page), sideways(page)

    page.click("text=Next page")
    page.wait_for_url("**page=2*")
    assert state(page.url) == WANTED and "page 2 of 2" in page.inner_text("[role=status]")
    # The form shows what is chosen, so pressing Search again keeps it.
    assert page.input_value("#f-q") == "worker" and page.is_checked(
        "input[name=team][value=front-door]"
    )
    page.click("ol.review-list a >> nth=0")
    page.wait_for_url("**/staff/responses/*")
    assert state(page.url) == WANTED
    check_accessibility(page, f"response-in-a-list-{width}")
    assert not sideways(page), sideways(page)
    opened = urlparse(page.url).path

    page.click("text=Next response")
    page.wait_for_url(lambda url: urlparse(url).path not in (opened, "/staff/responses"))
    assert state(page.url) == WANTED
    assert "worker" in page.inner_text("main").lower()
    page.click("text=Previous response")
    page.wait_for_url(lambda url: urlparse(url).path == opened)

    page.click("text=Back to responses")
    page.wait_for_url("**/staff/responses?*")
    assert state(page.url) == WANTED and parse_qs(urlparse(page.url).query)["page"] == ["2"]
    assert "page 2 of 2" in page.inner_text("[role=status]")
    page.context.close()


def test_typed_dates_are_used_and_more_filters_open_when_set(browser, listed):
    base = listed["base"]
    page = sign_in(browser, base, listed["officer"])
    page.goto(f"{base}/staff/responses?feeling=negative")
    assert page.get_attribute("details.filters-more", "open") is not None
    for width in WIDTHS:  # every filter showing
        page.set_viewport_size({"width": width, "height": 900})
        check_accessibility(page, f"responses-more-filters-{width}")
        assert not sideways(page), sideways(page)
    page.goto(f"{base}/staff/responses")
    assert page.get_attribute("details.filters-more", "open") is None
    page.fill("#f-from", (datetime.now(UTC) - timedelta(days=20)).date().isoformat())
    page.click("form[aria-label=Filters] button[type=submit]")
    page.wait_for_url("**from=*")
    assert page.input_value("#f-period") == "custom"
    assert "3 responses" in page.inner_text("[role=status]")  # days 1, 10 and 19 ago
    page.context.close()


def test_two_teams_on_a_phone_without_sideways_scrolling(browser, listed):
    base = listed["base"]
    page = sign_in(browser, base, listed["officer"], 390)
    page.goto(f"{base}/staff/responses?period=12m")
    page.click("details.filters-fold > summary")  # on a phone the filters are folded away
    page.click("#f-team summary")  # opens in place: every team a box to tick
    page.check("input[name=team][value=front-door]")
    page.check("input[name=team][value=assessment]")
    assert not sideways(page), sideways(page)
    check_accessibility(page, "responses-two-teams-open-390")
    page.click("form[aria-label=Filters] button[type=submit]")
    page.wait_for_url("**/staff/responses?*")
    assert sorted(parse_qs(urlparse(page.url).query)["team"]) == ["assessment", "front-door"]
    # Both teams' answers in the year (the one two years ago is not): 34 and 1.
    assert "35 responses" in page.inner_text("[role=status]")
    assert "Assessment, Front Door" in page.inner_text("details.filters-fold > summary")
    page.click("details.filters-fold > summary")
    summary = page.inner_text("#f-team summary")
    assert "Front Door" in summary and "Assessment" in summary
    page.click("ol.review-list a >> nth=0")
    page.wait_for_url("**/staff/responses/*")
    page.click("text=Back to responses")
    page.wait_for_url("**/staff/responses?*")
    assert sorted(parse_qs(urlparse(page.url).query)["team"]) == ["assessment", "front-door"]
    page.context.close()
