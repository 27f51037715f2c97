"""Where an episode's voices agree and where they differ. Pure: answers in, verdicts out.

Every statement is on the same 1..5 line (agreement, five faces, or the youngest's three faces
at 1, 3, 5), so a stance is read the same way for every voice: 4 or 5 agree, 3 unsure, 1 or 2
disagree; "does not apply" and no answer take no stance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from api.surveys.shared_topics import SharedTopic

CHILD_ROLES = frozenset({"young_person"})
CARER_ROLES = frozenset({"parent", "carer"})


class Stance(StrEnum):
    agree = "agree"
    unsure = "unsure"
    disagree = "disagree"


class Verdict(StrEnum):
    one_voice = "one_voice"  # only one voice answered it: nothing to compare
    agree = "agree"  # every voice that answered took the same stance
    differ = "differ"  # one voice agreed and another disagreed
    partly = "partly"  # not the same, but nobody was on the other side (one unsure)


def stance(value: int | None) -> Stance | None:
    if value is None:
        return None
    if value >= 4:
        return Stance.agree
    if value <= 2:
        return Stance.disagree
    return Stance.unsure


@dataclass(frozen=True)
class Voice:
    """One person's response in the episode."""

    label: str  # "Young person", "Parent 2"
    role: str  # the contact role: young_person, parent, carer, partner
    survey: str
    response_id: str  # the response's public id, to read it in full
    values: dict[str, int | None]  # statement question key -> 1..5, None for "does not apply"


@dataclass(frozen=True)
class Cell:
    voice: str
    value: int | None
    stance: Stance | None


@dataclass(frozen=True)
class TopicRow:
    topic: SharedTopic
    cells: tuple[Cell, ...]
    verdict: Verdict


def verdict(stances: Iterable[Stance]) -> Verdict:
    taken = list(stances)
    if len(taken) < 2:
        return Verdict.one_voice
    if len(set(taken)) == 1:
        return Verdict.agree
    if Stance.agree in taken and Stance.disagree in taken:
        return Verdict.differ
    return Verdict.partly


def _value(voice: Voice, topic: SharedTopic) -> tuple[bool, int | None]:
    """(whether this voice was asked the topic and answered, its value)."""
    key = topic.questions.get(voice.survey)
    if key is None or key not in voice.values:
        return False, None
    return True, voice.values[key]


def compare(voices: Sequence[Voice], topics: Sequence[SharedTopic]) -> list[TopicRow]:
    """Each shared topic at least one voice answered: every voice's answer and the verdict."""
    rows = []
    for topic in topics:
        cells = []
        for voice in voices:
            answered, value = _value(voice, topic)
            if answered:
                cells.append(Cell(voice.label, value, stance(value)))
        if cells:
            stances = [c.stance for c in cells if c.stance is not None]
            rows.append(TopicRow(topic, tuple(cells), verdict(stances)))
    return rows


@dataclass(frozen=True)
class Agreement:
    """Child and carer on one topic, over many episodes: of the episodes where both took a
    stance, in how many they took the same one."""

    topic: SharedTopic
    episodes: int
    agreeing: int


def child_and_carer(
    episodes: Iterable[Sequence[Voice]], topics: Sequence[SharedTopic]
) -> list[Agreement]:
    """The triangulated view: for episodes with a child's and a carer's voice, the share where
    they agree, per topic. With two carers, they agree only if both carers took the child's
    stance (a child who says "no one asked me" against one carer of two is a difference)."""
    counts = {topic.key: [0, 0] for topic in topics}
    for voices in episodes:
        children = [v for v in voices if v.role in CHILD_ROLES]
        carers = [v for v in voices if v.role in CARER_ROLES]
        if not children or not carers:
            continue
        for topic in topics:
            child = [stance(_value(v, topic)[1]) for v in children if _value(v, topic)[0]]
            adult = [stance(_value(v, topic)[1]) for v in carers if _value(v, topic)[0]]
            child_stances = [s for s in child if s is not None]
            carer_stances = [s for s in adult if s is not None]
            if not child_stances or not carer_stances:
                continue
            counts[topic.key][0] += 1
            if len(set(child_stances + carer_stances)) == 1:
                counts[topic.key][1] += 1
    return [Agreement(t, counts[t.key][0], counts[t.key][1]) for t in topics]
