"""Where voices agree and differ: stances on the one 1..5 line, verdicts, and the
child-and-carer agreement over many episodes."""

from __future__ import annotations

from api.episodes.compare import (
    Stance,
    Verdict,
    Voice,
    child_and_carer,
    compare,
    stance,
    verdict,
)
from api.surveys.shared_topics import SharedTopic, shared_topics

INVOLVED = SharedTopic(
    "involved_in_plans",
    "Involved in plans",
    "Cymryd rhan",
    {"parent-carer": "involved_in_plans", "young-person": "said_what_i_wanted"},
)


def child(value, **more):
    return Voice(
        "Young person", "young_person", "young-person", "r1", {"said_what_i_wanted": value, **more}
    )


def parent(value, label="Parent"):
    return Voice(label, "parent", "parent-carer", "r2", {"involved_in_plans": value})


def test_stances_read_the_same_for_every_scale():
    assert [stance(v) for v in (1, 2, 3, 4, 5, None)] == [
        Stance.disagree,
        Stance.disagree,
        Stance.unsure,
        Stance.agree,
        Stance.agree,
        None,
    ]


def test_verdicts():
    assert verdict([Stance.agree]) is Verdict.one_voice
    assert verdict([Stance.agree, Stance.agree]) is Verdict.agree
    assert verdict([Stance.agree, Stance.disagree]) is Verdict.differ
    assert verdict([Stance.agree, Stance.unsure]) is Verdict.partly


def test_the_parent_says_involved_and_the_young_person_says_no_one_asked_me():
    [row] = compare([child(1), parent(5)], [INVOLVED])
    assert row.verdict is Verdict.differ
    assert [(c.voice, c.value, c.stance) for c in row.cells] == [
        ("Young person", 1, Stance.disagree),
        ("Parent", 5, Stance.agree),
    ]


def test_a_topic_nobody_was_asked_is_left_out_and_does_not_apply_takes_no_stance():
    partner = Voice("Partner agency", "partner", "partner-agency", "r3", {})
    assert compare([partner], [INVOLVED]) == []
    [row] = compare([child(None), parent(4)], [INVOLVED])
    assert row.verdict is Verdict.one_voice and row.cells[0].stance is None


def test_child_and_carer_agreement_counts_only_episodes_with_both():
    episodes = [
        [child(5), parent(4)],  # agree
        [child(1), parent(5)],  # differ
        [child(2), parent(1), parent(5, "Parent 2")],  # one carer of two differs: not agreeing
        [parent(5)],  # no child's voice: not counted
    ]
    [found] = child_and_carer(episodes, [INVOLVED])
    assert (found.episodes, found.agreeing) == (3, 1)


def test_the_shipped_topics_name_real_statements():
    keys = {t.key for t in shared_topics()}
    assert {"listened", "involved_in_plans", "did_what_they_said", "explained"} <= keys
