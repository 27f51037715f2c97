"""Theme review in a real browser: a group of identical answers reviewed in one action (the
count left drops by the group's size, no reload), the keyboard's A accepting, a correction
shown on the response page with who made it; every page axe-clean at 1280 and 768 px."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models.enums import Role
from tests import factories
from tests.api.reviews.answers import answer
from tests.e2e.test_staff_pages import sideways, sign_in
from tests.e2e.test_young_person_form import check_accessibility
from tests.live import live_server

GROUP = ["Dim byd", "dim byd.", "DIM BYD", "Dim  byd!"]  # one answer, given four times


@pytest.fixture
def reviewing(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    with Session(fresh_database.engine) as session, session.begin():
        officer = factories.staff_user(session, Role.rights_team)
        for n, text in enumerate(GROUP):
            answer(session, text, team="north" if n % 2 else "south", themes=(), needs_review=True)
        unsure = answer(session, "The biscuits were nice", themes=(("caring", "positive", 0.3),))
        answer(session, "She never rings back", themes=(("communication", "negative", 0.5),))
        answer(session, "Lovely worker", themes=(("caring", "positive", 0.9),))
        seeded = {"email": officer.email, "name": officer.display_name, "unsure": unsure.public_id}
    with live_server() as base:
        yield {"base": base, **seeded}
    get_settings.cache_clear()


def left(page) -> int:
    text = page.inner_text(".review-progress")
    return int(re.search(r"([\d,]+) of [\d,]+ left", text)[1].replace(",", ""))


def test_a_group_in_one_action_then_the_keyboard_then_a_correction(browser, reviewing):
    base = reviewing["base"]
    page = sign_in(browser, base, reviewing["email"])
    page.goto(f"{base}/staff/review")
    check_accessibility(page, "review-1-group")
    assert "This answer was given 4 times" in page.inner_text("main")
    assert page.locator("[data-review-keys]").is_visible()  # the script announces its keys
    assert page.get_attribute("[data-review=accept] button", "aria-keyshortcuts") == "a"
    assert left(page) == 7
    page.evaluate("window.stillThisPage = true")  # gone if the page reloads
    page.click("button:has-text('Accept for all 4')")
    page.wait_for_selector(".notice")
    assert left(page) == 3  # the group's four, in one action
    assert "Saved on all 4 identical answers" in page.inner_text(".notice")
    assert page.evaluate("window.stillThisPage") is True
    assert page.evaluate("document.activeElement.id") == "review-question"

    # The keyboard: A accepts; typing an "a" in a box would not.
    showing = page.inner_text(".review-item .quote")
    assert showing == "The biscuits were nice"
    page.keyboard.press("s")  # skip it for now
    page.wait_for_function(
        "q => document.querySelector('.review-item .quote').textContent !== q", arg=showing
    )
    assert left(page) == 3  # skipping saves nothing
    page.keyboard.press("a")
    page.wait_for_function(
        "() => /\\b2 of [0-9,]+ left/.test(document.querySelector('.review-progress').textContent)"
    )
    assert page.evaluate("window.stillThisPage") is True
    check_accessibility(page, "review-2-after-keys")

    # Correct the skipped one, which comes back; the correction shows on its response.
    page.goto(f"{base}/staff/review/{reviewing['unsure']}/one_thing_to_change")
    page.fill("#note", "a s c")  # typing letters in a box is typing, not shortcuts
    assert "/staff/review/" in page.url
    page.check("input[name='theme-caring'][value='']")
    page.check("input[name='theme-practical_help'][value='positive']")
    page.check("input[name='sentiment'][value='positive']")
    page.click("text=Save the correction")
    page.wait_for_url("**/staff/review?done=1**")
    page.goto(f"{base}/staff/responses/{reviewing['unsure']}")
    main = page.inner_text("main")
    assert "Practical help: praise" in main and "Kindness and care" not in main
    assert f"Reviewed by {reviewing['name']} on" in main
    page.click("summary:has-text('What the analysis suggested')")
    assert "Kindness and care: praise" in page.inner_text("details.suggested")
    check_accessibility(page, "review-3-response")
    page.context.close()


@pytest.mark.parametrize("width", (1280, 768))
def test_the_review_pages_are_accessible_and_fit(browser, reviewing, width):
    base = reviewing["base"]
    page = sign_in(browser, base, reviewing["email"], width)
    for name, path in (
        ("queue", "/staff/review"),
        ("correct", f"/staff/review/{reviewing['unsure']}/one_thing_to_change"),
        ("agreement", "/staff/review/agreement"),
        ("response", f"/staff/responses/{reviewing['unsure']}"),
    ):
        assert page.goto(f"{base}{path}").status == 200, path
        # Named after the page, not its ids, so each run overwrites the last.
        check_accessibility(page, f"review-{width}-{name}")
        assert not sideways(page), f"{path} scrolls sideways at {width} px"
    page.context.close()
