"""A share against the target, judged by its 95% interval rather than by the point alone.

72% against a target of 75% from 40 answers is not "below target": the interval (57-84%)
holds the target, so the answers cannot tell. Only an interval wholly under the target is
clearly below it, and only one wholly over it is clearly above.
"""

from __future__ import annotations

from enum import StrEnum


class Judgement(StrEnum):
    clearly_below = "clearly_below"
    around = "around"
    clearly_above = "clearly_above"
    too_few = "too_few"

    @property
    def words(self) -> str:
        return WORDS[self]


WORDS = {
    Judgement.clearly_below: "Clearly below target",
    Judgement.around: "Around target",
    Judgement.clearly_above: "Clearly above target",
    Judgement.too_few: "Too few answers to say",
}


def judge(low: float | None, high: float | None, target: float) -> Judgement:
    """Where a share's interval (per cent) lies against the target (per cent)."""
    if low is None or high is None:
        return Judgement.too_few
    if high < target:
        return Judgement.clearly_below
    if low > target:
        return Judgement.clearly_above
    return Judgement.around
