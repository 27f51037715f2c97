"""The page after "Yes, I want someone to talk to me", as a phone without JavaScript uses it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.core import crypto
from api.models import Base, FormDraft, SafeguardingAlert
from tests.frontend.test_public import answer, begin, csrf

SECRET = "Sam Jones, Ysgol y Graig, 07700 900123"


def ask_for_help(client, survey="young-person", query=""):
    begin(client, survey=survey, query=query)
    said = answer(client, survey, 1, "yes_talk")
    assert said.status_code == 303
    assert said.headers["location"] == f"/f/{survey}/help-now?next=2"
    return client.get(f"/f/{survey}/help-now?next=2")


def offer(client, page, value, survey="young-person"):
    return client.post(
        f"/f/{survey}/help-now?next=2",
        data={"csrf": csrf(page), "contact": value},
        follow_redirects=False,
    )


def skip_to_the_thank_you(client, survey="young-person") -> str:
    """Leave every question after the first empty, send, and read the thank-you page."""
    for number in range(2, 20):
        page = client.get(f"/f/{survey}/{number}")
        sent = client.post(
            f"/f/{survey}/{number}",
            data={"csrf": csrf(page), "answer": ""},
            follow_redirects=False,
        )
        if sent.headers["location"].endswith("/thanks"):
            break
    return client.get(f"/f/{survey}/thanks").text


def the_alert(db) -> SafeguardingAlert:
    (alert,) = db.scalars(select(SafeguardingAlert)).all()
    return alert


def test_an_anonymous_child_is_told_honestly_and_shown_help_now(client, db):
    page = ask_for_help(client)
    assert page.status_code == 200
    assert "we do not know who you are or where you are" in page.text
    assert "So no one can come to you. Tell us who or where you are" in page.text
    assert 'href="tel:08001111"' in page.text and 'href="tel:999"' in page.text
    assert "https://www.childline.org.uk/get-support/1-2-1-counsellor-chat/" in page.text
    assert "Meic" not in page.text  # the Welsh helpline is on Welsh pages
    assert 'name="contact"' in page.text and "(you can skip this)" in page.text
    assert 'href="/f/young-person/2"' in page.text  # carry on with the questions
    assert the_alert(db).raised_by.value == "child_request"


def test_in_welsh_the_page_is_welsh_and_offers_meic(client, db):
    page = ask_for_help(client, query="?lang=cy")
    assert '<html lang="cy">' in page.text
    assert "dydyn ni ddim yn gwybod pwy wyt ti" in page.text
    assert 'href="tel:08088023456"' in page.text and "https://www.meic.cymru" in page.text
    assert "Mynd ymlaen â'r cwestiynau" in page.text


def test_a_way_to_be_reached_is_kept_encrypted_and_nowhere_in_plain_text(client, db):
    page = ask_for_help(client)
    sent = offer(client, page, SECRET)
    assert sent.status_code == 303 and "sent=1" in sent.headers["location"]
    thanked = client.get(sent.headers["location"])
    assert "will try to reach you" in thanked.text and 'name="contact"' not in thanked.text
    alert = the_alert(db)
    assert crypto.decrypt(alert.offered_contact_encrypted) == SECRET
    db.expire_all()
    for table in Base.metadata.sorted_tables:
        rows = repr(db.execute(select(table)).all())
        assert "Sam Jones" not in rows and "07700 900123" not in rows, table.name


def test_skipping_keeps_nothing_and_carries_on(client, db):
    ask_for_help(client)
    assert client.get("/f/young-person/2").status_code == 200
    assert the_alert(db).offered_contact_encrypted is None


def test_an_empty_offer_keeps_nothing_and_says_nothing_was_sent(client, db):
    page = ask_for_help(client)
    sent = offer(client, page, "   ")
    assert sent.status_code == 400
    assert "nothing was sent" in sent.text
    assert 'href="/f/young-person/2"' in sent.text  # carrying on is one press away
    assert the_alert(db).offered_contact_encrypted is None


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "Mam 😊 07700 900456", "Ysgol Gymraeg Llŷn, Dŵr"]
)
def test_any_words_are_kept_as_given(client, db, value):
    page = ask_for_help(client)
    assert offer(client, page, value).status_code == 303
    assert crypto.decrypt(the_alert(db).offered_contact_encrypted) == value


@pytest.mark.parametrize("value", ["a\x00b", "x" * 501])
def test_what_cannot_be_a_way_to_be_reached_gets_a_kind_page(client, db, value):
    page = ask_for_help(client)
    refused = offer(client, page, value)
    assert refused.status_code == 400 and "There is a problem" in refused.text
    assert the_alert(db).offered_contact_encrypted is None


def test_ten_megabytes_get_a_friendly_413(client, db):
    page = ask_for_help(client)
    huge = offer(client, page, "x" * 10_000_000)
    assert huge.status_code == 413 and "too much to send" in huge.text


def test_a_post_without_the_forms_token_is_refused_kindly(client, db):
    ask_for_help(client)
    forged = client.post("/f/young-person/help-now?next=2", data={"contact": SECRET})
    assert forged.status_code == 403 and "This page has timed out" in forged.text
    assert the_alert(db).offered_contact_encrypted is None


def test_without_asking_the_page_goes_on_to_the_questions(client, db):
    begin(client)
    answer(client, "young-person", 1, "no")
    shown = client.get("/f/young-person/help-now?next=2", follow_redirects=False)
    assert shown.status_code == 303 and shown.headers["location"] == "/f/young-person/2"
    assert client.get("/f/young-person/help-now", follow_redirects=False).status_code == 303


def test_a_bad_next_number_is_harmless(client, db):
    ask_for_help(client)
    for junk in ("999", "-1", "abc", "2%00"):
        page = client.get(f"/f/young-person/help-now?next={junk}")
        assert page.status_code == 200 and 'href="/f/young-person/1"' in page.text


def test_an_invited_child_is_told_the_team_will_try_to_get_in_touch(client, db):
    begin(client)
    draft = db.scalar(select(FormDraft))
    draft.context = {**draft.context, "invitation": "inv-1"}  # as a personal link sets it
    db.flush()
    answer(client, "young-person", 1, "yes_talk")
    page = client.get("/f/young-person/help-now?next=2")
    assert "We have told the team whose job is keeping children safe" in page.text
    assert 'name="contact"' not in page.text and 'href="tel:08001111"' in page.text


def test_a_parent_gets_the_front_door_and_out_of_hours_numbers(client, db):
    page = ask_for_help(client, survey="parent-carer")
    assert "Childline" not in page.text.split("<aside")[0]
    assert 'href="tel:01632960001"' in page.text and 'href="tel:01632960002"' in page.text
    assert "If a child is in danger now, call" in page.text
    assert "phone number or email address" in page.text


def test_the_thank_you_says_again_that_nobody_can_come_to_an_anonymous_child(client, db):
    ask_for_help(client)
    thanks = skip_to_the_thank_you(client)
    assert "we do not know who you are or where you are" in thanks
    assert "call or chat to Childline" in thanks


def test_the_thank_you_says_someone_will_try_when_they_left_a_way(client, db):
    page = ask_for_help(client)
    offer(client, page, SECRET)
    thanks = skip_to_the_thank_you(client)
    assert "Someone will try to get in touch with you soon" in thanks
