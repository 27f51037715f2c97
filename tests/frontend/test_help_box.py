"""Help that fits the reader: a child, a parent and a professional each get their own help,
before the form's controls, with every number a link a phone can dial."""

import re

import pytest

from frontend.pages import tel_href
from tests.frontend.test_public import begin

CHILDLINE_CHAT = "https://www.childline.org.uk/get-support/1-2-1-counsellor-chat/"


def tel_links(html: str) -> list[str]:
    return re.findall(r'href="(tel:[^"]*)"', html)


def before_the_controls(html: str, marker: str) -> bool:
    """The help box comes before the form's first control (its first input after the
    hidden ones)."""
    control = re.search(r'<(textarea|input(?![^>]*type="hidden")(?![^>]*id="website"))', html)
    return control is not None and html.index(marker) < control.start()


def test_a_number_as_people_read_it_becomes_a_tel_link_of_digits():
    assert tel_href("0800 1111") == "tel:08001111"
    assert tel_href("01632 960001") == "tel:01632960001"
    assert tel_href("+44 (0)1632-960 001") == "tel:+4401632960001"


def test_a_child_gets_childline_its_chat_and_999_before_the_start_button(client):
    page = client.get("/f/young-person").text
    assert "If you are in danger now, call" in page
    assert {"tel:999", "tel:08001111"} <= set(tel_links(page))
    assert CHILDLINE_CHAT in page
    assert before_the_controls(page, "help-full")
    assert "Meic" not in page and "tel:08088023456" not in page


def test_the_adult_helping_a_young_child_gets_help_for_a_worried_adult_before_start(client):
    """The under-8s' form opens with a page for the trusted adult: their help, not a child's."""
    page = client.get("/f/young-person-under-8").text
    assert "If you or a child are in danger now, call" in page
    assert {"tel:999", "tel:08001111"} <= set(tel_links(page))
    assert "Worried about a child" in page
    assert page.index("help-full") < page.index('type="submit"')


def test_a_child_gets_meic_too_on_welsh_pages(client):
    page = client.get("/f/young-person?lang=cy").text
    assert "Meic" in page and "tel:08088023456" in page and "https://www.meic.cymru" in page
    assert "Os wyt ti mewn perygl nawr" in page  # ti, not chi
    assert "Dy enw" in page


def test_a_childs_question_page_has_a_short_help_line_before_the_question(client):
    begin(client)
    page = client.get("/f/young-person/1").text
    assert "help-compact" in page and "help-full" not in page
    assert {"tel:999", "tel:08001111"} <= set(tel_links(page))
    assert CHILDLINE_CHAT in page
    assert page.index("help-compact") < page.index("<h1>")
    welsh = client.get("/f/young-person/1?lang=cy").text
    assert "tel:08088023456" in welsh


def test_a_parent_gets_the_councils_front_door_out_of_hours_and_999(client):
    page = client.get("/f/parent-carer").text
    assert {"tel:999", "tel:01632960001", "tel:01632960002"} <= set(tel_links(page))
    assert "01632 960001" in page and "01632 960002" in page
    assert "Childline" not in page
    assert before_the_controls(page, "help-full")
    begin(client, survey="parent-carer")
    question = client.get("/f/parent-carer/1").text
    assert {"tel:999", "tel:01632960001", "tel:01632960002"} <= set(tel_links(question))


def test_the_numbers_come_from_settings(client, monkeypatch):
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_FRONT_DOOR_PHONE", "029 2087 2087")
    monkeypatch.setenv("YOUSAID_OUT_OF_HOURS_PHONE", "029 2078 8570")
    get_settings.cache_clear()
    try:
        page = client.get("/f/parent-carer").text
    finally:
        get_settings.cache_clear()
    assert {"tel:02920872087", "tel:02920788570"} <= set(tel_links(page))


def test_a_partner_is_told_the_form_is_not_a_referral_and_where_to_call(client):
    page = client.get("/f/partner-agency").text
    assert "This form is not a referral." in page
    assert "It is not a referral route" in page
    assert "call the front door on" in page
    assert {"tel:01632960001", "tel:01632960002"} <= set(tel_links(page))
    assert "if you are not safe" not in page.lower() and "Childline" not in page
    welsh = client.get("/f/partner-agency?lang=cy").text
    assert "Nid atgyfeiriad yw'r ffurflen hon." in welsh


def test_pages_that_are_not_a_form_keep_a_general_help_box(client):
    for path in ("/you-said-we-did", "/q/nosuchcode"):
        page = client.get(path).text
        assert "Need help now?" in page, path
        assert {"tel:999", "tel:08001111", "tel:01632960001"} <= set(tel_links(page)), path
        assert "Meic" not in page
    assert "tel:08088023456" in client.get("/you-said-we-did?lang=cy").text


def test_a_childs_thank_you_page_keeps_the_childs_help_and_the_exit(client):
    page = client.get("/f/young-person/thanks").text
    assert {"tel:999", "tel:08001111"} <= set(tel_links(page))
    assert "tel:01632960001" not in page  # the front door is the adults' number
    assert 'href="/f/young-person/exit"' in page


def test_every_tel_link_is_digits_only(client):
    for path in ("/f/young-person?lang=cy", "/f/parent-carer", "/f/partner-agency", "/"):
        for href in tel_links(client.get(path).text):
            assert re.fullmatch(r"tel:\+?\d+", href), (path, href)


@pytest.mark.parametrize("survey", ["young-person", "parent-carer", "partner-agency"])
def test_the_start_page_says_honestly_what_happens(client, survey):
    page = client.get(f"/f/{survey}").text
    assert "will share it" not in page
    if survey == "young-person":
        assert "A person will read what you write" in page
        assert "we cannot come and help you" in page
        assert "If you need help now, do not wait for us: call or chat to Childline" in page
    elif survey == "parent-carer":
        assert "This form does not tell us who you are" in page
    else:
        assert "not as a referral" in page


def test_an_invited_child_is_not_told_we_do_not_know_who_they_are(client, db):
    from api.forms import service as forms
    from frontend.public import draft_cookie

    token = forms.start(
        db,
        survey_key="young-person",
        context=forms.FormContext(invitation="inv-1"),
    )
    client.cookies.set(draft_cookie("young-person"), token, path="/f/young-person")
    page = client.get("/f/young-person").text
    assert "We sent you this link" in page
    assert "This form does not tell us who you are" not in page


@pytest.mark.parametrize(
    ("survey", "lang", "words"),
    [
        ("young-person", "en", "no one can contact you about them"),
        ("young-person", "cy", "all neb gysylltu â ti amdanyn nhw"),
        ("parent-carer", "cy", "all neb gysylltu â chi amdanyn nhw"),
    ],
)
def test_an_anonymous_thank_you_never_suggests_a_team_will_follow_it_up(
    client, survey, lang, words
):
    sent_one_answer(client, survey, lang)
    page = client.get(f"/f/{survey}/thanks?lang={lang}").text
    assert words in page.replace("&#39;", "'")
    assert "The team that works with you" not in page


def sent_one_answer(client, survey: str, lang: str) -> None:
    """One answer sent from this browser (the thank-you page thanks only those who sent)."""
    from api.surveys import library
    from tests.frontend.test_public import begin, csrf

    begin(client, survey=survey, query=f"?lang={lang}")
    page = client.get(f"/f/{survey}/2")
    client.post(f"/f/{survey}/2", data={"csrf": csrf(page), "answer": "3"})
    last = len(
        max(
            (d for d in library.survey_library() if d.key == survey), key=lambda d: d.version
        ).questions
    )
    page = client.get(f"/f/{survey}/{last}")
    client.post(f"/f/{survey}/{last}", data={"csrf": csrf(page), "answer": ""})
