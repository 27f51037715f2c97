"""Published figures: top-two-box shares, Wilson intervals and small-number suppression."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class SuppressionPolicy:
    """Common UK practice: no percentage from under 10 answers; counts of 1-4 shown as "<5"."""

    pct_min_n: int = 10
    count_min: int = 5

    def __post_init__(self) -> None:
        if self.pct_min_n < 1 or self.count_min < 1:
            raise ValueError("suppression thresholds must be at least 1")


@dataclass(frozen=True)
class PublishedShare:
    """A share as it may leave the system: suppressed parts are None or "<N"."""

    n: int | str
    # None when the share is suppressed: a count beside its n would give the share away.
    count: int | str | None
    pct: float | None
    ci_low: float | None
    ci_high: float | None

    @property
    def suppressed(self) -> bool:
        return self.pct is None


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as fractions in [0, 1]."""
    if n <= 0:
        raise ValueError("an interval needs at least one answer")
    if not 0 <= successes <= n:
        raise ValueError("successes must be between 0 and n")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At 0 or n the bound is exactly 0 or 1; say so rather than leave float dust.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def suppress_count(count: int, policy: SuppressionPolicy) -> int | str:
    """A count as it may be shown: 0 and counts at or over the threshold as they are."""
    if 0 < count < policy.count_min:
        return f"<{policy.count_min}"
    return count


def publish_share(successes: int, n: int, policy: SuppressionPolicy) -> PublishedShare:
    """The one function every share passes through before it leaves the system."""
    if n < policy.pct_min_n:
        return PublishedShare(
            n=suppress_count(n, policy),
            count=None,
            pct=None,
            ci_low=None,
            ci_high=None,
        )
    low, high = wilson_interval(successes, n)
    return PublishedShare(
        n=n,
        count=suppress_count(successes, policy),
        pct=round(100 * successes / n, 1),
        ci_low=round(100 * low, 1),
        ci_high=round(100 * high, 1),
    )


def change_in_points(current: PublishedShare, previous: PublishedShare | None) -> float | None:
    """Percentage-point change; None when either side is suppressed or missing."""
    if previous is None or current.pct is None or previous.pct is None:
        return None
    return round(current.pct - previous.pct, 1)
