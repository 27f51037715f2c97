import pytest

from analysis.agreement import cohen_kappa, theme_agreement


def test_kappa_is_one_for_perfect_agreement_and_zero_for_chance():
    assert cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0


def test_kappa_matches_a_worked_example():
    # 50 answers: both yes 20, both no 15, first yes/second no 5, first no/second yes 10.
    first = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    second = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    assert cohen_kappa(first, second) == pytest.approx(0.4, abs=1e-9)


def test_kappa_is_undefined_without_variation():
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None
    assert cohen_kappa([], []) is None


def test_theme_agreement_counts_precision_and_recall_per_theme():
    pairs = [
        ({"communication"}, {"communication"}),
        ({"communication"}, set()),
        (set(), {"reliability"}),
    ]
    by_theme = {a.theme: a for a in theme_agreement(pairs, ["communication", "reliability"])}
    assert by_theme["communication"].precision == 0.5
    assert by_theme["communication"].recall == 1.0
    assert by_theme["reliability"].recall == 0.0 and by_theme["reliability"].precision is None
