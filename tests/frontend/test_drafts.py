"""The timed-out page (a form post without the form's token) says the answers so far are
saved only when this browser's draft holds some, in the reader's language and register."""

from __future__ import annotations

import html

from tests.frontend.test_public import answer, begin

SAVED = "Your answers so far are saved."


def forged(client, number: int = 2):
    return client.post(f"/f/young-person/{number}", data={"csrf": "forged", "answer": "5"})


def test_timed_out_with_answers_in_the_draft_says_they_are_saved(client):
    begin(client)
    answer(client, "young-person", 1, "no")
    page = forged(client)
    assert page.status_code == 403 and "This page has timed out" in page.text
    assert f"{SAVED} Please try again." in page.text


def test_timed_out_before_anything_is_answered_says_start_again_not_saved(client):
    begin(client)
    page = forged(client)
    assert page.status_code == 403 and "This page has timed out" in page.text
    assert "Please start again." in page.text and SAVED not in page.text


def test_timed_out_with_no_draft_at_all_claims_nothing(client):
    page = forged(client)
    assert page.status_code == 403 and SAVED not in page.text


def test_timed_out_in_welsh_speaks_to_a_child_with_the_switch_and_the_exit(client):
    begin(client, query="?lang=cy")
    answer(client, "young-person", 1, "no")
    page = forged(client)
    words = html.unescape(page.text)
    assert "Mae'r dudalen hon wedi dod i ben" in words
    assert "Mae dy atebion hyd yma wedi'u cadw. Rho gynnig arall arni." in words
    assert 'href="/f/young-person/2?lang=en"' in page.text
    assert 'href="/f/young-person/exit"' in page.text


def test_timed_out_in_welsh_with_nothing_saved_says_start_again_as_to_a_child(client):
    begin(client, query="?lang=cy")
    page = forged(client)
    words = html.unescape(page.text)
    assert "Dechreua eto, os gweli di'n dda." in words and "wedi'u cadw" not in words
