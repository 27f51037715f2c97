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


@pytest.fixture(scope="module")
def rules_scores() -> evaluation.Scores:
    return evaluation.evaluate(evaluation.load_dev_set(DEV_SET), rules_only=True)


def test_the_development_set_has_at_least_300_answers_from_every_audience():
    items = evaluation.load_dev_set(DEV_SET)
    assert len(items) >= 300
    assert {i.audience for i in items} >= {"parent_carer", "young_person", "partner"}
    assert sum(1 for i in items if i.safeguarding) >= 30


def test_safeguarding_recall_comes_first(scores, rules_scores):
    for measured in (scores, rules_scores):
        assert measured.safeguarding_recall is not None and measured.safeguarding_recall >= 0.97
        assert measured.safeguarding_precision is not None
        assert measured.safeguarding_precision >= 0.6


def test_the_rules_alone_keep_their_figures_on_the_set_they_were_written_against(rules_scores):
    assert rules_scores.macro_f1 >= 0.8
    assert rules_scores.sentiment_accuracy >= 0.8


def test_the_base_model_costs_the_rules_little_on_their_own_set(scores, rules_scores):
    # The model's gain is on other people's words (docs/analysis.md, leave-one-set-out); on
    # the rules' own set, where they flatter, the extra tags may cost a few points, no more.
    # (The shipped model trains on this set's themes and sentiment too, so this is a floor
    # against breakage, not a measurement.)
    assert scores.macro_f1 >= rules_scores.macro_f1 - 0.06
    assert scores.sentiment_accuracy >= 0.78


def test_sentiment_beats_raw_textblob_by_twenty_points(scores):
    assert scores.sentiment_accuracy - scores.textblob_accuracy >= 0.2
