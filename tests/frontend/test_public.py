"""The public web form, as a phone without JavaScript would use it."""

import re
from html import unescape

from sqlalchemy import func, select

from api.models import Answer, FormDraft, Response
from api.models.enums import Channel, Language
from tests import factories


def csrf(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def begin(client, survey="young-person", query=""):
    start = client.get(f"/f/{survey}{query}")
    assert start.status_code == 200
    return client.post(
        f"/f/{survey}/start{query}", data={"csrf": csrf(start)}, follow_redirects=False
    )


def answer(client, survey, number, value, who_reads="", **extra):
    """Answer one question; on a young person's form, the last answer after words were
    written goes on through the one choice of who reads them (`who_reads`, skipped when
    empty), which sends, as a child's would."""
    page = client.get(f"/f/{survey}/{number}")
    posted = client.post(
        f"/f/{survey}/{number}",
        data={"csrf": csrf(page), "answer": value, **extra},
        follow_redirects=False,
    )
    if posted.headers.get("location", "").endswith("/who-reads"):
        return choose_who_reads(client, survey, who_reads)
    return posted


def choose_who_reads(client, survey, value=""):
    page = client.get(f"/f/{survey}/who-reads")
    assert page.status_code == 200
    return client.post(
        f"/f/{survey}/who-reads",
        data={"csrf": csrf(page), "who_reads": value},
        follow_redirects=False,
    )


def count(db, model=Response):
    return db.scalar(select(func.count()).select_from(model))


def test_the_start_page_says_what_happens_and_where_to_get_help(client):
    page = client.get("/f/young-person")
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert "You do not have to give your name." in page.text
    assert "0800 1111" in page.text and "999" in page.text
    assert "we will tell people who keep children safe" in page.text
    assert "This form does not tell us who you are" in page.text


def test_a_young_person_answers_one_question_a_page_and_it_arrives_through_intake(client, db):
    factories.team(db, "front-door")
    started = begin(client, query="?team=front-door&point=closure")
    assert started.headers["location"] == "/f/young-person/1"
    safety = client.get("/f/young-person/1")
    assert "Question 1 of 9" in safety.text
    assert "Are you worried or scared right now?" in safety.text
    assert "Yes, I want someone to talk to me" in safety.text
    assert answer(client, "young-person", 1, "no").headers["location"] == "/f/young-person/2"
    first = client.get("/f/young-person/2")
    assert "Question 2 of 9" in first.text and "My worker listened to me" in first.text
    assert "Very happy" in first.text  # every face has words
    for number, value in enumerate(["5", "4", "3", "not_applicable", "5"], start=2):
        assert answer(client, "young-person", number, value).status_code == 303
    answer(client, "young-person", 7, "She took me bowling <script>alert(1)</script>")
    answer(client, "young-person", 8, "")
    done = answer(client, "young-person", 9, "to see my nan more 😊")
    assert done.headers["location"] == "/f/young-person/thanks"
    stored = db.scalar(select(Response))
    assert (stored.channel, stored.language) == (Channel.web, Language.en)
    assert stored.team_id is not None and stored.collection_point_id is not None
    texts = set(db.scalars(select(Answer.text).where(Answer.text.is_not(None))))
    assert texts == {"She took me bowling <script>alert(1)</script>", "to see my nan more 😊"}


def test_sending_twice_stores_one_response(client, db):
    begin(client, survey="young-person-under-8")
    for number in range(1, 7):
        answer(client, "young-person-under-8", number, "5" if 2 <= number <= 4 else "")
    last = client.get("/f/young-person-under-8/7")
    for _ in range(2):  # a double click, or the back button and send again
        sent = client.post(
            "/f/young-person-under-8/7",
            data={"csrf": csrf(last), "answer": "a dog"},
            follow_redirects=False,
        )
        assert sent.headers["location"] == "/f/young-person-under-8/thanks"
    assert count(db) == 1
    again = client.get("/f/young-person-under-8/7")  # after sending: straight to thanks
    assert again.url.path.endswith("/thanks")


def test_the_form_in_welsh_is_welsh_all_through_and_stored_as_welsh(client, db):
    begin(client, survey="young-person-under-8", query="?lang=cy")
    safety = client.get("/f/young-person-under-8/1")
    assert "Wyt ti&#39;n poeni neu&#39;n ofnus ar hyn o bryd?" in safety.text
    assert "Ydw, dwi eisiau i rywun siarad gyda fi" in safety.text
    page = client.get("/f/young-person-under-8/2")
    assert '<html lang="cy">' in page.text
    assert "Mae fy ngweithiwr yn gwrando arna i" in page.text
    assert "Angen help nawr?" in page.text and "Parhau" in page.text
    assert 'hreflang="en"' in page.text  # a way back to English on every page
    for number in range(1, 8):
        answer(client, "young-person-under-8", number, "3" if 2 <= number <= 4 else "")
    # Nothing typed in the last three: still one stored response, in Welsh.
    assert db.scalar(select(Response.language)) is Language.cy


def test_a_missing_choice_answer_is_skipped_but_a_made_up_one_is_shown_kindly(client, db):
    begin(client)
    assert answer(client, "young-person", 1, "").status_code == 303  # every question optional
    wrong = answer(client, "young-person", 3, "11")
    assert wrong.status_code == 400
    assert "There is a problem" in wrong.text and "Choose one answer" in wrong.text
    assert 'href="#answer-worker_explained"' in wrong.text


def test_script_typed_into_a_text_box_is_shown_back_as_text(client, db):
    begin(client)
    answer(client, "young-person", 7, "<script>alert(1)</script>")
    page = client.get("/f/young-person/7")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_a_post_without_the_forms_token_gets_a_friendly_page_and_stores_nothing(client, db):
    begin(client)
    forged = client.post("/f/young-person/2", data={"answer": "5"})
    assert forged.status_code == 403
    assert "This page has timed out" in forged.text
    assert db.scalar(select(FormDraft.answers)) == {}


def test_the_honeypot_catches_software_and_stores_nothing(client, db):
    begin(client)
    caught = answer(client, "young-person", 2, "5", website="http://spam.example")
    assert caught.headers["location"] == "/f/young-person/thanks"
    assert db.scalar(select(FormDraft.answers)) == {}


def test_unknown_surveys_and_links_get_friendly_pages(client):
    assert "Page not found" in client.get("/f/no-such-survey").text
    assert client.get("/f/no-such-survey").status_code == 404
    bad_team = begin(client, query="?team=nowhere")
    assert bad_team.status_code == 404 and "Page not found" in bad_team.text


def test_a_huge_answer_gets_a_friendly_413(client):
    begin(client)
    page = client.get("/f/young-person/7")
    huge = client.post("/f/young-person/7", data={"csrf": csrf(page), "answer": "x" * 2_000_000})
    assert huge.status_code == 413 and "too much to send" in huge.text


def test_too_many_posts_from_one_client_get_a_friendly_429(client, monkeypatch):
    from api.core.config import get_settings
    from api.main import create_app

    monkeypatch.setenv("YOUSAID_FORM_POSTS_PER_10_MINUTES", "2")
    get_settings.cache_clear()
    try:
        from fastapi.testclient import TestClient

        app = create_app()
        app.state.sessions = client.app.state.sessions
        with TestClient(app) as limited:
            codes = [limited.post("/f/young-person/start", data={}).status_code for _ in range(3)]
    finally:
        get_settings.cache_clear()
    assert codes[-1] == 429


def test_coming_back_on_the_same_phone_asks_before_carrying_on_where_you_left_off(client, db):
    begin(client)
    answer(client, "young-person", 1, "no")
    answer(client, "young-person", 2, "4")
    again = client.get("/f/young-person")  # opens the poster link again
    assert "Carry on where you left off, or start again" in again.text
    carried = client.post(
        "/f/young-person/resume",
        data={"csrf": csrf(again), "choice": "carry_on"},
        follow_redirects=False,
    )
    assert carried.headers["location"] == "/f/young-person/3"
    assert count(db, FormDraft) == 1


def test_a_form_left_unfinished_becomes_a_partial_response_and_its_draft_is_emptied(client, db):
    from datetime import UTC, datetime, timedelta

    from api.forms.service import finish_stale
    from api.models.enums import Completeness

    begin(client)
    answer(client, "young-person", 2, "5")
    answer(client, "young-person", 7, "she was kind")
    begin(client, survey="parent-carer")  # opened and never answered
    for draft in db.scalars(select(FormDraft)):
        draft.updated_at = datetime.now(UTC) - timedelta(days=3)
    db.flush()
    finish_stale(db, {})
    stored = db.scalar(select(Response))
    assert stored.completeness is Completeness.partial
    assert count(db, Answer) == 2
    remaining = db.scalars(select(FormDraft)).all()
    assert [d.answers for d in remaining] == [{}]  # the empty draft went; no copy kept
    assert client.get("/f/young-person/3").url.path.endswith("/thanks")


def test_the_councils_logo_and_colour_come_from_settings(client, monkeypatch, tmp_path):
    from api.core.config import get_settings

    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    monkeypatch.setenv("YOUSAID_LOGO_FILE", str(logo))
    monkeypatch.setenv("YOUSAID_BRAND_COLOUR", "#006435")
    monkeypatch.setenv("YOUSAID_COUNCIL_NAME", "Cyngor Sir Enghraifft")
    get_settings.cache_clear()
    try:
        page = client.get("/f/young-person").text
        served = client.get("/branding/logo")
        colours = client.get("/branding/colours.css").text
    finally:
        get_settings.cache_clear()
    assert '<img class="logo" src="/branding/logo" alt="">' in page
    assert "Cyngor Sir Enghraifft" in page
    assert "--brand: #006435" in colours
    assert served.headers["content-type"] == "image/svg+xml"


def test_without_a_logo_there_is_none(client):
    assert client.get("/branding/logo").status_code == 404
    assert "/branding/logo" not in client.get("/f/young-person").text


def test_a_name_is_stored_only_when_given_and_hidden_from_the_text_others_see(client, db):
    from api.answer_analysis import service as answer_analysis
    from api.models import AnswerAnalysis

    start = client.get("/f/young-person")
    assert 'autocomplete="off"' in start.text and "(you can skip this)" in start.text
    client.post(
        "/f/young-person/start",
        data={"csrf": csrf(start), "respondent_name": "  Kayleigh Jones "},
    )
    for number in range(1, 10):
        answer(client, "young-person", number, "" if number < 7 else "I'm Kayleigh, she helped")
    stored = db.scalar(select(Response))
    assert stored.respondent_name == "Kayleigh Jones"
    assert db.scalar(select(FormDraft.context))["respondent_name"] is None  # one copy only
    answer_analysis.analyse_response(db, response_id=stored.id)
    assert "Kayleigh" not in db.scalar(select(AnswerAnalysis.redacted_text))
    # The thank-you page must not then say "we do not know who you are".
    thanks = unescape(client.get("/f/young-person/thanks").text)
    assert "We do not know who you are" not in thanks
    assert "You gave us your name. So the people who read your answers will know" in thanks


def test_without_a_name_the_answer_is_anonymous(client, db):
    begin(client, survey="young-person-under-8")
    for number in range(1, 8):
        answer(client, "young-person-under-8", number, "5" if number == 2 else "")
    assert db.scalar(select(Response.respondent_name)) is None


def test_without_a_name_the_thank_you_page_says_we_do_not_know_who_you_are(client, db):
    begin(client, survey="young-person")
    for number in range(1, 10):
        answer(client, "young-person", number, "5" if number == 2 else "")
    thanks = unescape(client.get("/f/young-person/thanks").text)
    assert "We do not know who you are, so no one can contact you" in thanks


def test_the_thank_you_page_opened_before_anything_was_sent_goes_to_the_form(client, db):
    opened = client.get("/f/young-person/thanks?lang=cy", follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/f/young-person?lang=cy"
