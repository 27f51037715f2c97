"""Equality monitoring questions in the survey library (decision 48)."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from api.surveys import library, wording
from api.surveys.definitions import QuestionDefinition, SurveyDefinition
from tests.equality_library import EXAMPLE, library_with_equality


def question(**fields):
    values = {
        "key": "ethnic_group",
        "kind": "choice",
        "equality": True,
        "text": {"en": "What is your ethnic group?", "cy": "Beth yw eich grŵp ethnig?"},
        "options": [{"value": "white", "en": "White", "cy": "Gwyn"}],
    }
    values.update(fields)
    return QuestionDefinition.model_validate(values)


def test_prefer_not_to_say_is_added_in_english_and_welsh_when_the_file_leaves_it_out():
    last = question().options[-1]
    assert (last.value, last.en, last.cy) == (
        "prefer_not_to_say",
        "Prefer not to say",
        "Gwell gennyf beidio â dweud",
    )


def test_prefer_not_to_say_is_not_offered_twice():
    options = [
        {"value": "white", "en": "White", "cy": "Gwyn"},
        {"value": "prefer_not_to_say", "en": "I would rather not say", "cy": "Gwell peidio"},
    ]
    assert [o.value for o in question(options=options).options] == ["white", "prefer_not_to_say"]


def test_an_equality_question_is_never_required():
    with pytest.raises(ValidationError, match="never required"):
        question(required=True)


def test_only_a_choice_question_can_be_an_equality_question():
    with pytest.raises(ValidationError, match="only choice questions"):
        question(kind="free_text", options=[])


def test_an_equality_question_is_asked_on_the_web_form_only():
    assert question().ask_by_text is False
    with pytest.raises(ValidationError, match="web form only"):
        question(ask_by_text=True)


def test_an_equality_answer_cannot_ask_for_help():
    options = [{"value": "yes", "en": "Yes", "cy": "Oes", "asks_for_help": True}]
    with pytest.raises(ValidationError, match="cannot ask for help"):
        question(options=options)


def test_no_shipped_survey_asks_equality_questions():
    assert not [q.key for d in library.survey_library() for q in d.questions if q.equality]


@pytest.mark.parametrize("readers", ["adults", "young_people"])
def test_the_example_file_is_valid_and_every_question_in_it_is_an_equality_question(readers):
    entries = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))[readers]
    parsed = [QuestionDefinition.model_validate(e) for e in entries]
    assert [q.key for q in parsed] == ["ethnic_group", "disability"]
    assert all(q.equality and not q.required for q in parsed)


def test_the_young_peoples_example_passes_the_childrens_wording_check(tmp_path):
    checked = wording.findings(directory=library_with_equality(tmp_path))
    assert wording.failures(checked) == []
    asked = [f for _, f in checked if f.source == "young-person v4" and "ethnic_group" in f.where]
    assert asked  # the check read the added questions


def test_a_library_with_the_example_added_loads_and_old_versions_keep_their_fingerprints(
    tmp_path,
):
    copy = library_with_equality(tmp_path)
    loaded = library.survey_library(copy)
    newest = max((d for d in loaded if d.key == "parent-carer"), key=lambda d: d.version)
    assert [q.key for q in newest.questions if q.equality] == ["ethnic_group", "disability"]
    shipped = {(d.key, d.version): library.checksum(d) for d in library.survey_library()}
    kept = [d for d in loaded if (d.key, d.version) in shipped]
    assert all(library.checksum(d) == shipped[(d.key, d.version)] for d in kept)


def test_the_youngests_form_asks_no_equality_questions():
    newest = max(
        (d for d in library.survey_library() if d.key == "young-person-under-8"),
        key=lambda d: d.version,
    )
    content = newest.model_dump(mode="json")
    entries = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["young_people"]
    content["questions"] = content["questions"] + entries
    with pytest.raises(ValidationError, match="asks no equality questions"):
        SurveyDefinition.model_validate(content)
