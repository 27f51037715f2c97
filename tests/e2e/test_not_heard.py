"""Who we are not hearing, in a real browser: a manager reads on the Overview that young
people aged 13 to 17 answer far less than parents, the small team's group has no rate, and
the section passes axe and fits at 1280 and 768 px (screenshots kept as artifacts)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models.enums import AgeBand, Audience, Role
from frontend.staff import overview
from tests import caseload, factories
from tests.e2e.test_overview import quarter_before
from tests.e2e.test_staff_pages import sideways
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server

WIDTHS = (1280, 768)


@pytest.fixture
def caseload_site(fresh_database, use_database, monkeypatch, tmp_path) -> Iterator[dict]:
    """A quarter of case events: young people 13 to 17 mostly unheard, a small team."""
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    first = datetime.now(UTC).date().replace(day=1)
    monkeypatch.setattr(overview, "today", lambda: first)
    start, _end = quarter_before(first)
    when = datetime(start.year, start.month, start.day, 12, tzinfo=UTC) + timedelta(days=20)
    with Session(fresh_database.engine) as session, session.begin():
        caseload.contacts(
            session,
            team="front-door",
            named=60,
            invited=50,
            responded=3,
            audience=Audience.young_person,
            age_band=AgeBand.age_13_17,
            occurred_at=when,
        )
        caseload.contacts(
            session,
            team="front-door",
            named=110,
            invited=100,
            responded=31,
            age_band=AgeBand.age_5_7,
            occurred_at=when,
        )
        caseload.contacts(
            session, team="assessment", named=3, invited=2, responded=1, occurred_at=when
        )
        manager = factories.staff_user(
            session, Role.manager, teams=["front-door", "assessment"]
        ).email
    with live_server() as base:
        yield {"base": base, "manager": manager}
    get_settings.cache_clear()


def sign_in(browser, base: str, email: str, width: int):
    """As test_staff_pages.sign_in, pressing the sign-in form's own button: every page now
    has the language switch's buttons too."""
    # Our pages forbid inline scripts; axe-core arrives as one, so the test lets it in.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base}/staff")
    page.wait_for_url("**/staff/login**")
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_reads_who_we_are_not_hearing(browser, caseload_site, width):
    page = sign_in(browser, caseload_site["base"], caseload_site["manager"], width)
    section = page.locator("#not-heard")
    section.scroll_into_view_if_needed()
    words = section.inner_text()
    assert "Who we are not hearing" in words
    assert (
        "Children and young people, Case closure: 6% of those invited answered, against 31%"
        in words
    )
    assert "Aged 13 to 17: 6% of those invited answered, against 31%" in words
    flagged = page.locator("#not-heard-age_band tr.well-below th")
    assert flagged.inner_text().startswith("Aged 13 to 17")
    small = page.locator("#not-heard-team tr", has_text="Assessment").inner_text()
    assert small.count("too few") == 2
    check_accessibility(page, f"not-heard-{width}")
    assert not sideways(page), sideways(page)
