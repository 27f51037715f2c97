"""What a council's own labels buy: each fold's council model is trained on the other folds and
the analysis is scored on the held-out answers, with and without it."""

import json

from analysis import council_evaluation, labelled_file
from analysis.labelled import Labelled

CHANGE = "What could we do better?"
THINGS = ["the meeting", "the plan", "my son", "the review", "school", "the move", "contact"]


def history() -> list[dict]:
    """A council's past answers in its own idiom (no rule knows "brick wall"), some themes
    as bare ids, some with a polarity."""
    rows = []
    for thing in THINGS * 2:
        rows += [
            {"text": f"the duty desk was a brick wall about {thing}", "themes": ["communication"]},
            {
                "text": f"a proper diamond, she sorted {thing} for us",
                "themes": [{"id": "caring", "polarity": "positive"}],
                "sentiment": "positive",
            },
            {"text": f"{thing} took an age and a half", "themes": ["timeliness"]},
            {"text": f"{thing} was alright i suppose", "themes": [], "sentiment": "neutral"},
        ]
        rows[-4]["sentiment"] = rows[-2]["sentiment"] = "negative"
    for number, row in enumerate(rows):
        row.update(id=str(number), question=CHANGE)
    return rows


def items() -> list[Labelled]:
    return labelled_file.parse([json.dumps(r) for r in history()])


def test_cross_validation_scores_with_and_without_the_council_model():
    result = council_evaluation.cross_validate(items(), folds=3, seed=0)
    assert {"theme_macro_f1", "per_theme", "sentiment_accuracy", "without_council"} <= set(result)
    assert (result["items"], result["folds"], len(result["settings"])) == (56, 3, 3)
    assert set(result["per_theme"]) == {"communication", "caring", "timeliness"}
    assert set(result["per_theme"]["caring"]) == {"precision", "recall", "f1", "support"}
    assert result["per_theme"]["communication"]["support"] == 14
    # The council's idiom is what its own labels teach: the rules and base model miss it.
    assert result["theme_macro_f1"] > result["without_council"]["theme_macro_f1"]
    assert result["per_theme"]["communication"]["f1"] >= 0.9


def test_scores_count_only_themes_in_the_labels_and_mixed_as_neutral_when_asked():
    gold = [
        Labelled("a", None, None, frozenset({("caring", "any")}), "neutral", None),
        Labelled("b", None, None, frozenset(), "positive", None),
    ]
    views = [({"caring", "respect"}, "mixed"), ({"caring"}, "positive")]
    plain = council_evaluation.scores(gold, views)
    assert set(plain["per_theme"]) == {"caring"}
    assert plain["per_theme"]["caring"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.667,
        "support": 1,
    }
    assert plain["sentiment_accuracy"] == 0.5
    three_way = council_evaluation.scores(gold, views, mixed_is_neutral=True)
    assert three_way["sentiment_accuracy"] == 1.0
