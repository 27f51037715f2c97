"""The honest figures: leave-one-set-out trains on the other writers' sets only, and scores the
whole pipeline (rules and model) beside the rules alone on the set held out."""

from dataclasses import replace

from analysis import base_evaluation
from tests.analysis.labelled_examples import TINY


def test_leave_one_set_out_scores_each_set_with_a_model_that_never_saw_it():
    # Three "writers", every third answer, so each set has each theme and a disclosure.
    items = [replace(item, set="abc"[n % 3]) for n, item in enumerate(TINY)]
    rules = base_evaluation.rules(items)
    results = base_evaluation.leave_one_set_out(items, rules)
    assert set(results) == {"a", "b", "c"}
    for held, result in results.items():
        assert result["answers"] == sum(1 for i in items if i.set == held)
        assert set(result["theme_macro_f1"]) == {"rules", "pipeline"}
        assert set(result["safeguarding"]) == {"rules", "alert", "alert_or_concern"}
        tiers = result["safeguarding"]
        # everything an alert finds, alert-or-concern finds too
        assert tiers["alert_or_concern"]["found"] >= tiers["alert"]["found"]
        assert tiers["alert"]["found"] >= tiers["rules"]["found"]
