"""The public pages' frame after a post: the language switch and "Exit this page" stay on a
shown-back answer, a timed-out page and a too-many-tries page, and the too-many-tries page
says the answers are saved only when they are."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from api.core.config import get_settings
from api.main import create_app
from tests.frontend.test_public import answer, begin, csrf


@pytest.fixture
def one_post_a_draft(client, monkeypatch):
    """The app with a draft allowed a single post, on the test's database."""
    monkeypatch.setenv("YOUSAID_FORM_POSTS_PER_DRAFT_PER_10_MINUTES", "1")
    get_settings.cache_clear()
    app = create_app()
    app.state.sessions = client.app.state.sessions
    yield TestClient(app, raise_server_exceptions=False)
    get_settings.cache_clear()


def test_an_answer_shown_back_with_its_error_keeps_the_language_switch(client):
    begin(client)
    page = client.get("/f/young-person/2")
    wrong = client.post("/f/young-person/2", data={"csrf": csrf(page), "answer": "seven"})
    assert wrong.status_code == 400 and "Choose one answer" in wrong.text
    assert 'href="/f/young-person/2?lang=cy"' in wrong.text
    assert 'href="/f/young-person/exit"' in wrong.text


def test_the_too_many_tries_page_in_welsh_speaks_to_a_child_and_switches_to_english(
    one_post_a_draft,
):
    browser = one_post_a_draft
    begin(browser, query="?lang=cy")
    assert answer(browser, "young-person", 1, "no").status_code == 303
    refused = answer(browser, "young-person", 2, "5")
    assert refused.status_code == 429
    assert '<html lang="cy">' in refused.text and "Gormod o ymdrechion" in refused.text
    assert (
        "Mae dy atebion hyd yma wedi'u cadw. Arhosa ychydig funudau a rho gynnig arall arni."
        in html.unescape(refused.text)
    )
    assert 'href="/f/young-person/2?lang=en"' in refused.text and ">English</a>" in refused.text
    assert "Gadael y dudalen hon" in refused.text  # Exit this page, in Welsh


def test_the_too_many_tries_page_does_not_say_answers_are_saved_before_there_are_any(
    one_post_a_draft,
):
    browser = one_post_a_draft
    begin(browser)
    answer(browser, "young-person", 8, "")  # an optional question left empty: nothing saved
    refused = answer(browser, "young-person", 8, "")
    assert refused.status_code == 429
    assert "Please wait a few minutes and try again." in refused.text
    assert "saved" not in refused.text


def test_a_page_that_only_takes_posts_switches_language_to_the_forms_start(client):
    timed_out = client.post("/f/young-person/start?team=front-door", data={})
    assert timed_out.status_code == 403
    assert 'href="/f/young-person?team=front-door&amp;lang=cy"' in timed_out.text
