"""A reception tablet: a child answers the young person's form and walks away; the next child
picks the tablet up. They are asked "carry on or start again", start again, and never see the
first child's words. "Exit this page" (and Shift three times) leaves at once. On a phone and a
wide screen, with JavaScript on and off; axe-core finds nothing serious or critical."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Answer
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_young_person_form import check_accessibility

WORDS = "My step dad hits me when mum is out"
NEUTRAL = "https://www.bbc.co.uk/weather"
SIZES = {"phone": {"width": 360, "height": 740}, "wide": {"width": 1280, "height": 800}}


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def new_page(browser, size: str, javascript: bool):
    context = browser.new_context(viewport=SIZES[size], java_script_enabled=javascript)
    # No internet here: the neutral site is answered locally.
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<h1>Weather</h1>"))
    return context, context.new_page()


def left_for_the_neutral_site(page) -> None:
    """Poll rather than wait_for_url: Chromium's first try at the redirect's target is not
    routed (no internet here) and fails before the routed one loads."""
    for _ in range(100):
        if page.url.startswith(NEUTRAL):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still on {page.url}")


def first_child_answers_and_walks_away(page, base: str) -> None:
    page.goto(f"{base}/f/young-person")
    page.click("button[type=submit]")
    # Question 1 asks whether anything is worrying them now: this child says no.
    page.wait_for_url("**/young-person/1")
    page.locator(".radio label", has_text=re.compile(r"^\s*No\s*$")).click()
    page.click("button[type=submit]")
    for number in range(2, 7):
        page.wait_for_url(f"**/young-person/{number}")
        page.locator(".radio label").first.click()
        page.click("button[type=submit]")
    page.wait_for_url("**/young-person/7")
    page.fill("textarea", WORDS)
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/8")  # who reads it is asked once, before sending


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", ["phone", "wide"])
def test_the_next_child_on_a_shared_tablet_never_sees_the_last_ones_words(
    browser, live, size, javascript
):
    base, (database, _) = live
    context, page = new_page(browser, size, javascript)
    name = f"shared-{size}-{'js' if javascript else 'nojs'}"
    first_child_answers_and_walks_away(page, base)

    page.goto(f"{base}/f/young-person")  # the next child opens the form
    assert page.locator("h1").inner_text() == "Carry on where you left off, or start again"
    assert page.get_by_role("button", name="Carry on").is_visible()
    assert WORDS not in page.content()
    shot(page, f"{name}-resume")
    if javascript:
        check_accessibility(page, f"{name}-resume-full")
    page.get_by_role("button", name="Start again").click()
    page.wait_for_url("**/f/young-person")
    assert page.get_by_role("link", name="Exit this page").is_visible()
    shot(page, f"{name}-start")
    page.click("form button[type=submit]")
    page.wait_for_url("**/young-person/1")
    assert page.locator("input[type=radio]:checked").count() == 0
    shot(page, f"{name}-question")
    if javascript:
        check_accessibility(page, f"{name}-question-full")
    page.goto(f"{base}/f/young-person/7")
    assert page.locator("textarea").input_value() == ""
    assert WORDS not in page.content()
    assert "You wrote something here before" not in page.content()
    shot(page, f"{name}-free-text")
    context.close()

    with Session(database.engine) as session:  # the first child's words were kept
        assert WORDS in session.scalars(select(Answer.text)).all()


@pytest.mark.parametrize("size", ["phone", "wide"])
def test_shift_three_times_leaves_the_page_and_back_does_not_return(browser, live, size):
    base, _ = live
    context, page = new_page(browser, size, javascript=True)
    first_child_answers_and_walks_away(page, base)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert "press 1 more time" in page.locator("[data-exit-status]").inner_text()
    page.keyboard.press("Shift")
    left_for_the_neutral_site(page)
    page.go_back()
    page.wait_for_load_state()
    # Back lands on the question before, which without the draft is the start page.
    assert page.url.endswith("/f/young-person")
    assert WORDS not in page.content()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_exit_button_leaves_with_or_without_javascript(browser, live, javascript):
    base, _ = live
    context, page = new_page(browser, "phone", javascript)
    page.goto(f"{base}/f/parent-carer")
    shot(page, f"parent-start-{'js' if javascript else 'nojs'}")
    page.get_by_role("link", name="Exit this page").click()
    left_for_the_neutral_site(page)
    context.close()


def test_welsh_child_pages_show_meic_and_pass_axe(browser, live):
    base, _ = live
    context, page = new_page(browser, "phone", javascript=True)
    page.goto(f"{base}/f/young-person?lang=cy")
    assert page.locator("a[href='tel:08088023456']").count() == 1
    check_accessibility(page, "shared-cy-start")
    shot(page, "shared-cy-start-first-screen")
    page.click("form button[type=submit]")
    page.wait_for_url("**/young-person/1")
    check_accessibility(page, "shared-cy-question")
    shot(page, "shared-cy-question-first-screen")
    context.close()
