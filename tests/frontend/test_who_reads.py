"""A young person who wrote something chooses once, before sending, who can read it all
(decision 44 and its addendum): a page of its own, optional, in English and Welsh (ti),
saying the one exception; the choice is stored on each written answer and the staff pages
keep to it."""

from html import unescape

from sqlalchemy import select

from api.models import Answer, FormDraft, Response
from api.models.enums import Role, Visibility
from tests import factories
from tests.frontend.test_public import answer, begin, choose_who_reads, count, csrf
from tests.staff_pages import signed_in

WORDS = "I want to live with my nan"


def chosen(db) -> dict[str, Visibility | None]:
    return dict(
        db.execute(select(Answer.text, Answer.visibility).where(Answer.text.is_not(None))).all()
    )


def test_the_choice_is_asked_once_before_sending_whatever_was_written(client, db):
    begin(client)
    # Words on two pages: no page of choosing after either, only the next question.
    assert answer(client, "young-person", 7, "The trips were fun").headers["location"] == (
        "/f/young-person/8"
    )
    assert answer(client, "young-person", 8, WORDS).headers["location"] == "/f/young-person/9"
    last = client.get("/f/young-person/9")
    assert "Send my answers" not in last.text and "Continue" in last.text  # the choice follows
    posted = client.post(
        "/f/young-person/9", data={"csrf": csrf(last), "answer": ""}, follow_redirects=False
    )
    assert posted.headers["location"] == "/f/young-person/who-reads"
    assert count(db, Response) == 0  # nothing is sent before the choice
    shown = client.get("/f/young-person/who-reads")
    assert "Who can read what you wrote?" in shown.text and "(you can skip this)" in shown.text
    assert "This is for all the answers you wrote." in shown.text
    for option in ("My worker", "The children&#39;s rights team only", "without my name"):
        assert option in shown.text
    assert "we will tell people who keep children safe" in shown.text
    assert " checked" not in shown.text  # nothing chosen for them
    assert "Send my answers" in shown.text  # this page sends
    assert 'href="/f/young-person/9"' in shown.text  # Back to the answers


def test_the_one_choice_is_stored_with_every_written_answer(client, db):
    begin(client)
    answer(client, "young-person", 7, "The trips were fun")
    answer(client, "young-person", 8, WORDS)
    done = answer(client, "young-person", 9, "More time with my worker", who_reads="rights_team")
    assert done.headers["location"] == "/f/young-person/thanks"
    assert chosen(db) == {
        "The trips were fun": Visibility.rights_team,
        WORDS: Visibility.rights_team,
        "More time with my worker": Visibility.rights_team,
    }


def test_skipped_it_is_my_worker_for_every_answer(client, db):
    begin(client)
    answer(client, "young-person", 7, "The trips were fun")
    done = answer(client, "young-person", 9, WORDS, who_reads="")
    assert done.headers["location"] == "/f/young-person/thanks"
    assert chosen(db) == {"The trips were fun": Visibility.worker, WORDS: Visibility.worker}


def test_nothing_written_has_no_choice_to_make(client, db):
    begin(client)
    answer(client, "young-person", 2, "5")
    assert answer(client, "young-person", 7, "").headers["location"] == "/f/young-person/8"
    assert (
        client.get("/f/young-person/who-reads", follow_redirects=False).headers["location"]
        == "/f/young-person/9"
    )
    assert answer(client, "young-person", 9, "").headers["location"] == "/f/young-person/thanks"


def test_going_back_from_the_choice_changes_answers_and_comes_back_to_it(client, db):
    begin(client)
    answer(client, "young-person", 7, "The trips were fun")
    page = client.get("/f/young-person/9")
    client.post("/f/young-person/9", data={"csrf": csrf(page), "answer": ""})
    client.get("/f/young-person/who-reads")
    # Back, to a written answer: changed, then on through the questions to the choice again.
    assert answer(client, "young-person", 7, WORDS).headers["location"] == "/f/young-person/8"
    page = client.get("/f/young-person/9")
    again = client.post(
        "/f/young-person/9", data={"csrf": csrf(page), "answer": ""}, follow_redirects=False
    )
    assert again.headers["location"] == "/f/young-person/who-reads"
    assert count(db, Response) == 0
    assert (
        choose_who_reads(client, "young-person", "service").headers["location"].endswith("/thanks")
    )
    assert chosen(db) == {WORDS: Visibility.service}


def test_a_choice_that_is_not_one_is_shown_back_kindly_and_sends_nothing(client, db):
    begin(client)
    answer(client, "young-person", 7, WORDS)
    page = client.get("/f/young-person/9")
    client.post("/f/young-person/9", data={"csrf": csrf(page), "answer": ""})
    wrong = choose_who_reads(client, "young-person", "everyone-on-earth")
    assert wrong.status_code == 400 and "Choose one answer" in wrong.text
    assert count(db, Response) == 0


def test_a_form_open_when_the_choice_moved_goes_on_and_keeps_what_it_chose(client, db):
    begin(client)
    answer(client, "young-person", 7, "The trips were fun")
    # As the page that followed each written answer left it: one choice for question 7.
    draft = db.scalar(select(FormDraft))
    draft.context = {**draft.context, "visibility": {"good_things": "service"}}
    db.flush()
    old = client.get("/f/young-person/7/who-reads", follow_redirects=False)
    assert old.headers["location"] == "/f/young-person/8?lang=en"
    answer(client, "young-person", 8, WORDS)
    answer(client, "young-person", 9, "")
    assert chosen(db) == {"The trips were fun": Visibility.service, WORDS: Visibility.worker}


def test_the_page_speaks_welsh_to_a_child(client):
    begin(client, query="?lang=cy")
    answer(client, "young-person", 7, "Mae'n dda")
    page = client.get("/f/young-person/9?lang=cy")
    client.post("/f/young-person/9?lang=cy", data={"csrf": csrf(page), "answer": "Dim byd"})
    shown = client.get("/f/young-person/who-reads?lang=cy")
    assert "cael darllen beth ysgrifennaist ti?" in shown.text
    assert "Mae hyn ar gyfer pob ateb ysgrifennaist ti." in unescape(shown.text)
    assert "Y tîm hawliau plant yn unig" in shown.text and "heb fy enw" in shown.text
    assert "Anfon fy atebion" in shown.text
    assert "Dewiswch" not in shown.text  # "ti", never "chi"


def test_a_parents_form_does_not_ask(client):
    begin(client, survey="parent-carer")
    page = client.get("/f/parent-carer/10")
    assert "<textarea" in page.text
    posted = client.post(
        "/f/parent-carer/10",
        data={"csrf": csrf(page), "answer": "Ring back"},
        follow_redirects=False,
    )
    assert posted.headers["location"] == "/f/parent-carer/11"


def test_a_practitioner_page_says_the_child_chose_and_shows_nothing(client, db):
    stored = factories.response(
        db,
        team="north",
        survey="young-person",
        answers={"wishes": WORDS},
        visibility={"wishes": "rights_team"},
    ).response
    user = factories.staff_user(db, Role.practitioner, ["north"])
    page = signed_in(client, user.email).get(f"/staff/responses/{stored.public_id}")
    assert page.status_code == 200
    assert "nan" not in page.text
    assert "Only the children's rights team can read this: the child chose that." in unescape(
        page.text
    )
