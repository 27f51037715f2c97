"""A rights officer's possible concerns in a real browser: the navigation says how many wait,
the queue holds no words and marks the overdue one, the concern's page shows the words and
says in words why it is there, and recording "ordinary feedback" closes it. Every page passes
axe-core; screenshots are kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.models.enums import Role
from tests import factories
from tests.api.concerns.concerning import WORDS, concern, concerned
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server


@pytest.fixture
def reading(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    monkeypatch.setattr(answer_analysis, "analyse", concerned)
    get_settings.cache_clear()
    with Session(fresh_database.engine) as session, session.begin():
        officer = factories.staff_user(session, Role.rights_team)
        late = concern(session, team="north")
        late.due_at = datetime.now(UTC) - timedelta(hours=3)
        concern(session, team="south", words="It was ok I suppose but I get scared sometimes")
        wanted, email = late.public_id, officer.email
    with live_server() as base:
        yield {"base": base, "email": email, "concern": wanted}
    get_settings.cache_clear()


def test_a_rights_officer_reads_a_concern_and_closes_it(browser, reading):
    base = reading["base"]
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/staff/login")
    page.fill("#email", reading["email"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")

    nav = page.locator("nav.staff-nav a[href='/staff/concerns']")
    assert "Possible concerns" in nav.inner_text() and "2" in nav.inner_text()
    nav.click()
    page.wait_for_url(f"{base}/staff/concerns")
    check_accessibility(page, "concerns-1-queue")
    main = page.inner_text("main")
    assert "2 open" in main and "1 overdue" in main and "Overdue" in main
    assert WORDS not in main and "scared" not in main

    page.click(f"a[href='/staff/concerns/{reading['concern']}']")
    check_accessibility(page, "concerns-2-concern")
    main = page.inner_text("main")
    assert WORDS in main and "not sure this is ordinary feedback" in main
    assert "Overdue" in main and "%" not in main

    page.check("input[name=outcome][value=ordinary_feedback]")
    page.fill("#note", "Read it; nothing more to do")
    page.click("form[action^='/staff/concerns/'] button[type=submit]")
    page.wait_for_url(f"**/staff/concerns/{reading['concern']}?recorded=1")
    check_accessibility(page, "concerns-3-recorded")
    main = page.inner_text("main")
    assert "Your decision is recorded" in main and "Ordinary feedback" in main
    assert "What did you decide?" not in main

    page.goto(f"{base}/staff/concerns")
    assert "1 open" in page.inner_text("main")
