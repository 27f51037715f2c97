import pytest

from analysis.stats import (
    LEAVES_THE_SYSTEM,
    SuppressionPolicy,
    change_in_points,
    publish_share,
    rate_change,
    shown_count,
    shown_share,
    suppress_count,
    wilson_interval,
)

POLICY = SuppressionPolicy()


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    # Worked examples from Newcombe (1998), Statistics in Medicine 17, table I, method 3.
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611)],
)
def test_wilson_interval_matches_newcombes_worked_examples(successes, n, low, high):
    got_low, got_high = wilson_interval(successes, n)
    assert round(got_low, 4) == low
    assert round(got_high, 4) == high


def test_wilson_interval_stays_inside_zero_and_one_at_the_extremes():
    assert wilson_interval(0, 12)[0] == 0.0
    assert wilson_interval(12, 12)[1] == 1.0


def test_wilson_interval_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(5, 4)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (120, 120)])
def test_counts_of_one_to_four_show_as_under_five(count, shown):
    assert suppress_count(count, POLICY) == shown


def test_a_group_under_ten_answers_gets_no_percentage_and_no_count():
    share = publish_share(7, 9, POLICY)
    assert share.pct is None and share.ci_low is None and share.ci_high is None
    assert share.count is None  # 7 of 9 would give the share away
    assert share.n == 9
    assert share.suppressed


def test_a_group_of_ten_gets_a_percentage_with_its_interval():
    share = publish_share(8, 10, POLICY)
    assert share.pct == 80.0
    assert share.ci_low is not None and share.ci_low < 80 < share.ci_high


def test_small_counts_inside_a_published_share_are_still_hidden():
    share = publish_share(3, 40, POLICY)
    assert share.pct == 7.5
    assert share.count == "<5"


def test_thresholds_are_configurable():
    share = publish_share(3, 6, SuppressionPolicy(pct_min_n=5, count_min=3))
    assert share.pct == 50.0
    assert share.count == 3


def test_change_is_none_when_either_period_is_suppressed():
    now = publish_share(80, 100, POLICY)
    assert change_in_points(now, publish_share(70, 100, POLICY)) == 10.0
    assert change_in_points(now, publish_share(5, 8, POLICY)) is None
    assert change_in_points(now, None) is None


@pytest.mark.parametrize(
    ("viewer", "shown"),
    [
        ("manager", 3),
        ("rights_team", 3),
        ("admin", 3),
        ("practitioner", "<5"),
        ("leaves_the_system", "<5"),
        ("someone we do not know", "<5"),  # an unknown viewer is treated as the outside world
    ],
)
def test_who_is_looking_decides_whether_a_small_count_is_exact(viewer, shown):
    assert shown_count(3, viewer, POLICY) == shown
    assert shown_count(0, viewer, POLICY) == 0 and shown_count(12, viewer, POLICY) == 12


def test_a_share_from_few_answers_is_noise_for_everyone_but_a_manager_sees_the_counts():
    manager = shown_share(3, 4, "manager", POLICY)
    assert (manager.n, manager.count, manager.pct) == (4, 3, None)
    outside = shown_share(3, 4, LEAVES_THE_SYSTEM, POLICY)
    assert (outside.n, outside.count, outside.pct) == ("<5", None, None)
    practitioner = shown_share(12, 20, "practitioner", POLICY)
    assert (practitioner.n, practitioner.pct) == (20, 60.0)


def test_a_rate_change_is_beyond_noise_only_when_the_counts_say_so():
    assert rate_change(9, 20, 26, 260).direction == 1  # 45% against 10%
    assert rate_change(0, 20, 80, 260).direction == -1  # none against 31%
    assert rate_change(3, 10, 1, 10).direction == 0  # two small numbers differ by chance
    assert rate_change(3, 10, 0, 0).direction == 0  # nothing to compare with
    assert 0 < rate_change(9, 20, 26, 260).p_value < 0.001


def test_a_rate_change_refuses_counts_above_their_totals():
    with pytest.raises(ValueError, match="cannot be below 0 or above its total"):
        rate_change(5, 4, 0, 10)
