"""Who we are not hearing: a group is well below the rest only when the counts say so."""

import pytest

from analysis.response_gaps import GroupCounts, well_below


def group(dimension, name, invited, responded, caseload=None):
    return GroupCounts(
        dimension=dimension,
        group=name,
        caseload=caseload if caseload is not None else invited,
        invited=invited,
        reached=invited,
        responded=responded,
    )


def test_young_people_answering_far_less_than_parents_are_well_below():
    found = well_below(
        [group("audience", "young_person", 50, 3), group("audience", "parent_carer", 100, 31)],
        min_n=10,
    )
    [gap] = found
    assert (gap.group, gap.pct, gap.rest_pct) == ("young_person", 6.0, 31.0)
    assert gap.p_value < 0.05


def test_a_difference_chance_gives_is_not_a_gap():
    assert well_below([group("age", "13-17", 20, 4), group("age", "8-12", 20, 7)], min_n=10) == []


def test_a_group_answering_more_often_is_not_a_gap():
    found = well_below([group("age", "5-7", 40, 30), group("age", "13-17", 40, 5)], min_n=10)
    assert [g.group for g in found] == ["13-17"]


def test_a_group_too_small_for_a_share_is_never_flagged():
    # 0 of 9 against 50 of 100 would be significant, but 9 invitations have no share.
    assert well_below([group("team", "east", 9, 0), group("team", "west", 100, 50)], min_n=10) == []


def test_each_group_is_compared_with_the_rest_of_its_own_dimension_only():
    found = well_below(
        [
            group("language", "cy", 40, 2),
            group("language", "en", 200, 60),
            group("team", "north", 120, 31),
            group("team", "south", 120, 31),
        ],
        min_n=10,
    )
    assert [(g.dimension, g.group, g.rest_invited) for g in found] == [("language", "cy", 200)]


def test_counts_that_cannot_be_are_refused():
    with pytest.raises(ValueError):
        group("team", "north", invited=5, responded=6)
