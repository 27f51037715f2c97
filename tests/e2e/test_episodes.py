"""A manager reads one closure heard from every side: the young person said "no one asked me"
while the parent said they were involved in plans. The Episodes page and the episode's page
pass axe-core and fit at 1280 px and 390 px, in English and in Welsh; a practitioner is not
offered them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditEvent, Episode, Invitation
from api.models.enums import Role
from tests import factories
from tests.api.episodes.test_episodes import answer, case_event
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server


@pytest.fixture
def closure(fresh_database, use_database) -> Iterator[dict]:
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        manager = factories.staff_user(session, Role.manager, ["north-cin"]).email
        practitioner = factories.staff_user(session, Role.practitioner, ["north-cin"]).email
        case_event(
            session,
            "e-1",
            [
                {"role": "young_person", "phone": "07700 900501"},
                {"role": "parent", "phone": "07700 900502"},
            ],
            case_ref="C-4410",
        )
        invitations = session.scalars(select(Invitation).order_by(Invitation.id)).all()
        young = next(i for i in invitations if i.contact_role.value == "young_person")
        parent = next(i for i in invitations if i.contact_role.value == "parent")
        answer(session, young, "young-person", {"worker_listened": 5, "said_what_i_wanted": 1})
        answer(
            session,
            parent,
            "parent-carer",
            factories.parent_answers(listened_to=5, involved_in_plans=5),
        )
        episode = session.scalar(select(Episode.public_id))
    with live_server() as base:
        yield {
            "base": base,
            "manager": manager,
            "practitioner": practitioner,
            "episode": episode,
            "db": fresh_database,
        }


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/staff/login")
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")


def fits(page, width: int, step: str) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide, f"{step} scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_manager_reads_where_the_child_and_the_parent_differ(browser, closure, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    name = f"episodes-{width}"
    sign_in(page, closure["base"], closure["manager"])
    if width < 700:
        page.click("nav.staff-nav summary")  # on a phone the pages are under the Menu
    page.click("nav a:has-text('Episodes')")
    page.wait_for_url("**/staff/episodes")
    check_accessibility(page, f"{name}-1-list")
    fits(page, width, "list")
    page.click("a:has-text('C-4410')")
    page.wait_for_url(f"**/staff/episodes/{closure['episode']}")
    check_accessibility(page, f"{name}-2-episode")
    fits(page, width, "episode")
    involved = page.locator("tr", has_text="Involved in plans").inner_text()
    assert "They differ" in involved and "1 of 5" in involved and "5 of 5" in involved
    assert "They agree" in page.locator("tr", has_text="Listened to").first.inner_text()
    page.screenshot(path=f"test-artifacts/{name}.png", full_page=True)

    # The same page in Welsh: the topics and the people by their Welsh names.
    page.click("button[name=language][value=cy]")
    page.wait_for_selector("html[lang=cy]")
    assert "Cymryd rhan yn y cynlluniau" in page.inner_text("main")
    assert "Person ifanc" in page.inner_text("main")
    check_accessibility(page, f"{name}-3-welsh")
    fits(page, width, "episode in Welsh")
    context.close()
    with Session(closure["db"].engine) as session:
        views = session.scalars(select(AuditEvent).where(AuditEvent.action == "episode.view"))
        assert {v.object_id for v in views} == {closure["episode"]}


def test_a_practitioner_is_not_offered_episodes(browser, closure):
    page = browser.new_page()
    sign_in(page, closure["base"], closure["practitioner"])
    page.goto(f"{closure['base']}/staff")
    assert page.locator("nav a:has-text('Episodes')").count() == 0
    answer_page = page.goto(f"{closure['base']}/staff/episodes/{closure['episode']}")
    assert answer_page is not None and answer_page.status == 403
