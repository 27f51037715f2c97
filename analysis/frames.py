"""What the question asked, which changes what an answer means. Pure.

"Nothing" answering "what would you change?" is praise; answering "what helped?" it is not.
"More visits" answering "what would you change?" says visits were too few.
"""

from __future__ import annotations

from enum import StrEnum


class Frame(StrEnum):
    change = "change"  # what would you change, what worried you, what could be better
    good = "good"  # what helped, what was good, what worked well
    wish = "wish"  # if you had one wish
    open = "open"  # anything else


# Question keys of the shipped surveys, and the three houses, by what they ask.
QUESTION_FRAMES: dict[str, Frame] = {
    "one_thing_to_change": Frame.change,
    "worries": Frame.change,
    "most_helpful": Frame.good,
    "good_things": Frame.good,
    "what_worked_well": Frame.good,
    "wishes": Frame.wish,
    "dreams": Frame.wish,
}


def frame_of(question: str | None) -> Frame:
    """The frame of a question key (or a frame's own name); open when unknown."""
    if question is None:
        return Frame.open
    if question in Frame.__members__:
        return Frame(question)
    return QUESTION_FRAMES.get(question, Frame.open)
