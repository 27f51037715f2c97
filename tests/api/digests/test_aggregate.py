from api.digests.aggregate import Candidate, representative_quotes, theme_changes


def test_rising_and_falling_themes_biggest_change_first():
    now = {("reliability", "negative"): 9, ("caring", "positive"): 4, ("clarity", "negative"): 1}
    before = {("reliability", "negative"): 2, ("caring", "positive"): 6, ("clarity", "negative"): 1}
    rising, falling = theme_changes(now, before)
    assert [(c.theme, c.change) for c in rising] == [("reliability", 7)]
    assert [(c.theme, c.change) for c in falling] == [("caring", -2)]


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
