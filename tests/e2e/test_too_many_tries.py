"""A child pressing Continue again and again on a school's network: the too-many-tries page
says their answers are kept, in their language, with "Exit this page" and the language
switch; a page that has timed out says the same only when it is true. At 1280 and 768 px,
axe-core finds nothing serious or critical."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from tests import factories
from tests.e2e.test_young_person_form import check_accessibility
from tests.live import live_server

WIDTHS = [1280, 768]


@pytest.fixture
def two_posts_a_draft(fresh_database, use_database, monkeypatch) -> Iterator[str]:
    monkeypatch.setenv("YOUSAID_FORM_POSTS_PER_DRAFT_PER_10_MINUTES", "2")
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        factories.team(session, "front-door")
    with live_server() as base:
        yield base


def answer_no_then_the_first_face(page, base: str) -> None:
    page.goto(f"{base}/f/young-person?team=front-door")
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/1")
    page.locator(".radio label", has_text=re.compile(r"^\s*No\s*$")).click()
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/2")
    page.locator(".radio label").first.click()
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/3")


@pytest.mark.parametrize("width", WIDTHS)
def test_too_many_tries_keeps_the_childs_answers_exit_and_language(
    browser, two_posts_a_draft, width
):
    base = two_posts_a_draft
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    answer_no_then_the_first_face(page, base)
    page.locator(".radio label").first.click()
    page.click("button[type=submit]")  # the draft's third post: one too many
    assert page.locator("h1").inner_text() == "Too many tries"
    assert "Your answers so far are saved." in page.locator("main").inner_text()
    assert page.locator("[data-exit-link]").is_visible()
    check_accessibility(page, f"too-many-tries-{width}")
    page.click("a.language")  # Cymraeg: back to the question, in Welsh
    page.wait_for_url("**/young-person/3?lang=cy")
    assert page.get_attribute("html", "lang") == "cy"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_timed_out_page_in_welsh_says_saved_only_when_it_is(browser, two_posts_a_draft, width):
    base = two_posts_a_draft
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{base}/f/young-person?team=front-door&lang=cy")
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/1")
    context.clear_cookies(name="ys_csrf")  # the form's token is gone: the page has timed out
    page.locator(".radio label").first.click()
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Mae'r dudalen hon wedi dod i ben"
    main = page.locator("main").inner_text()
    assert "Dechreua eto" in main and "wedi'u cadw" not in main  # nothing was answered
    assert page.locator("a.language").inner_text() == "English"
    assert page.locator("[data-exit-link]").is_visible()
    check_accessibility(page, f"timed-out-cy-{width}")
    context.close()
