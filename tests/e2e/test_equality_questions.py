"""Equality monitoring questions in a real browser: the "About you" page passes axe-core, and
"Skip this question" goes on by keyboard alone, in English and Welsh (decision 48)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from api.surveys import library
from api.surveys import service as surveys
from tests.e2e.test_young_person_form import PHONE, check_accessibility, tab_to
from tests.equality_library import library_with_equality


@pytest.fixture
def equality_live(live, tmp_path, monkeypatch):
    base, (database, _codes) = live
    copy = library_with_equality(tmp_path)
    original = library.survey_library
    monkeypatch.setattr(library, "survey_library", lambda directory=copy: original(directory))
    with Session(database.engine) as session, session.begin():
        surveys.sync_library(session)
    return base


@pytest.mark.parametrize(
    ("language", "section", "skip"),
    [
        ("en", "About you", "Skip this question"),
        ("cy", "Amdanat ti", "Hepgor y cwestiwn hwn"),
    ],
)
def test_a_child_skips_an_equality_question_by_keyboard(
    browser, equality_live, language, section, skip
):
    newest = max(
        (d for d in library.survey_library() if d.key == "young-person"), key=lambda d: d.version
    )
    number = [q.key for q in newest.questions].index("ethnic_group") + 1
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{equality_live}/f/young-person?lang={language}")
    page.click("button[type=submit]")
    page.wait_for_url("**/young-person/1")
    page.goto(f"{equality_live}/f/young-person/{number}")
    assert page.get_attribute("html", "lang") == language
    assert section in page.inner_text("main")
    check_accessibility(page, f"{language}-equality-question")
    tab_to(page, "button[name=skip]")
    assert page.evaluate("document.activeElement.textContent").strip() == skip
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/young-person/{number + 1}")
    context.close()
