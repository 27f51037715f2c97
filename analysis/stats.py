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


# Who is looking decides how exact a figure may be (decision 33). Inside the dashboard,
# managers, the rights team and admins hold the records the counts are made of, so exact counts
# tell them nothing new; a practitioner, and anything that leaves the system (digest emails,
# exports, public pages, API reports), gets counts of 1-4 as "<5". A role is a plain string so
# this module stays free of the api's enums.
EXACT_ROLES = frozenset({"admin", "rights_team", "manager"})
LEAVES_THE_SYSTEM = "leaves_the_system"


def sees_exact_counts(viewer: str) -> bool:
    """True for a role that reads exact counts inside the dashboard."""
    return viewer in EXACT_ROLES


def shown_count(count: int, viewer: str, policy: SuppressionPolicy) -> int | str:
    """The one function a count passes through before a person, a file or an email sees it.
    `viewer` is the staff role looking, or LEAVES_THE_SYSTEM."""
    return count if sees_exact_counts(viewer) else suppress_count(count, policy)


def shown_share(successes: int, n: int, viewer: str, policy: SuppressionPolicy) -> PublishedShare:
    """A share as this viewer may see it. Under `pct_min_n` answers there is no share for
    anyone (it would be noise, not a finding); an exact viewer still sees the counts."""
    share = publish_share(successes, n, policy)
    if not sees_exact_counts(viewer):
        return share
    return PublishedShare(
        n=n, count=successes, pct=share.pct, ci_low=share.ci_low, ci_high=share.ci_high
    )


@dataclass(frozen=True)
class RateChange:
    """How often something happened now against a baseline, and whether the difference is
    beyond what chance gives (Fisher's exact test, two-sided)."""

    now: int
    now_total: int
    before: int
    before_total: int
    p_value: float

    @property
    def direction(self) -> int:
        """+1 more often, -1 less often, 0 no change beyond noise (p >= 0.05)."""
        if self.p_value >= 0.05 or self.now_total == 0 or self.before_total == 0:
            return 0
        now_rate, before_rate = self.now / self.now_total, self.before / self.before_total
        return (now_rate > before_rate) - (now_rate < before_rate)


def rate_change(now: int, now_total: int, before: int, before_total: int) -> RateChange:
    """Compare `now` of `now_total` with `before` of `before_total` (say, responses
    mentioning a theme this week against the thirteen weeks before). Exact, so it holds for
    the small counts a team's week gives, where a z-test would not."""
    if not (0 <= now <= now_total and 0 <= before <= before_total):
        raise ValueError("a count cannot be below 0 or above its total")
    if now_total == 0 or before_total == 0:
        return RateChange(now, now_total, before, before_total, 1.0)
    from scipy.stats import fisher_exact  # imported on use: scipy costs start-up time

    table = [[now, now_total - now], [before, before_total - before]]
    _, p_value = fisher_exact(table, alternative="two-sided")
    return RateChange(now, now_total, before, before_total, float(p_value))
