"""Who we are not hearing: each group's response rate against the rest of its dimension.

Pure: counts in, gaps out. A group is "well below" the rest when it answered less often and
Fisher's exact test on the counts (`stats.rate_change`, the digest's one rule for change)
gives p < 0.05; never from eyeballing two percentages, and never from a group (or a rest) too
small to have a share at all (`pct_min_n`, decision 33)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.stats import rate_change

WELL_BELOW_P = 0.05


@dataclass(frozen=True)
class GroupCounts:
    """One group of one dimension ("age_band", "13-17") over a period."""

    dimension: str
    group: str
    caseload: int  # every contact the case events named, invited or not
    invited: int  # invitations made (not skipped)
    reached: int  # invitations sent
    responded: int  # invitations with a stored response

    def __post_init__(self) -> None:
        if not 0 <= self.responded <= self.invited <= self.caseload:
            raise ValueError("responded <= invited <= caseload, none below 0")
        if not 0 <= self.reached <= self.invited:
            raise ValueError("reached must be between 0 and invited")


@dataclass(frozen=True)
class Gap:
    """A group that answered well below the rest of its dimension."""

    dimension: str
    group: str
    responded: int
    invited: int
    rest_responded: int
    rest_invited: int
    p_value: float

    @property
    def pct(self) -> float:
        return round(100 * self.responded / self.invited, 1)

    @property
    def rest_pct(self) -> float:
        return round(100 * self.rest_responded / self.rest_invited, 1)


def well_below(groups: Iterable[GroupCounts], *, min_n: int) -> list[Gap]:
    """Every group whose response rate (responded of invited) is lower than the rest of its
    dimension beyond chance, most significant first. Both the group and the rest need at
    least `min_n` invitations: below that neither has a share to compare."""
    by_dimension: dict[str, list[GroupCounts]] = defaultdict(list)
    for group in groups:
        by_dimension[group.dimension].append(group)
    found: list[Gap] = []
    for dimension, members in by_dimension.items():
        invited = sum(g.invited for g in members)
        responded = sum(g.responded for g in members)
        for group in members:
            rest_invited, rest_responded = invited - group.invited, responded - group.responded
            if group.invited < min_n or rest_invited < min_n:
                continue
            change = rate_change(group.responded, group.invited, rest_responded, rest_invited)
            if change.p_value < WELL_BELOW_P and change.direction < 0:
                found.append(
                    Gap(
                        dimension=dimension,
                        group=group.group,
                        responded=group.responded,
                        invited=group.invited,
                        rest_responded=rest_responded,
                        rest_invited=rest_invited,
                        p_value=change.p_value,
                    )
                )
    return sorted(found, key=lambda gap: (gap.p_value, gap.dimension, gap.group))
