"""What the question asked, which changes what an answer means. Pure.

"Nothing" answering "what would you change?" is praise; answering "what helped?" it is not.
"More visits" answering "what would you change?" says visits were too few.
"""

from __future__ import annotations

import re
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


# A question known only by its words (a council's own survey, an import, `yousaid analyse`
# given the question as text), in English or Welsh. Checked in this order: "what could we
# have done better?" is a change question even though it says "better".
QUESTION_TEXT_FRAMES: tuple[tuple[Frame, re.Pattern[str]], ...] = (
    (
        Frame.change,
        re.compile(
            r"\bchange\b|\bimprove|do(?:ne)? better|\bworr(?:y|ies)\b|\bnewid\b|"
            r"\bgwella\b|wneud yn well|\bpryder|\bpoeni\b|\bboeni\b",
            re.IGNORECASE,
        ),
    ),
    (Frame.wish, re.compile(r"\bwish|\bdreams?\b|\bdymuniad|breuddwyd", re.IGNORECASE)),
    (
        Frame.good,
        re.compile(
            r"\bgood\b|\bhelp(?:ed|ful)\b|worked well|\bgo well|(?<!mor )\bdda\b|\bhelpu\b",
            re.IGNORECASE,
        ),
    ),
)


def frame_of(question: str | None) -> Frame:
    """The frame of a question key (or a frame's own name), or of the question's words when
    only its text is known; open when unknown."""
    if question is None:
        return Frame.open
    if question in Frame.__members__:
        return Frame(question)
    if question in QUESTION_FRAMES:
        return QUESTION_FRAMES[question]
    for frame, pattern in QUESTION_TEXT_FRAMES:
        if pattern.search(question):
            return frame
    return Frame.open
