"""After a young person writes something, they may choose who can read it (decision 44): a
page of its own, optional, in English and Welsh (ti), saying the one exception; the choice is
stored on the answer and the staff pages keep to it."""

from html import unescape

from sqlalchemy import select

from api.models import Answer
from api.models.enums import Role, Visibility
from tests import factories
from tests.frontend.test_public import answer, begin, choose_who_reads, csrf
from tests.staff_pages import signed_in

WORDS = "I want to live with my nan"


def chosen(db) -> dict[str, Visibility | None]:
    return dict(
        db.execute(select(Answer.text, Answer.visibility).where(Answer.text.is_not(None))).all()
    )


def test_writing_something_leads_to_the_choice_of_who_reads_it(client):
    begin(client)
    page = client.get("/f/young-person/9")
    posted = client.post(
        "/f/young-person/9", data={"csrf": csrf(page), "answer": WORDS}, follow_redirects=False
    )
    assert posted.headers["location"] == "/f/young-person/9/who-reads"
    shown = client.get("/f/young-person/9/who-reads")
    assert "Who can read what you wrote?" in shown.text and "(you can skip this)" in shown.text
    for option in ("My worker", "The children&#39;s rights team only", "without my name"):
        assert option in shown.text
    assert "we will tell people who keep children safe" in shown.text
    assert " checked" not in shown.text  # nothing chosen for them
    assert "Send my answers" in shown.text  # the last question's choice sends


def test_an_empty_answer_has_no_choice_to_make(client):
    begin(client)
    assert answer(client, "young-person", 7, "").headers["location"] == "/f/young-person/8"
    assert (
        client.get("/f/young-person/7/who-reads", follow_redirects=False).headers["location"]
        == "/f/young-person/7"
    )


def test_the_choice_is_stored_with_the_words(client, db):
    begin(client)
    answer(client, "young-person", 7, "The trips were fun", who_reads="service")
    answer(client, "young-person", 8, WORDS, who_reads="rights_team")
    done = answer(client, "young-person", 9, "More time with my worker")
    assert done.headers["location"] == "/f/young-person/thanks"
    assert chosen(db) == {
        "The trips were fun": Visibility.service,
        WORDS: Visibility.rights_team,
        "More time with my worker": Visibility.worker,  # skipped: my worker
    }


def test_coming_back_shows_the_choice_made(client):
    begin(client)
    answer(client, "young-person", 7, WORDS, who_reads="rights_team")
    page = client.get("/f/young-person/7/who-reads")
    assert 'value="rights_team" aria-describedby="who-reads-2-hint" checked' in page.text


def test_a_choice_that_is_not_one_is_shown_back_kindly(client, db):
    begin(client)
    page = client.get("/f/young-person/7")
    client.post("/f/young-person/7", data={"csrf": csrf(page), "answer": WORDS})
    wrong = choose_who_reads(client, "young-person", 7, "everyone-on-earth")
    assert wrong.status_code == 400 and "Choose one answer" in wrong.text


def test_the_page_speaks_welsh_to_a_child(client):
    begin(client, query="?lang=cy")
    answer(client, "young-person", 7, "Mae'n dda", who_reads="")
    page = client.get("/f/young-person/8")
    client.post("/f/young-person/8", data={"csrf": csrf(page), "answer": "Dim byd"})
    shown = client.get("/f/young-person/8/who-reads?lang=cy")
    assert "cael darllen beth ysgrifennaist ti?" in shown.text
    assert "Y tîm hawliau plant yn unig" in shown.text and "heb fy enw" in shown.text
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
