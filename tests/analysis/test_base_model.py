"""The shipped base model: learns from labelled answers, reads wording it has not seen, keeps
the question's frame, and is stored as numbers that load without unpickling anything."""

import hashlib
import io
import json
import pickle
from dataclasses import replace

import numpy as np
import pytest

from analysis import base_model
from analysis.base_model import BaseModel, Settings
from tests.analysis.labelled_examples import (
    CHANGE,
    ELSE,
    HELPED,
    SETTINGS,
    TINY,
    answer,
)


@pytest.fixture(scope="module")
def model():
    return base_model.train(TINY, SETTINGS)


def themes_of(model, text, question=ELSE):
    return {theme for theme, _, _ in model.predict([text], [question])[0].themes}


def test_finds_the_theme_in_wording_it_was_not_trained_on(model):
    assert "communication" in themes_of(model, "he never called me back once")
    assert "timeliness" in themes_of(model, "we waited and waited for months")
    assert themes_of(model, "the trip was fun") == set()


def test_the_question_s_frame_changes_what_nothing_means(model):
    to_change, to_else = model.predict(["Nothing"] * 2, [CHANGE, ELSE])
    assert to_change.sentiment == "positive"
    assert to_else.sentiment == "neutral"
    # The frame is read from the question's words as well as from a survey key.
    assert model.predict(["Nothing"], ["What could we do better?"])[0].sentiment == "positive"
    assert model.predict(["Nothing"], ["one_thing_to_change"])[0].sentiment == "positive"


def test_safeguarding_is_a_probability_higher_for_a_disclosure(model):
    disclosure, ordinary = model.predict(["my stepdad hits me", "the trip was fun"])
    assert 0 <= ordinary.safeguarding < disclosure.safeguarding <= 1


def test_round_trips_through_its_stored_form_with_identical_predictions(model, tmp_path):
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = BaseModel.load(path)
    texts = ["he never called me back", "Nothing", "dad hits me", "kind", ""]
    questions = [ELSE, CHANGE, ELSE, HELPED, None]
    for before, after in zip(
        model.probabilities(texts, questions), loaded.probabilities(texts, questions), strict=True
    ):
        assert np.array_equal(before, after)
    assert loaded.predict(texts, questions) == model.predict(texts, questions)
    assert loaded.settings == SETTINGS


def test_loading_never_unpickles(model, tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    model.save(path)

    def refuse(*args, **kwargs):
        raise AssertionError("a stored model was unpickled")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    BaseModel.load(path).predict(["hello"])
    # A file carrying an object array (which only a pickle can hold) is refused.
    with np.load(path, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays["theme_labels"] = np.array([{"code": "run me"}], dtype=object)
    evil = tmp_path / "evil.npz"
    np.savez(evil, **arrays)
    with pytest.raises(ValueError, match="pickle"):
        BaseModel.load(evil)


def test_the_train_command_chooses_settings_on_its_corpus_and_records_its_hash(tmp_path):
    from typer.testing import CliRunner

    from api.cli import app

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    rows = [
        {
            "id": str(n),
            "set": "one" if n < len(TINY) else "two",  # two writers: two inner folds
            "audience": "parent",
            "question": item.question,
            "text": item.text,
            "themes": [{"id": t, "polarity": p} for t, p in item.themes],
            "sentiment": item.sentiment,
            "safeguarding": item.safeguarding,
            "category": "physical_abuse" if item.safeguarding else None,
            "lang": "en",
        }
        for n, item in enumerate(TINY * 2)  # min_df=2 needs each word twice
    ]
    (corpus_dir / "one.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    out = tmp_path / "model.npz"
    encoded = tmp_path / "encoded.npz"
    result = CliRunner().invoke(
        app,
        [
            "model",
            "train",
            "--corpus",
            str(corpus_dir),
            "--out",
            str(out),
            "--encoded-out",
            str(encoded),
            "--embeddings",
            str(tmp_path / "embeddings.npz"),
        ],
    )
    assert result.exit_code == 0, result.output
    # The slow lane's model beside it, reading the encoder, its alert chosen beside the fast's.
    slow = json.loads(encoded.with_suffix(".json").read_text(encoding="utf-8"))
    assert slow["encoder"] == BaseModel.load(encoded).settings.encoder is not None
    assert slow["alert_threshold_chosen_for"] == "rules ∪ fast lane ∪ this model"
    assert slow["model_sha256"] == hashlib.sha256(encoded.read_bytes()).hexdigest()
    assert (tmp_path / "embeddings.npz").exists()  # kept for the next run
    record = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert (
        record["training_data"]["corpus_sha256"]
        == hashlib.sha256(
            b"one.jsonl\0" + (corpus_dir / "one.jsonl").read_bytes() + b"\0"
        ).hexdigest()
    )
    assert record["model_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    settings = record["settings"]
    assert settings["theme_c"] in base_model.C_GRID
    assert settings["theme_threshold"] in base_model.THEME_THRESHOLDS
    assert 0 < settings["concern"] <= settings["alert"] <= 1
    assert record["cross_validation_on_training_data"]["inner_folds"] == 2
    assert BaseModel.load(out).predict(["Nothing"], [CHANGE])[0].sentiment == "positive"


def test_alert_is_precision_first_and_concern_recall_first():
    truth = np.array([True, True, True, False, False, False, False])
    scores = np.array([0.9, 0.6, 0.2, 0.7, 0.3, 0.1, 0.05])
    alert, concern, ordinary = base_model.thresholds(truth, scores)
    assert alert == 0.9  # the lowest threshold at which precision reaches 0.9
    assert concern == 0.2  # the highest at which every disclosure is still found
    assert ordinary == 0.2  # below the quietest disclosure a child's words are "ordinary"


@pytest.mark.parametrize("shipped", [base_model.DEFAULT_MODEL, base_model.ENCODED_MODEL])
def test_each_shipped_model_is_the_one_its_record_describes(shipped):
    record = json.loads(shipped.with_suffix(".json").read_text(encoding="utf-8"))
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == record["model_sha256"]
    assert len(record["training_data"]["corpus_sha256"]) == 64
    assert shipped.stat().st_size <= 10_000_000
    model = BaseModel.load(shipped)
    assert model.settings.encoder == record["encoder"]
    assert model.predict(["Nothing"], [CHANGE])[0].sentiment == "positive"


def test_both_shipped_models_learned_from_the_same_answers():
    fast, slow = (
        json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        for path in (base_model.DEFAULT_MODEL, base_model.ENCODED_MODEL)
    )
    assert fast["training_data"] == slow["training_data"]
    assert fast["encoder"] is None and slow["encoder"] is not None


def test_beside_alerts_already_raised_a_model_adds_only_as_precisely():
    truth = np.array([True, True, False, True] + [False] * 6)
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])
    already = np.zeros(10, dtype=bool)
    already[[0, 4]] = True  # what the rules and the fast lane raise: precision 0.5
    alone, _, _ = base_model.thresholds(truth, scores)
    beside, _, _ = base_model.thresholds(truth, scores, alongside=already)
    assert alone == 0.8  # precision 0.9 alone: the top two
    assert beside == 0.4  # the union keeps 0.5 (3 of 6) down to 0.4, and no lower


def test_the_corpus_is_read_with_its_set_language_and_category(tmp_path):
    from analysis import corpus

    rows = [
        {
            "id": "a1",
            "set": "kids",
            "audience": "child",
            "question": CHANGE,
            "text": "nothing",
            "themes": [],
            "sentiment": "positive",
            "safeguarding": False,
            "category": None,
            "lang": "en",
        },
        {
            "id": "a2",
            "set": "kids",
            "audience": "carer",
            "question": ELSE,
            "text": "mae o'n fy nharo i",
            "themes": [{"id": "caring", "polarity": "negative"}],
            "sentiment": "neutral",
            "safeguarding": True,
            "category": "physical_abuse",
            "lang": "cy",
        },
    ]
    (tmp_path / "kids.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    first, second = corpus.load(tmp_path)
    assert (first.audience, first.set, first.lang, first.categories) == (
        "young_person",
        "kids",
        "en",
        frozenset(),
    )
    assert (second.audience, second.lang, second.categories, second.themes) == (
        "parent_carer",
        "cy",
        frozenset({"physical_abuse"}),
        frozenset({("caring", "negative")}),
    )
    before = corpus.sha256(tmp_path)
    (tmp_path / "kids.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    assert corpus.sha256(tmp_path) != before


def test_round_trips_through_bytes_and_refuses_a_pickle(model, monkeypatch):
    data = model.to_bytes()
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("unpickled"))
    loaded = BaseModel.from_bytes(data)
    texts, questions = ["he never called me back", "Nothing"], [ELSE, CHANGE]
    assert loaded.predict(texts, questions) == model.predict(texts, questions)
    assert loaded.settings == SETTINGS
    with np.load(io.BytesIO(data), allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays["theme_labels"] = np.array([{"code": "run me"}], dtype=object)
    evil = io.BytesIO()
    np.savez(evil, **arrays)
    with pytest.raises(ValueError, match="pickle"):
        BaseModel.from_bytes(evil.getvalue())


# A council's own labels: no safeguarding, and themes given as bare ids (polarity "any").
def council_answer(text, theme=None, sentiment="neutral"):
    return replace(answer(text, [(theme, "any")] if theme else (), sentiment), safeguarding=None)


COUNCIL = [
    council_answer("the duty desk never rang back", "communication", "negative"),
    council_answer("duty desk never answered my calls", "communication", "negative"),
    council_answer("no one on the duty desk rang back", "communication", "negative"),
    council_answer("the duty desk always rang back the same day", "communication", "positive"),
    council_answer("duty desk answered my calls every time", "communication", "positive"),
    council_answer("kind and warm every visit", "caring", "positive"),
    council_answer("a really kind worker", "caring", "positive"),
    council_answer("she was kind to my kids", "caring", "positive"),
    council_answer("the school trip was fun", None, "neutral"),
    council_answer("no comment", None, "neutral"),
] * 2  # min_df=2


def test_a_council_s_labels_train_without_safeguarding_labels():
    assert len(base_model.folds_of(COUNCIL)) == base_model.INNER_FOLDS
    settings, _ = base_model.select(COUNCIL, Settings(min_df=1))
    assert (settings.alert, settings.concern) == (1.0, 1.0)
    council = base_model.train(COUNCIL, settings)
    assert not council.arrays["safeguarding_coef"].any()
    assert council.predict(["my stepdad hits me"])[0].safeguarding < 0.01


def test_a_bare_theme_id_takes_its_polarity_from_the_sentiment():
    council = base_model.train(COUNCIL, replace(SETTINGS, min_df=1))
    assert "communication:any" in council.theme_labels
    never, always = council.predict(
        ["the duty desk never rang me back", "the duty desk always rang back"]
    )
    assert ("communication", "negative") in {(t, p) for t, p, _ in never.themes}
    assert ("communication", "positive") in {(t, p) for t, p, _ in always.themes}
    assert all(p != "any" for t, p, _ in never.themes + always.themes)


def test_the_fast_space_gives_what_scikit_learn_would():
    # The stored model's spaces skip scikit-learn's per-call checks; the numbers must not move.
    model = BaseModel.load(base_model.DEFAULT_MODEL)
    texts = ["She never rang back, not once!!", "Roedd hi'n wych", "dunno", "", "🙂 ok", "x" * 500]
    for name, space in zip(("word", "char", "framed"), model._vectorizers, strict=True):
        make = {"word": base_model._word, "char": base_model._char, "framed": base_model._framed}
        reference = make[name](1, None, {t: i for i, t in enumerate(space.index)})
        reference.idf_ = space.idf
        documents = [base_model._document(t) for t in texts]
        if name == "framed":
            documents = [base_model._framed_document(d, CHANGE) for d in documents]
        ours, theirs = space.transform(documents), reference.transform(documents)
        assert ours.shape == theirs.shape
        assert np.allclose(ours.toarray(), theirs.toarray(), atol=1e-6)


def test_unlabelled_safeguarding_teaches_the_other_heads_only():
    from dataclasses import replace

    unlabelled = [replace(item, safeguarding=None) for item in TINY]
    model = base_model.train(unlabelled, SETTINGS)
    # nothing was labelled, so nothing was learned: not "every answer is ordinary"
    assert not model.arrays["safeguarding_coef"].any()
    assert themes_of(model, "nobody returns my calls") == {"communication"}
    mixed = TINY + unlabelled
    assert list(base_model.safeguarding_labelled(mixed)) == list(range(len(TINY)))


def test_the_projects_own_sets_train_themes_and_sentiment_but_not_safeguarding(tmp_path):
    from analysis import corpus

    path = tmp_path / "set.txt"
    path.write_text(
        "# audience|question|sentiment|safeguarding|themes|text\n"
        "yp|worries|neg|physical_abuse||dad hits me\n"
        "pc|one_thing_to_change|neg|-|communication-|she never rings back\n",
        encoding="utf-8",
    )
    disclosure, ordinary = corpus.project_sets([path])
    assert disclosure.safeguarding is None and disclosure.sentiment == "neutral"
    assert ordinary.sentiment == "negative" and ordinary.themes == {("communication", "negative")}
    assert {disclosure.set, ordinary.set} == {corpus.PROJECT_SET}
