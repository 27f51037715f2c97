"""Equality monitoring questions on the web form: the GOV.UK equality information pattern,
English and Welsh, optional (decision 48)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api.models import Answer, EqualityAnswer, SurveyQuestion
from api.surveys import library
from tests.equality_library import use_equality_library
from tests.frontend.test_public import answer, begin, csrf

WHY_EN = (
    "We ask this to check our help is fair for everyone. You do not have to answer. "
    "It will not change the help you get."
)


@pytest.fixture
def equality(tmp_path, monkeypatch, db):
    use_equality_library(tmp_path, monkeypatch, db)


def number_of(survey: str, key: str) -> int:
    newest = max((d for d in library.survey_library() if d.key == survey), key=lambda d: d.version)
    return [q.key for q in newest.questions].index(key) + 1


def equality_rows(db, key="ethnic_group"):
    return (
        db.execute(
            select(EqualityAnswer.choice)
            .join(SurveyQuestion, SurveyQuestion.id == EqualityAnswer.question_id)
            .where(SurveyQuestion.key == key)
        )
        .scalars()
        .all()
    )


def test_an_equality_question_has_its_section_why_we_ask_prefer_not_to_say_and_a_skip(
    client, equality
):
    begin(client, "parent-carer")
    page = client.get(f"/f/parent-carer/{number_of('parent-carer', 'ethnic_group')}")
    assert page.status_code == 200
    assert "About you" in page.text
    assert WHY_EN.replace("'", "&#39;") in page.text or WHY_EN in page.text
    assert "What is your ethnic group?" in page.text and "(optional)" in page.text
    assert "Prefer not to say" in page.text
    assert 'name="skip"' in page.text and "Skip this question" in page.text
    assert 'aria-describedby="answer-ethnic_group-why"' in page.text


def test_an_adults_equality_page_in_welsh_says_chi(client, equality):
    begin(client, "parent-carer", query="?lang=cy")
    page = client.get(f"/f/parent-carer/{number_of('parent-carer', 'ethnic_group')}?lang=cy")
    assert '<html lang="cy">' in page.text
    assert "Amdanoch chi" in page.text and "Does dim rhaid i chi ateb." in page.text
    assert "Beth yw eich grŵp ethnig?" in page.text
    assert "Gwell gennyf beidio â dweud" in page.text and "Hepgor y cwestiwn hwn" in page.text


def test_a_childs_equality_page_in_welsh_says_ti(client, equality):
    begin(client, "young-person", query="?lang=cy")
    page = client.get(f"/f/young-person/{number_of('young-person', 'ethnic_group')}?lang=cy")
    assert "Amdanat ti" in page.text and "Does dim rhaid i ti ateb." in page.text
    assert "Does dim rhaid i chi" not in page.text
    assert "Beth yw dy grŵp ethnig di?" in page.text


def test_a_childs_equality_page_in_english_says_they_can_skip_it(client, equality):
    begin(client, "young-person")
    page = client.get(f"/f/young-person/{number_of('young-person', 'ethnic_group')}")
    assert "About you" in page.text and "(you can skip this)" in page.text


def test_continue_without_an_answer_goes_on_and_stores_nothing(client, db, equality):
    begin(client, "parent-carer")
    number = number_of("parent-carer", "ethnic_group")
    answer(client, "parent-carer", 2, "5")
    went = answer(client, "parent-carer", number, "")
    assert went.status_code == 303 and went.headers["location"] == f"/f/parent-carer/{number + 1}"
    assert answer(client, "parent-carer", number + 1, "").headers["location"].endswith("/thanks")
    assert equality_rows(db) == [] and equality_rows(db, "disability") == []


def test_skip_this_question_goes_on_without_the_answer_chosen(client, db, equality):
    begin(client, "parent-carer")
    number = number_of("parent-carer", "ethnic_group")
    answer(client, "parent-carer", 2, "5")
    page = client.get(f"/f/parent-carer/{number}")
    skipped = client.post(
        f"/f/parent-carer/{number}",
        data={"csrf": csrf(page), "answer": "asian", "skip": "1"},
        follow_redirects=False,
    )
    assert skipped.headers["location"] == f"/f/parent-carer/{number + 1}"
    answer(client, "parent-carer", number + 1, "no")
    assert equality_rows(db) == [] and equality_rows(db, "disability") == ["no"]


def test_an_equality_answer_is_stored_apart_from_the_responses_answers(client, db, equality):
    begin(client, "parent-carer")
    number = number_of("parent-carer", "ethnic_group")
    answer(client, "parent-carer", 2, "5")
    answer(client, "parent-carer", number, "asian")
    answer(client, "parent-carer", number + 1, "prefer_not_to_say")
    assert equality_rows(db) == ["asian"]
    assert equality_rows(db, "disability") == ["prefer_not_to_say"]
    assert db.scalar(select(func.count()).select_from(Answer).where(Answer.choice == "asian")) == 0


def test_equality_answers_alone_can_be_sent(client, db, equality):
    begin(client, "parent-carer")
    number = number_of("parent-carer", "ethnic_group")
    answer(client, "parent-carer", number, "white")
    done = answer(client, "parent-carer", number + 1, "")
    assert done.headers["location"] == "/f/parent-carer/thanks"
    assert equality_rows(db) == ["white"]
