"""The under-8s' form (issue 15): a page for the trusted adult first, then one short sentence a
page, three faces drawn as pictures with their words, no name and no hard words."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope
from api.models import Answer, Response, SurveyQuestion
from api.reports import service as reports
from tests.frontend.test_public import answer, begin, csrf
from tests.frontend.test_welsh_register import words_of

SURVEY = "young-person-under-8"
# The emoji blocks (faces, symbols, pictographs, dingbats) and the emoji variation selector:
# none may reach the page, as a phone without an emoji font shows them as empty boxes.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]",
)
FACE = re.compile(r'<svg class="face-drawing face-([a-z_]+)"')


def walk(client, language: str = "en") -> dict[str, str]:
    """Every page of the under-8s' form a child and their adult see, by name (HTML)."""
    pages = {"start": client.get(f"/f/{SURVEY}?lang={language}").text}
    begin(client, survey=SURVEY, query=f"?lang={language}")
    for number in range(1, 8):
        pages[f"question {number}"] = client.get(f"/f/{SURVEY}/{number}").text
    return pages


def test_a_faces_page_shows_three_drawn_faces_with_their_words_happiest_first(client):
    begin(client, survey=SURVEY)
    page = client.get(f"/f/{SURVEY}/2").text
    assert FACE.findall(page) == ["happy", "ok", "sad"]
    words = re.findall(r'<span class="option-words" data-listen-text>([^<]+)</span>', page)
    assert words == ["Happy", "OK", "Sad"]
    assert 'class="radios faces faces-three"' in page
    assert 'value="not_applicable"' not in page and "I don&#39;t know" not in page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_page_of_the_under_8s_form_has_an_emoji(client, language):
    found = {name: EMOJI.findall(page) for name, page in walk(client, language).items()}
    assert {name: chars for name, chars in found.items() if chars} == {}


def test_the_older_childrens_faces_are_drawn_too_with_no_emoji(client):
    begin(client)
    page = client.get("/f/young-person/2").text
    assert FACE.findall(page) == ["very_happy", "happy", "ok", "sad", "very_sad"]
    assert EMOJI.findall(page) == []
    assert "Very happy" in page and "I don&#39;t know" in page  # the five-point scale's own


def test_no_page_of_the_under_8s_form_says_optional_anonymous_or_asks_a_name(client):
    for name, page in walk(client).items():
        words = words_of_page(page)
        assert "(optional)" not in words, name
        assert "anonymous" not in words.lower(), name
        assert "Your name" not in words and 'name="respondent_name"' not in page, name


def test_the_childs_safety_sentence_is_short_and_in_a_young_childs_words(client):
    page = client.get(f"/f/{SURVEY}").text
    said = re.search(r'<section class="say-to-child"[^>]*>(.*?)</section>', page, re.S)
    assert said is not None
    sentences = [words_of_page(s) for s in re.findall(r"<p[^>]*>(.*?)</p>", said.group(1))]
    assert "You do not have to say your name." in sentences
    safety = next(s for s in sentences if "worried" in s)
    assert len(safety.split()) <= 12, safety
    assert all(len(s.split()) <= 12 for s in sentences), sentences


def test_a_name_posted_to_the_under_8s_form_anyway_is_not_kept(client, db):
    start = client.get(f"/f/{SURVEY}")
    client.post(
        f"/f/{SURVEY}/start", data={"csrf": csrf(start), "respondent_name": "Kayleigh Jones"}
    )
    for number in range(1, 8):
        answer(client, SURVEY, number, "5" if number == 2 else "")
    assert db.scalar(select(Response.respondent_name)) is None


def test_the_adults_page_comes_first_and_speaks_to_the_adult(client):
    page = words_of(client.get(f"/f/{SURVEY}"))
    for said in (
        "For the grown-up who is helping",
        "You are helping a young child tell us how things are.",
        "Read each question out loud.",
        "Let them choose.",
        "Write their words, not yours.",
        "follow your safeguarding procedure",
        "Say this to the child",
        "Tell us how things are.",
    ):
        assert said in page, said
    assert "Tap a face." not in page  # no face on this page to tap


def test_the_adults_page_in_welsh_says_chi_to_the_adult_and_ti_to_the_child(client):
    page = words_of(client.get(f"/f/{SURVEY}?lang=cy"))
    for said in (
        "I'r oedolyn sy'n helpu",
        "Rydych chi'n helpu plentyn ifanc i ddweud wrthon ni sut mae pethau.",
        "Darllenwch bob cwestiwn yn uchel.",
        "Ysgrifennwch eu geiriau nhw, nid eich geiriau chi.",
        "Dywedwch hyn wrth y plentyn",
        "Does dim rhaid i ti ddweud dy enw.",
        "Os ydyn ni'n poeni amdanat ti, byddwn ni'n dweud wrth rywun.",
    ):
        assert said in page, said
    assert 'lang="cy"' in client.get(f"/f/{SURVEY}?lang=cy").text


def test_each_childs_page_is_one_short_sentence(client):
    begin(client, survey=SURVEY)
    for number in range(1, 8):
        page = client.get(f"/f/{SURVEY}/{number}").text
        heading = words_of_page(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)).strip()
        assert len(heading.split()) <= 8 and heading.count(".") <= 1, heading
        assert "What you write is only sent" not in page  # one sentence a page


def test_the_safety_question_has_its_picture_and_yes_still_leads_to_help_now(client, db):
    from api.models import SafeguardingAlert

    begin(client, survey=SURVEY)
    page = client.get(f"/f/{SURVEY}/1").text
    assert 'class="picture" role="img"' in page
    # "Yes, I want someone to talk to me" has a picture too, for a child who cannot read yet.
    yes = re.search(r'<label for="answer-safe_now">(.*?)</label>', page, re.S).group(1)
    assert 'class="option-picture"' in yes and "Yes, I want someone to talk to me" in yes
    asked = answer(client, SURVEY, 1, "yes_talk")
    assert asked.headers["location"] == f"/f/{SURVEY}/help-now?next=2"
    assert db.scalar(select(SafeguardingAlert)) is not None
    # A young child does not leave a phone number: the grown-up helping them is asked to.
    help_now = client.get(asked.headers["location"]).text
    assert "Grown-up helping? Your name and a phone number" in help_now
    assert "or your school" not in help_now


def test_only_the_youngest_pages_load_the_listen_script_and_the_csp_allows_it(client):
    begin(client, survey=SURVEY)
    page = client.get(f"/f/{SURVEY}/2")
    assert '<script src="/static/listen.js" defer></script>' in page.text
    assert 'data-listen-label="Listen" data-listen-lang="en-GB" hidden' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    script = client.get("/static/listen.js")
    assert script.status_code == 200 and "speechSynthesis" in script.text
    welsh = client.get(f"/f/{SURVEY}/2?lang=cy").text
    assert 'data-listen-label="Gwranda" data-listen-lang="cy"' in welsh
    begin(client)
    assert "listen.js" not in client.get("/f/young-person/2").text


def test_the_under_8s_form_answered_end_to_end_stores_three_face_answers_and_reports(client, db):
    begin(client, survey=SURVEY)
    for number, value in enumerate(["no", "5", "3", "1", "My dog", "", "A bike"], start=1):
        assert answer(client, SURVEY, number, value).status_code == 303
    stored = db.scalar(select(Response))
    values = dict(
        db.execute(
            select(SurveyQuestion.key, Answer.scale_value)
            .join(Answer, Answer.question_id == SurveyQuestion.id)
            .where(Answer.response_id == stored.id, Answer.scale_value.is_not(None))
        ).all()
    )
    assert values == {"worker_listened": 5, "know_my_worker": 3, "feel_ok_talking": 1}
    report = reports.statements(
        db, Scope.system("test"), request=reports.ReportRequest(survey=SURVEY)
    )
    figures = {s.key: s for s in report.groups[0].statements}
    # One answer: the report works over it and, as for every figure, hides a count under 5.
    assert set(figures) == {"worker_listened", "know_my_worker", "feel_ok_talking"}
    assert figures["worker_listened"].n == "<5"
    # The thank-you page is one short sentence too, not the older forms' long one.
    thanks = " ".join(words_of(client.get(f"/f/{SURVEY}/thanks")).split())
    assert "Grown-ups who help children will read what you said." in thanks
    assert "check and improve our services" not in thanks


def test_a_face_between_the_three_is_refused_kindly_not_with_a_500(client):
    begin(client, survey=SURVEY)
    refused = answer(client, SURVEY, 2, "4")
    assert refused.status_code == 400 and "Choose one answer" in refused.text


def words_of_page(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))
