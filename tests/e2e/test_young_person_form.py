"""A child scans a poster on a cheap phone and answers by keyboard alone, in English and Welsh;
every page passes axe-core with no serious or critical violations."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import CollectionPoint, Response, Team
from api.models.enums import Audience, Channel, Language
from tests.e2e.conftest import ARTIFACTS, AXE

PHONE = {"width": 360, "height": 740}


def check_accessibility(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    # Evaluated, not added as a <script>: the public pages' CSP allows no inline script.
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{name}: {serious}"


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element is focused: how a keyboard user gets there."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with Tab")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_child_completes_the_form_by_keyboard_from_a_poster(browser, live, language):
    base, (database, codes) = live
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/q/{codes[language]}")
    assert page.get_attribute("html", "lang") == language
    check_accessibility(page, f"{language}-start")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person/1")
    for number in range(1, 10):
        page.wait_for_url(f"**/young-person/{number}")
        check_accessibility(page, f"{language}-question-{number}")
        if page.locator("textarea").count():
            tab_to(page, "textarea")
            page.keyboard.type("She listened to me 😊" if number == 7 else "")
        elif number == 1:  # the safety question: "No" (tests/e2e/test_asking_for_help.py: yes)
            tab_to(page, "input[type=radio]")
            page.keyboard.press("ArrowDown")  # moves to, and chooses, the second answer
        else:
            tab_to(page, "input[type=radio]")
            page.keyboard.press("Space")  # choose the first option: the happiest face
        tab_to(page, "button[type=submit]")
        page.keyboard.press("Enter")
    # Words were written (on question 7): once, before sending, who may read them (skipped:
    # my worker). Asked after no single answer (decision 44's addendum).
    page.wait_for_url("**/young-person/who-reads")
    check_accessibility(page, f"{language}-who-reads")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/young-person/thanks")
    check_accessibility(page, f"{language}-thanks")
    context.close()

    with Session(database.engine) as session:
        stored = session.scalar(select(Response))
        assert stored.channel is Channel.qr
        assert stored.audience is Audience.young_person
        assert stored.language is Language(language)
        assert session.scalar(select(Team.slug).where(Team.id == stored.team_id)) == "front-door"
        assert (
            session.scalar(
                select(CollectionPoint.key).where(CollectionPoint.id == stored.collection_point_id)
            )
            == "closure"
        )


def test_error_and_closed_pages_are_accessible_too(browser, live):
    base, _ = live
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/q/notacode")
    check_accessibility(page, "not-found")
    page.goto(f"{base}/you-said-we-did")
    check_accessibility(page, "you-said-we-did")
    page.goto(f"{base}/")
    check_accessibility(page, "home")
    page.goto(f"{base}/f/young-person")
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/1")
    # A made-up answer is impossible from the page, so post one as a broken client would.
    with page.expect_navigation():
        page.evaluate("""() => { const f = document.querySelector('form');
            const i = document.createElement('input'); i.type='hidden'; i.name='answer';
            i.value='9'; f.appendChild(i); f.submit(); }""")
    assert "There is a problem" in page.content()
    check_accessibility(page, "question-error")
    context.close()
