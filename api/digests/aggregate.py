"""The pure middle of a digest: themes rising and falling, and which quotes to show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_QUOTES = 5
THEMES_SHOWN = 4


@dataclass(frozen=True)
class ThemeChange:
    theme: str
    polarity: str
    now: int
    before: int

    @property
    def change(self) -> int:
        return self.now - self.before


def theme_changes(
    now: Mapping[tuple[str, str], int], before: Mapping[tuple[str, str], int]
) -> tuple[list[ThemeChange], list[ThemeChange]]:
    """(rising, falling): the themes mentioned most more, and most less, than in the period
    before, biggest change first; ties by how often they were mentioned now."""
    changes = [
        ThemeChange(
            theme, polarity, now.get((theme, polarity), 0), before.get((theme, polarity), 0)
        )
        for theme, polarity in sorted({*now, *before})
    ]
    rising = sorted(
        (c for c in changes if c.change > 0), key=lambda c: (-c.change, -c.now, c.theme)
    )
    falling = sorted(
        (c for c in changes if c.change < 0), key=lambda c: (c.change, -c.before, c.theme)
    )
    return rising[:THEMES_SHOWN], falling[:THEMES_SHOWN]


@dataclass(frozen=True)
class Candidate:
    """A redacted answer that could be quoted."""

    answer_id: int
    text: str
    sentiment: float
    themes: tuple[str, ...]


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
