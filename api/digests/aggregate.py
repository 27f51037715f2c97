"""The pure middle of a digest: themes rising and falling beyond noise, and which quotes to
show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.stats import RateChange, rate_change

MAX_QUOTES = 5
THEMES_SHOWN = 4


@dataclass(frozen=True)
class ThemeChange:
    """How many responses mentioned a theme (with a polarity) now and in the baseline, out
    of how many heard, and whether the difference is beyond noise."""

    theme: str
    polarity: str
    test: RateChange

    @property
    def now(self) -> int:
        return self.test.now

    @property
    def before(self) -> int:
        return self.test.before


def theme_changes(
    now: Mapping[tuple[str, str], int],
    now_total: int,
    before: Mapping[tuple[str, str], int],
    before_total: int,
) -> tuple[list[ThemeChange], list[ThemeChange]]:
    """(rising, falling): the themes mentioned in a larger, or smaller, share of responses
    than in the baseline, where Fisher's exact test on the counts says p < 0.05; the
    clearest first. A theme up from 1 to 3 is not a rise: two small numbers differ by chance."""
    changes = [
        ThemeChange(
            theme,
            polarity,
            rate_change(
                now.get((theme, polarity), 0),
                now_total,
                before.get((theme, polarity), 0),
                before_total,
            ),
        )
        for theme, polarity in sorted({*now, *before})
    ]

    def clearest(c: ThemeChange) -> tuple[float, int, str]:
        return (c.test.p_value, -c.now, c.theme)

    rising = sorted((c for c in changes if c.test.direction > 0), key=clearest)
    falling = sorted((c for c in changes if c.test.direction < 0), key=clearest)
    return rising[:THEMES_SHOWN], falling[:THEMES_SHOWN]


@dataclass(frozen=True)
class Candidate:
    """A redacted answer that could be quoted."""

    answer_id: int
    text: str
    sentiment: float
    themes: tuple[str, ...]
    language: str = "en"  # the answer's stored language: a Welsh quote is marked so


def representative_quotes(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Up to five quotes, chosen, not sampled: the clearest positive and negative answers
    (by sentiment), each bringing a theme not yet shown, positive and negative in turn.
    Answers with no theme say little on their own and are left out."""
    themed = [c for c in candidates if c.themes and len(c.text.split()) >= 3]
    positive = sorted(
        (c for c in themed if c.sentiment > 0), key=lambda c: (-c.sentiment, c.answer_id)
    )
    negative = sorted(
        (c for c in themed if c.sentiment < 0), key=lambda c: (c.sentiment, c.answer_id)
    )
    chosen: list[Candidate] = []
    shown: set[str] = set()
    pools = [iter(negative), iter(positive)]
    turn = 0
    while len(chosen) < MAX_QUOTES and pools:
        pool = pools[turn % len(pools)]
        # This pool's next answer that brings a theme not yet shown.
        found = next((c for c in pool if not set(c.themes) <= shown), None)
        if found is None:
            pools.remove(pool)  # this side has nothing new to say; the other goes on
            continue
        chosen.append(found)
        shown.update(found.themes)
        turn += 1
    return chosen
