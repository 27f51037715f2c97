"""The reading-age estimate: Flesch-Kincaid grade plus five, with a syllable rule of thumb."""

from __future__ import annotations

import pytest

from api.surveys import readability


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("sad", 1),
        ("make", 1),
        ("talked", 1),
        ("wanted", 2),
        ("little", 2),
        ("happy", 2),
        ("worker", 2),
        ("understand", 3),
        ("services", 3),
        ("anonymous", 4),
        ("confidential", 4),
    ],
)
def test_syllables_are_counted_as_a_reader_says_them(word, count):
    assert readability.syllables(word) == count


def test_short_plain_words_read_young_and_long_ones_old():
    assert readability.reading_age("I know who my worker is") <= 7
    long = (
        "If you tell us something that makes us worried you are not safe, we will share it "
        "with people whose job is keeping children safe."
    )
    assert readability.reading_age(long) >= 12  # the sentence the testers scored


def test_the_formula_is_flesch_kincaids():
    # 6 words, 1 sentence, 7 syllables: 0.39 * 6 + 11.8 * 7 / 6 - 15.59 = 0.517
    assert readability.grade("I know who my worker is") == pytest.approx(0.517, abs=0.01)
    assert readability.reading_age("") == 5.0


def test_welsh_letters_stay_inside_their_words():
    assert readability.words("Bydd tîm dy weithiwr yn darllen dy atebion â'r ffôn") == [
        "Bydd", "tîm", "dy", "weithiwr", "yn", "darllen", "dy", "atebion", "â'r", "ffôn",
    ]  # fmt: skip
    assert readability.sentences("We have passed this on. Someone will call.") == [
        "We have passed this on",
        "Someone will call",
    ]
