"""Retention periods in words, in English and in Welsh with each number's mutation."""

from __future__ import annotations

import pytest

from frontend.retention_words import period


@pytest.mark.parametrize(
    ("days", "en", "cy"),
    [
        (1, "1 day", "1 diwrnod"),
        (90, "90 days", "90 diwrnod"),
        (365, "1 year", "blwyddyn"),
        (730, "2 years", "2 flynedd"),
        (1825, "5 years", "5 mlynedd"),
        (2190, "6 years", "6 blynedd"),
        (4380, "12 years", "12 o flynyddoedd"),
    ],
)
def test_a_period_reads_as_years_when_it_is_whole_years(days, en, cy):
    assert period(days, "en") == en
    assert period(days, "cy") == cy
