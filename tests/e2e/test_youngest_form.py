"""A trusted adult and a young child answer the under-8s' form in a real browser, in English
and Welsh, at desktop, tablet and phone widths: the adult's page first, then three faces drawn
as pictures with their words (this chromium has no emoji font: the faces must not need one),
big enough to tap, every page axe-clean; and "Listen" where the browser can speak."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Answer, Response, SurveyQuestion
from api.models.enums import Language
from tests.e2e.test_young_person_form import check_accessibility

SURVEY = "young-person-under-8"
WORDS = {"en": ["Happy", "OK", "Sad"], "cy": ["Hapus", "Iawn", "Trist"]}
TAP = 44  # the smallest target a finger can be asked to hit (WCAG 2.5.5)


def fake_speech(voices: list[str]) -> str:
    """A browser that can speak in these languages; what it says is kept in window.spoken."""
    return f"""
    (() => {{
      const voices = {voices!r}.map((lang) => ({{lang, name: "Test " + lang}}));
      window.spoken = [];
      window.SpeechSynthesisUtterance = function (text) {{ this.text = text; }};
      Object.defineProperty(window, "speechSynthesis", {{
        configurable: true,
        value: {{
          getVoices: () => voices,
          speak: (u) => window.spoken.push({{text: u.text, lang: u.lang}}),
          cancel: () => {{}},
          addEventListener: () => {{}},
        }},
      }});
    }})();
    """


def check_faces(page, language: str) -> None:
    faces = page.locator("label:has(svg.face-drawing)")
    assert faces.count() == 3
    for index, word in enumerate(WORDS[language]):
        label = faces.nth(index)
        drawing = label.locator("svg.face-drawing")
        assert drawing.is_visible() and label.locator(".option-words").inner_text() == word
        picture, target = drawing.bounding_box(), label.bounding_box()
        assert picture["width"] >= 64 and picture["height"] >= 64, picture
        assert target["width"] >= TAP and target["height"] >= TAP, target


@pytest.mark.parametrize(
    ("language", "width"),
    [("en", 1280), ("cy", 1280), ("en", 375), ("cy", 768)],
    ids=["en-desktop", "cy-desktop", "en-phone", "cy-tablet"],
)
def test_an_adult_and_a_young_child_answer_the_under_8s_form(browser, live, language, width):
    base, (database, _) = live
    name = f"under-8-{language}-{width}"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/f/{SURVEY}?lang={language}")
    assert page.get_attribute("html", "lang") == language
    assert page.locator("#respondent-name").count() == 0  # no name box
    check_accessibility(page, f"{name}-adult")
    page.click("button[type=submit]")

    page.wait_for_url(f"**/{SURVEY}/1")
    assert page.locator("svg.picture[role=img]").is_visible()
    check_accessibility(page, f"{name}-question-1")
    page.click("label[for=answer-safe_now-2]")  # "No"
    page.click("button[type=submit]")
    for number, choice in ((2, 0), (3, 1), (4, 2)):  # happy, OK, sad
        page.wait_for_url(f"**/{SURVEY}/{number}")
        check_faces(page, language)
        page.locator("label:has(svg.face-drawing)").nth(choice).click()
        check_accessibility(page, f"{name}-question-{number}")
        page.click("button[type=submit]")
    for number, words in ((5, "Playing with my sister"), (6, ""), (7, "A puppy")):
        page.wait_for_url(f"**/{SURVEY}/{number}")
        if number == 5:
            check_accessibility(page, f"{name}-question-{number}")
        page.fill("textarea", words)
        page.click("button[type=submit]")
    page.wait_for_url(f"**/{SURVEY}/thanks")
    check_accessibility(page, f"{name}-thanks")
    context.close()

    with Session(database.engine) as session:
        stored = session.scalar(select(Response))
        assert stored.language is Language(language)
        values = dict(
            session.execute(
                select(SurveyQuestion.key, Answer.scale_value)
                .join(Answer, Answer.question_id == SurveyQuestion.id)
                .where(Answer.response_id == stored.id, Answer.scale_value.is_not(None))
            ).all()
        )
    assert values == {"worker_listened": 5, "know_my_worker": 3, "feel_ok_talking": 1}


def _first_faces_page(browser, base: str, language: str, voices: list[str] | None):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    if voices is not None:
        context.add_init_script(fake_speech(voices))
    page = context.new_page()
    page.goto(f"{base}/f/{SURVEY}?lang={language}")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{SURVEY}/1")
    page.goto(f"{base}/f/{SURVEY}/2")
    return context, page


def test_listen_reads_the_question_and_its_faces_aloud_in_english(browser, live):
    base, _ = live
    context, page = _first_faces_page(browser, base, "en", ["en-GB", "en-US"])
    button = page.get_by_role("button", name="Listen")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["height"] >= TAP
    check_accessibility(page, "under-8-listen-en")
    button.click()
    spoken = page.evaluate("window.spoken")
    assert spoken == [{"text": "My worker listens to me. Happy. OK. Sad.", "lang": "en-GB"}]
    context.close()


def test_listen_speaks_welsh_with_a_welsh_voice_and_is_hidden_without_one(browser, live):
    base, _ = live
    context, page = _first_faces_page(browser, base, "cy", ["en-GB", "cy-GB"])
    page.get_by_role("button", name="Gwranda").click()
    assert page.evaluate("window.spoken")[0]["lang"] == "cy-GB"
    context.close()
    context, page = _first_faces_page(browser, base, "cy", ["en-GB"])
    assert page.locator(".listen-button").count() == 0  # never Welsh in an English voice
    assert page.locator("p.listen").is_hidden()
    context.close()


def test_without_speech_the_page_has_no_listen_button_and_still_works(browser, live):
    base, _ = live
    context, page = _first_faces_page(browser, base, "en", [])
    assert page.locator(".listen-button").count() == 0
    page.locator("label:has(svg.face-drawing)").first.click()
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{SURVEY}/3")
    context.close()
