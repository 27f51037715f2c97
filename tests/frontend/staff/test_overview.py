"""The Overview page, for each role: the period it opens on, every theme, fixed series
colours, and links from each figure to the answers behind it; a statement's comparison."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from api.core.config import get_settings
from api.models.enums import Channel, Role
from frontend.staff import overview
from tests import factories
from tests.staff_pages import signed_in

SVG = "{http://www.w3.org/2000/svg}"
FIRST_OF_OCTOBER = date(2026, 10, 1)


def respond(db, team, n, at=None, **fields):
    for _ in range(n):
        factories.response(
            db,
            team=team,
            submitted_at=at or datetime.now(UTC),
            answers=factories.parent_answers(),
            **fields,
        )


@pytest.fixture
def first_of_october(monkeypatch):
    """The council's today, for the page: the first of a month."""
    monkeypatch.setattr(overview, "today", lambda: FIRST_OF_OCTOBER)


def links(page: str, **wanted: str) -> list[dict[str, list[str]]]:
    """The query strings of the page's links to the responses list holding `wanted`."""
    found = []
    for href in re.findall(r'href="(/staff/responses\?[^"]+)"', page):
        query = parse_qs(urlsplit(unescape(href)).query)
        if all(query.get(k) == [v] for k, v in wanted.items()):
            found.append(query)
    return found


def test_a_manager_sees_their_teams_figures_and_filters(client, db):
    respond(db, "north", 3)
    respond(db, "south", 12)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    page = signed_in(client, manager.email).get("/staff?period=month").text
    assert '<span class="headline-number">3</span> responses' in page
    assert 'value="north"' in page and 'value="south"' not in page  # only their teams to pick
    assert "your teams only" in page


def test_the_rights_team_sees_everything_with_charts_and_tables(client, db):
    respond(db, "north", 3)
    respond(db, "south", 12)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?period=3m").text
    assert '<span class="headline-number">15</span> responses' in page
    assert page.count('<svg class="chart"') >= 2 and page.count("<table") >= 2
    assert "Theme review" in page  # the rights team's own page is in the menu


def test_a_bad_filter_is_a_page_that_says_so(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?audience=aliens")
    assert page.status_code == 422 and "Some filters could not be used" in page.text


def test_on_the_first_of_a_month_it_opens_on_the_last_full_quarter(client, db, first_of_october):
    respond(db, "north", 12, at=datetime(2026, 8, 12, 12, tzinfo=UTC))
    respond(db, "north", 2, at=datetime(2026, 10, 1, 9, tzinfo=UTC))  # today: not in it
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff").text
    assert "Last full quarter: 1 July 2026 to 30 September 2026." in page
    assert '<span class="headline-number">12</span> responses' in page
    assert "100% agreed (95% interval 76–100%)" in page  # felt listened to: 12 of 12
    assert '<option value="quarter" selected>Last full quarter</option>' in page


def test_the_council_can_open_it_on_another_period(client, db, first_of_october, monkeypatch):
    monkeypatch.setenv("YOUSAID_OVERVIEW_DEFAULT_PERIOD", "12m")
    get_settings.cache_clear()
    try:
        officer = factories.staff_user(db, Role.rights_team)
        page = signed_in(client, officer.email).get("/staff").text
        assert "Last 12 months: 1 October 2025 to 1 October 2026." in page
    finally:
        get_settings.cache_clear()


def test_twelve_months_mark_the_month_still_running_so_far(client, db, first_of_october):
    respond(db, "north", 3, at=datetime(2026, 9, 12, 12, tzinfo=UTC))
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?period=12m").text
    chart = ET.fromstring(re.search(r'<svg class="chart chart-wide".*?</svg>', page, re.S).group(0))
    assert any(t.text == "so far" for t in chart.iter(f"{SVG}tspan"))
    assert '<th scope="row">Oct 26 (so far)</th>' in page
    assert "Oct 26 so far" in page


def test_every_theme_is_shown_with_links_to_its_worries_and_its_praise(client, db):
    respond(db, "north", 2)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?period=month&team=north").text
    assert page.count('<li class="multiple">') == 13
    worries = links(page, theme="reliability", polarity="negative")
    assert worries and all(w["period"] == ["month"] and w["team"] == ["north"] for w in worries)
    assert links(page, theme="caring", polarity="positive")  # unmentioned, still there


def test_a_statements_bars_link_to_its_answers_under_the_pages_filters(client, db):
    respond(db, "north", 12, audience="parent_carer")
    officer = factories.staff_user(db, Role.rights_team)
    page = (
        signed_in(client, officer.email)
        .get("/staff?period=3m&team=north&audience=parent_carer&channel=web")
        .text
    )
    [disagree, *same] = links(page, question="time_with_children", rating="1-2")
    assert all(other == disagree for other in same)  # the bar and its words
    assert {k: v[0] for k, v in disagree.items()} == {
        "period": "3m",
        "team": "north",
        "audience": "parent_carer",
        "channel": "web",
        "question": "time_with_children",
        "rating": "1-2",
    }
    assert links(page, question="listened_to", rating="4-5", team="north")
    # Every agreed answer here is a 4 or 5 of the factory's: 12 of 12, clearly above target.
    assert "Clearly above target" in page and "12 disagreed" in page


def channel_colours(page: str) -> dict[str, str]:
    chart = ET.fromstring(re.search(r'<svg class="chart chart-wide".*?</svg>', page, re.S).group(0))
    return {p.get("data-series"): p.get("stroke") for p in chart.iter(f"{SVG}polyline")}


def test_a_channel_keeps_its_colour_whatever_its_volume(client, db, first_of_october):
    for day in (5, 12, 19):
        at = datetime(2026, 8, day, 12, tzinfo=UTC)
        respond(db, "north", 5, at=at, channel=Channel.sms)
        respond(db, "north", 1, at=at, channel=Channel.web)
        respond(db, "south", 1, at=at, channel=Channel.sms)
        respond(db, "south", 5, at=at, channel=Channel.web)
    north = factories.staff_user(db, Role.manager, teams=["north"])
    south = factories.staff_user(db, Role.manager, teams=["south"])
    seen_north = channel_colours(signed_in(client, north.email).get("/staff").text)
    client.cookies.clear()
    seen_south = channel_colours(signed_in(client, south.email).get("/staff").text)
    assert seen_north == seen_south == {"web": "#0072B2", "sms": "#007A5A"}


def test_a_statements_page_compares_teams_and_months(client, db, first_of_october):
    respond(db, "north", 12, at=datetime(2026, 8, 12, 12, tzinfo=UTC))
    respond(db, "south", 3, at=datetime(2026, 8, 12, 12, tzinfo=UTC))
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(
        "/staff/overview/statements/parent-carer/does_what_they_say"
    )
    assert page.status_code == 200
    text = page.text
    assert "<h1>My worker does what they say they will do</h1>" in text
    assert "100% agreed (95% interval 76–100%)" in text  # north: 12 of 12 gave a 4
    assert "Too few answers to say" in text  # south: 3 answers
    north = links(text, question="does_what_they_say", rating="4-5", team="north")
    assert north and all(n["period"] == ["quarter"] for n in north)
    # A month's links narrow the period to that month's days.
    assert links(text, period="custom", **{"from": "2026-08-01", "to": "2026-08-31"})


def test_an_unknown_statement_or_survey_is_a_clear_404(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    assert client.get("/staff/overview/statements/nope").status_code == 404
    wrong = client.get("/staff/overview/statements/young-person/listened_to")
    assert wrong.status_code == 404 and "has no statement" in wrong.text
    assert client.get("/staff/overview/statements/listened_to?survey=nope").status_code == 404


def test_a_statement_asked_in_two_surveys_keeps_to_the_one_chosen(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    page = client.get("/staff/overview/statements/young-person-under-8/worker_listened").text
    assert "Under-8s&#39; survey" in page or "Under-8s' survey" in page
    assert 'href="/staff/overview/statements/young-person/worker_listened?' in page
    assert 'action="/staff/overview/statements/young-person-under-8/worker_listened"' in page
    # The Overview links each statement to its own survey's page, under its filters.
    respond(db, "north", 1)
    overview_page = client.get("/staff?period=12m&team=north").text
    assert (
        'href="/staff/overview/statements/parent-carer/listened_to?period=12m&amp;team=north"'
        in (overview_page)
    )


@pytest.mark.parametrize(
    ("today", "quarter"),
    [
        (date(2026, 10, 1), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 12, 31), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2027, 1, 1), (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2026, 3, 15), (date(2025, 10, 1), date(2025, 12, 31))),
    ],
)
def test_the_last_full_quarter_is_the_calendar_quarter_before_todays(today, quarter):
    from frontend.staff import filters

    assert filters.period_dates("quarter", today) == quarter


def test_the_overview_names_surveys_as_the_digest_does(client, db):
    respond(db, "north", 12)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?period=3m").text
    assert "Parents&#39; and carers&#39; survey" in page and "Parent carer" not in page


def test_a_practitioner_sees_small_counts_suppressed_and_a_manager_exactly(client, db):
    """Decision 33: a small team's week must not point at a family for every role."""
    respond(db, "north", 3)
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    page = signed_in(client, practitioner.email).get("/staff?period=month").text
    assert '<span class="headline-number">&lt;5</span> responses' in page
    assert '<span class="headline-number">3</span>' not in page
    client.cookies.clear()
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    exact = signed_in(client, manager.email).get("/staff?period=month").text
    assert '<span class="headline-number">3</span> responses' in exact
