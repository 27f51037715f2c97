"""The Overview in a real browser, on the first of a month: it opens on the last full
quarter with figures, not on one day of "too few"; twelve months mark the month still
running "so far"; a statement's disagree bar opens the answers that disagreed. Every page
passes axe and fits at 1280 and 768 px; screenshots are kept as artifacts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models.enums import Role
from frontend.staff import overview
from tests import factories
from tests.e2e.test_staff_pages import sideways, sign_in
from tests.e2e.test_young_person_form import check_accessibility
from tests.live import live_server

WIDTHS = (1280, 768)


def quarter_before(day: date) -> tuple[date, date]:
    first = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    last = first - timedelta(days=1)
    return last.replace(month=(last.month - 1) // 3 * 3 + 1, day=1), last


@pytest.fixture
def overview_site(fresh_database, use_database, monkeypatch, tmp_path) -> Iterator[dict]:
    """A council on the first of this month, with a quarter of answers behind it."""
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    # The first of the real month: the responses list (its own "today") sees the same quarter.
    first = datetime.now(UTC).date().replace(day=1)
    monkeypatch.setattr(overview, "today", lambda: first)
    start, end = quarter_before(first)
    with Session(fresh_database.engine) as session, session.begin():
        for slug in ("front-door", "assessment"):
            factories.team(session, slug)
        for n in range(40):
            day = start + timedelta(days=n * ((end - start).days // 40))
            factories.response(
                session,
                team="front-door" if n % 3 else "assessment",
                submitted_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
                answers=factories.parent_answers(does_what_they_say=(n % 5) + 1),
            )
        factories.response(  # today's one answer: in the month so far, not in the quarter
            session,
            team="front-door",
            submitted_at=datetime(first.year, first.month, first.day, 9, tzinfo=UTC),
            answers=factories.parent_answers(),
        )
        officer = factories.staff_user(session, Role.rights_team).email
    with live_server() as base:
        yield {"base": base, "officer": officer, "start": start, "end": end}
    get_settings.cache_clear()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_overview_on_the_first_of_a_month(browser, overview_site, width):
    base, start, end = overview_site["base"], overview_site["start"], overview_site["end"]
    page = sign_in(browser, base, overview_site["officer"], width)
    main = page.inner_text("main")
    assert f"Last full quarter: {start.day} {start:%B %Y} to {end.day} {end:%B %Y}." in main
    assert "40\nresponses" in main
    assert "% agreed (95% interval" in main  # figures, not "too few"
    check_accessibility(page, f"overview-{width}-quarter")
    assert not sideways(page), sideways(page)

    page.goto(f"{base}/staff?period=12m")
    assert page.locator("#h-responses ~ figure tspan.note", has_text="so far").count() >= 1
    assert "so far" in page.inner_text("#h-responses ~ figure figcaption")
    check_accessibility(page, f"overview-{width}-12-months")
    assert not sideways(page), sideways(page)

    page.goto(f"{base}/staff")
    page.click("text=My worker does what they say they will do")
    page.wait_for_url("**/staff/overview/statements/parent-carer/does_what_they_say**")
    assert "Team by team" in page.inner_text("main")
    check_accessibility(page, f"overview-{width}-statement")
    assert not sideways(page), sideways(page)
    page.context.close()


def test_a_statements_disagree_bar_opens_the_answers_that_disagreed(browser, overview_site):
    base = overview_site["base"]
    page = sign_in(browser, base, overview_site["officer"])
    bar = page.locator("a.bar-link[href*='question=does_what_they_say'][href*='rating=1-2']").first
    bar.click()
    page.wait_for_url("**/staff/responses?**")
    assert "question=does_what_they_say" in page.url and "rating=1-2" in page.url
    assert "period=quarter" in page.url
    page.context.close()
