"""Agreement between the automatic tags and people's: precision, recall, Cohen's kappa. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Agreement beyond chance between two raters; None when it is undefined."""
    if len(first) != len(second) or not first:
        return None
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    left, right = Counter(first), Counter(second)
    expected = sum(left[k] * right[k] for k in left.keys() | right.keys()) / (n * n)
    if expected == 1:
        return None  # both raters said the same one thing every time
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    precision: float | None
    recall: float | None
    kappa: float | None
    reviewed_with_theme: int


def theme_agreement(
    pairs: Sequence[tuple[set[str], set[str]]], themes: Sequence[str]
) -> list[ThemeAgreement]:
    """pairs: (automatic theme ids, reviewer's theme ids) for each reviewed answer."""
    results = []
    for theme in themes:
        automatic = [theme in auto for auto, _ in pairs]
        human = [theme in person for _, person in pairs]
        tp = sum(a and h for a, h in zip(automatic, human, strict=True))
        found, truth = sum(automatic), sum(human)
        results.append(
            ThemeAgreement(
                theme=theme,
                precision=tp / found if found else None,
                recall=tp / truth if truth else None,
                kappa=cohen_kappa(automatic, human),
                reviewed_with_theme=truth,
            )
        )
    return results
