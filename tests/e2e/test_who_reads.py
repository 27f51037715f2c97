"""A child's say over who reads their words, in a real browser (decision 44): on a phone, by
keyboard, they write two answers and, once before sending, choose "the children's rights team
only" for both; one holds a disclosure. Their worker, signed in, cannot read either; the duty
team's email is written and the duty worker reads the words on the alert's page. Every page
passes axe-core; screenshots are kept."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Answer, Response
from api.models.enums import Role, Visibility
from tests import factories
from tests.e2e.test_asking_for_help import duty, wait_for_alert, wait_for_email  # noqa: F401
from tests.e2e.test_young_person_form import check_accessibility, tab_to
from tests.factories import STAFF_PASSWORD
from tests.live import live_server

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PRIVATE = "I want to live with my nan and not here"
DISCLOSURE = "my step dad hits me when mum is out"


@pytest.fixture
def served(fresh_database, use_database) -> Iterator[dict]:
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        factories.team(session, "front-door")
        worker = factories.staff_user(session, Role.practitioner, ["front-door"])
        duty_worker = factories.staff_user(session, Role.manager, ["front-door"])
        emails = {"worker": worker.email, "duty": duty_worker.email}
    with live_server() as base:
        yield {"base": base, "database": fresh_database, **emails}


def sign_in(browser, base: str, email: str):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{base}/staff/login")
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    return page


def write(page, number: int, words: str) -> None:
    page.wait_for_url(f"**/young-person/{number}")
    tab_to(page, "textarea")
    page.keyboard.type(words)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")


def keep_for_the_rights_team_and_send(page) -> None:
    """The one choice, before sending, for everything they wrote (decision 44's addendum)."""
    page.wait_for_url("**/young-person/who-reads")
    check_accessibility(page, "who-reads")
    main = page.inner_text("main")
    assert "Who can read what you wrote?" in main
    assert "This is for all the answers you wrote." in main
    assert "we will tell people who keep children safe" in main
    tab_to(page, "input[type=radio]")
    page.keyboard.press("ArrowDown")  # moves to, and chooses, the second: rights team only
    assert page.is_checked("input[value=rights_team]")
    tab_to(page, "button[type=submit]")
    assert page.inner_text("button[type=submit]") == "Send my answers"
    page.keyboard.press("Enter")


def test_the_childs_choice_keeps_their_words_from_their_worker_but_not_from_the_duty_team(
    browser,
    served,
    duty,  # noqa: F811 (the duty team's email and a worker, started once the server is)
):
    base, database = served["base"], served["database"]
    child = browser.new_context(viewport=PHONE).new_page()
    child.goto(f"{base}/f/young-person?team=front-door")
    tab_to(child, "button[type=submit]")
    child.keyboard.press("Enter")
    child.wait_for_url("**/young-person/1")
    child.goto(f"{base}/f/young-person/8")  # the worries page
    typed_at = time.monotonic()
    write(child, 8, DISCLOSURE)
    write(child, 9, PRIVATE)  # the last: the choice comes next, once, for both
    keep_for_the_rights_team_and_send(child)
    child.wait_for_url("**/young-person/thanks")
    child.context.close()

    with Session(database.engine) as session:
        stored = session.scalar(select(Response))
        assert stored is not None
        chosen = set(session.scalars(select(Answer.visibility).where(Answer.text.is_not(None))))
        public_id = stored.public_id
    assert chosen == {Visibility.rights_team}
    alert = wait_for_alert(database, typed_at)
    wait_for_email(duty, typed_at)

    # Their worker: the response is theirs to see, the words are not.
    page = sign_in(browser, base, served["worker"])
    page.goto(f"{base}/staff/responses/{public_id}")
    check_accessibility(page, "who-reads-practitioner")
    main = page.inner_text("main")
    assert "Only the children's rights team can read this: the child chose that." in main
    assert "nan" not in main and "hits me" not in main
    page.goto(f"{base}/staff/responses")
    assert "nan" not in page.inner_text("main") and "hits" not in page.inner_text("main")
    page.context.close()

    # The duty worker: the alert's words, whatever the child chose.
    page = sign_in(browser, base, served["duty"])
    page.goto(f"{base}/staff/alerts/{alert.public_id}?words=1")
    check_accessibility(page, "who-reads-duty-alert")
    assert DISCLOSURE in page.inner_text("main")
    page.context.close()
