"""A share is judged against the target by its interval, not by the point alone."""

from __future__ import annotations

import pytest

from api.dashboard.judgement import Judgement, judge


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (60.0, 74.9, Judgement.clearly_below),  # the whole interval under 75
        (57.0, 84.0, Judgement.around),  # 72% from 40 answers: cannot tell
        (75.0, 90.0, Judgement.around),  # touching the target is not clearly above it
        (75.1, 90.0, Judgement.clearly_above),
        (None, None, Judgement.too_few),
    ],
)
def test_the_interval_decides(low, high, expected):
    assert judge(low, high, 75) is expected


def test_each_judgement_says_itself_in_words():
    assert [j.words for j in Judgement] == [
        "Clearly below target",
        "Around target",
        "Clearly above target",
        "Too few answers to say",
    ]
