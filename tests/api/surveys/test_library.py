from pathlib import Path

import pytest
from sqlalchemy import select

from api.core.errors import LibraryError
from api.models import SurveyVersion
from api.models.enums import Language, QuestionKind, Tense
from api.surveys import library
from api.surveys import service as surveys

PARENT_STATEMENTS = {
    "listened_to": "I felt listened to and understood",
    "does_what_they_say": "My worker does what they say they will do",
    "clear_about_concerns": "My worker was clear about their worries and what needed to happen "
    "for them to stop worrying",
    "agreed_with_concerns": "I agreed with what my worker was worried about",
    "involved_in_plans": "My worker involved me in making plans",
    "agreed_with_plans": "I agreed with the plans",
    "cared_about_solving": "My worker cared that our family solved our problems",
    "time_with_children": "My worker spent time with my child(ren) and listened to what they "
    "had to say",
}


def _survey(key):
    return next(d for d in library.survey_library() if d.key == key)


def test_the_library_ships_the_four_surveys():
    assert {d.key for d in library.survey_library()} == {
        "parent-carer",
        "young-person",
        "young-person-under-8",
        "partner-agency",
    }


def test_parent_carer_has_exactly_the_study_statements_in_order():
    parent = _survey("parent-carer")
    statements = [q for q in parent.questions if q.statement]
    assert [q.key for q in statements] == list(PARENT_STATEMENTS)
    for q in statements:
        assert q.kind is QuestionKind.agreement
        assert q.text.render(Language.en, Tense.during) == PARENT_STATEMENTS[q.key] or q.key == (
            "does_what_they_say"
        )
    free = [q.key for q in parent.questions if q.kind is QuestionKind.free_text]
    assert free == ["one_thing_to_change", "most_helpful"]


def test_front_door_and_closure_wording_differ_where_it_matters():
    change = _survey("parent-carer").question("one_thing_to_change")
    assert "is working with you" in change.text.render(Language.en, Tense.during)
    assert "worked with you" in change.text.render(Language.en, Tense.after)
    intro = _survey("parent-carer").intro
    assert "while we are working with you" in intro.render(Language.en, Tense.during)
    assert "when we worked with you" in intro.render(Language.en, Tense.after)


def test_young_person_survey_uses_faces_and_the_three_houses():
    young = _survey("young-person")
    faces = [q for q in young.questions if q.kind is QuestionKind.faces]
    assert len(faces) == 5
    houses = {q.key: q.house for q in young.questions if q.kind is QuestionKind.free_text}
    assert houses == {"good_things": "good_things", "worries": "worries", "wishes": "dreams"}
    assert young.question("good_things").text.render(Language.en, Tense.after) == "What was good?"


def test_every_face_has_words_in_both_languages():
    for option in library.scales().faces.options:
        assert option.face and option.en and option.cy


def test_every_survey_is_complete_in_welsh_and_marked_for_review():
    for definition in library.survey_library():
        assert definition.welsh_review == "needs_review"
        for question in definition.questions:
            for tense in Tense:
                assert question.text.render(Language.cy, tense).strip()


def test_partner_survey_covers_the_named_topics():
    keys = {q.key for q in _survey("partner-agency").questions if q.statement}
    assert keys == {
        "referral_acknowledged",
        "outcome_explained",
        "invited_to_meetings",
        "plan_shared",
        "joint_working",
        "consistent_worker",
    }


def test_a_malformed_survey_file_is_refused_with_its_path(tmp_path: Path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "v1.yaml").write_text("key: broken\nversion: 1\nquestions: []\n")
    with pytest.raises(LibraryError, match="broken"):
        library.load_survey_file(folder / "v1.yaml")


def test_a_statement_must_be_on_a_scale(tmp_path: Path):
    source = (library.LIBRARY_DIR / "parent-carer" / "v1.yaml").read_text()
    folder = tmp_path / "parent-carer"
    folder.mkdir()
    (folder / "v1.yaml").write_text(
        source.replace("kind: free_text", "kind: free_text\n    statement: true", 1)
    )
    with pytest.raises(LibraryError, match="only agreement or faces"):
        library.load_survey_file(folder / "v1.yaml")


def test_syncing_twice_adds_nothing(db):
    assert surveys.sync_library(db) == []


def test_a_published_version_cannot_change(db):
    version = db.scalar(select(SurveyVersion).where(SurveyVersion.version == 1).limit(1))
    version.checksum = "0" * 64
    db.flush()
    with pytest.raises(LibraryError, match="immutable"):
        surveys.sync_library(db)


def test_fields_added_later_leave_a_published_versions_fingerprint_alone():
    from api.surveys import library as survey_library
    from api.surveys.definitions import SurveyDefinition

    v1 = next(
        d for d in survey_library.survey_library() if (d.key, d.version) == ("young-person", 1)
    )
    content = v1.model_dump(mode="json")
    for question in content["questions"]:
        question.pop("ask_by_text")
        question.pop("picture")
    same = SurveyDefinition.model_validate(content)
    assert survey_library.checksum(same) == survey_library.checksum(v1)
    assert survey_library.checksum(v1).startswith("8470987ce5")  # as published before
    changed = content | {
        "questions": [{**content["questions"][0], "ask_by_text": False}, *content["questions"][1:]]
    }
    assert survey_library.checksum(SurveyDefinition.model_validate(changed)) != (
        survey_library.checksum(v1)
    )


def _newest(key):
    return max((d for d in library.survey_library() if d.key == key), key=lambda d: d.version)


def test_the_under_8s_newest_version_asks_on_three_faces_as_its_file_describes():
    under_8 = _newest("young-person-under-8")
    assert (under_8.version, under_8.read_with_an_adult) == (4, True)
    statements = [q for q in under_8.questions if q.statement]
    assert [q.key for q in statements] == ["worker_listened", "know_my_worker", "feel_ok_talking"]
    assert {q.scale for q in statements} == {"three_faces"}
    three = library.scales().for_question(statements[0])
    assert [(o.value, o.en, o.drawing) for o in three.options] == [
        (1, "Sad", "sad"),
        (3, "OK", "ok"),
        (5, "Happy", "happy"),
    ]
    assert three.not_applicable is None  # no "I don't know": a young child skips instead
    assert under_8.intro.render_en() != "Tap a face."  # said on a page with no face


def test_the_under_8s_version_3_is_published_with_a_fixed_fingerprint():
    v3 = next(
        d for d in library.survey_library() if (d.key, d.version) == ("young-person-under-8", 3)
    )
    assert library.checksum(v3).startswith("785c088af7")


def test_the_fields_added_for_the_youngest_leave_earlier_fingerprints_alone():
    fingerprints = {(d.key, d.version): library.checksum(d)[:10] for d in library.survey_library()}
    assert fingerprints[("young-person-under-8", 2)] == "db9df4de89"
    assert fingerprints[("young-person", 2)] == "c87070fc40"
    assert fingerprints[("parent-carer", 2)] == "46e11cd292"


def test_every_face_is_drawn_and_never_only_an_emoji():
    faces = library.scales().faces.options
    assert [o.drawing for o in faces] == ["very_sad", "sad", "ok", "happy", "very_happy"]


def test_three_faces_sit_on_one_three_and_five_and_nothing_else(tmp_path: Path):
    source = (library.LIBRARY_DIR / "scales.yaml").read_text()
    (tmp_path / "scales.yaml").write_text(
        source.replace("- value: 3\n      drawing: ok", "- value: 2\n      drawing: ok")
    )
    with pytest.raises(LibraryError, match="1, 3 and 5"):
        library.scales(tmp_path)


def test_only_a_faces_question_can_have_three_faces(tmp_path: Path):
    source = (library.LIBRARY_DIR / "parent-carer" / "v1.yaml").read_text()
    folder = tmp_path / "parent-carer"
    folder.mkdir()
    (folder / "v1.yaml").write_text(
        source.replace("kind: agreement", "kind: agreement\n    scale: three_faces", 1)
    )
    with pytest.raises(LibraryError, match="only faces questions can have three faces"):
        library.load_survey_file(folder / "v1.yaml")
