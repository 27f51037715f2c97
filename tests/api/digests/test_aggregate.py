from api.digests.aggregate import Candidate, representative_quotes, theme_changes


def test_a_theme_rises_or_falls_only_beyond_noise():
    # 20 responses this week against 260 in the 13 weeks before.
    now = {("reliability", "negative"): 9, ("caring", "positive"): 0, ("clarity", "negative"): 3}
    before = {
        ("reliability", "negative"): 26,
        ("caring", "positive"): 80,
        ("clarity", "negative"): 13,
    }
    rising, falling = theme_changes(now, 20, before, 260)
    assert [c.theme for c in rising] == ["reliability"]  # 45% against 10%
    assert [c.theme for c in falling] == ["caring"]  # none against 31%
    assert all(c.test.p_value < 0.05 for c in rising + falling)


def test_a_change_between_two_small_numbers_is_not_a_rise():
    rising, falling = theme_changes(
        {("reliability", "negative"): 3}, 10, {("reliability", "negative"): 1}, 10
    )
    assert rising == [] and falling == []


def quote(n, sentiment, *themes, text="a few words here"):
    return Candidate(answer_id=n, text=f"{text} {n}", sentiment=sentiment, themes=themes)


def test_quotes_are_chosen_not_sampled():
    candidates = [
        quote(1, -0.9, "reliability"),
        quote(2, -0.8, "reliability"),  # the same theme again: skipped
        quote(3, 0.9, "caring"),
        quote(4, -0.5, "communication"),
        quote(5, 0.7, "listened_to"),
        quote(6, 0.6, "outcomes"),
        quote(7, -0.4, "timeliness"),
        quote(8, 0.95),  # no theme: says little on its own
        quote(9, -0.99, "respect", text="no"),  # too short
    ]
    chosen = [c.answer_id for c in representative_quotes(candidates)]
    assert chosen == [1, 3, 4, 5, 7]


def test_no_candidates_no_quotes():
    assert representative_quotes([]) == []
