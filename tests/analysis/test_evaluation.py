"""The analysis meets its targets on the development set (tests/data/analysis_dev.txt).

These numbers are on the set the rules were developed against, so they flatter; the NHS
comments in ../shared/data are the check on text nobody here wrote (see docs/analysis.md)."""

from pathlib import Path

import pytest

from analysis import evaluation

DEV_SET = Path(__file__).resolve().parent.parent / "data" / "analysis_dev.txt"


@pytest.fixture(scope="module")
def scores() -> evaluation.Scores:
    return evaluation.evaluate(evaluation.load_dev_set(DEV_SET))


def test_the_development_set_has_at_least_300_answers_from_every_audience():
    items = evaluation.load_dev_set(DEV_SET)
    assert len(items) >= 300
    assert {i.audience for i in items} >= {"parent_carer", "young_person", "partner"}
    assert sum(1 for i in items if i.safeguarding) >= 30


def test_safeguarding_recall_comes_first(scores):
    assert scores.safeguarding_recall is not None and scores.safeguarding_recall >= 0.97
    assert scores.safeguarding_precision is not None and scores.safeguarding_precision >= 0.6


def test_theme_macro_f1(scores):
    assert scores.macro_f1 >= 0.8


def test_sentiment_beats_raw_textblob_by_twenty_points(scores):
    assert scores.sentiment_accuracy >= 0.8
    assert scores.sentiment_accuracy - scores.textblob_accuracy >= 0.2
