"""Sentiment: positive, negative, mixed or neutral, with a score in [-1, 1]. Pure.

TextBlob's polarity is one input, and a small one: alone it scores "I don't feel safe at home,
dad hits me" +0.5 and "He never turns up" 0.0. Here the domain lexicon with negation carries
the weight, theme mentions add their polarity, the question says what "nothing" means, a
sarcastic "Great, another cancelled visit" is read as a complaint, and TextBlob is not
consulted at all on sarcasm, on a possible disclosure, or on Welsh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from textblob.en import polarity as textblob_polarity

from analysis.frames import Frame
from analysis.lexicon import CLAUSE_WORDS, WEIGHTS, is_negator
from analysis.normalise import Normalised
from analysis.themes import Mention, is_empty_answer

Label = Literal["positive", "negative", "mixed", "neutral"]
TEXTBLOB_WEIGHT = 0.25
MENTION_WEIGHT = 0.3
MIXED_FLOOR = 0.35

NOTHING_WORDS = frozenset(
    [
        "no",
        "nothing",
        "none",
        "nil",
        "nothing really",
        "nothing at all",
        "nothing else",
        "not really",
        "dim",
        "dim byd",
        "dim byd o gwbl",
        "can't think of anything",
        "nope",
    ]
)
# "Great, another cancelled visit": a cheery opener, a break, then a complaint.
SARCASTIC_OPENER = re.compile(
    r"^(?:oh )?(?:great|brilliant|fantastic|lovely|perfect|wonderful|super|marvellous|"
    r"nice one|cheers|thanks|thank you|well done) (?:[,!.] )+"
)
SARCASM_PHRASES = re.compile(
    r"(?<![\w'])(?:thanks for nothing|yeah right|as if|for once|yet again|as usual|"
    r"another (?:cancelled|missed|new|different)|once again)(?![\w'])"
)


@dataclass(frozen=True)
class Sentiment:
    label: Label
    score: float
    sarcasm: bool = False


def score(
    text: Normalised,
    mentions: list[Mention],
    *,
    language: str,
    frame: Frame,
    disclosure: bool = False,
) -> Sentiment:
    """The sentiment of one answer, given its themes and the question it answers."""
    if is_empty_answer(text):
        return _empty(text, frame)

    positive, negative = 0.0, 0.0
    words = _words_with_clauses(text)
    sarcasm = bool(SARCASTIC_OPENER.match(text.text) or SARCASM_PHRASES.search(text.text))
    leading_nothing = frame is Frame.change and _starts_with_nothing(text)
    flip = False
    for index, word in enumerate(words):
        if word is None:  # clause break ends a negation's reach
            flip = False
            continue
        if is_negator(word):
            # "Nothing, she was great" answering "what would you change?" is praise.
            if not (leading_nothing and index == 0):
                flip = True
            continue
        weight = WEIGHTS.get(word, 0.0)
        if not weight:
            continue
        if sarcasm and weight > 0 and index < 3:
            weight = -weight  # the cheery opener of a sarcastic complaint
        if flip:
            weight = -weight * (0.8 if weight > 0 else 0.5)
            flip = False
        if weight > 0:
            positive += weight
        else:
            negative -= weight
    if leading_nothing:
        positive += 0.5
    for mention in mentions:
        if mention.polarity == "positive":
            positive += MENTION_WEIGHT * mention.confidence
        else:
            negative += MENTION_WEIGHT * mention.confidence
    if language == "en" and not sarcasm and not disclosure:
        polarity = float(textblob_polarity(text.original))
        positive += max(0.0, polarity) * TEXTBLOB_WEIGHT
        negative += max(0.0, -polarity) * TEXTBLOB_WEIGHT
    if disclosure:
        negative += 1.0  # a child saying they are not safe is never good news
    if frame in (Frame.change, Frame.wish) and positive == negative == 0 and mentions:
        negative += 0.2  # a bare suggestion ("evening meetings") says something fell short
    return _label(positive, negative, sarcasm)


def _label(positive: float, negative: float, sarcasm: bool) -> Sentiment:
    raw = positive - negative
    value = raw / (abs(raw) + 0.5) if raw else 0.0
    if (
        positive >= MIXED_FLOOR
        and negative >= MIXED_FLOOR
        and min(positive, negative) >= (0.4 * max(positive, negative))
    ):
        label: Label = "mixed"
    elif value > 0.1:
        label = "positive"
    elif value < -0.1:
        label = "negative"
    else:
        label = "neutral"
    return Sentiment(label, round(max(-1.0, min(1.0, value)), 3), sarcasm)


def _empty(text: Normalised, frame: Frame) -> Sentiment:
    said = " ".join(text.words)
    if said in NOTHING_WORDS and frame is Frame.change:
        return Sentiment("positive", 0.5)  # nothing to change: satisfied
    if said in NOTHING_WORDS and frame is Frame.good:
        return Sentiment("negative", -0.4)  # nothing helped
    return Sentiment("neutral", 0.0)


def _starts_with_nothing(text: Normalised) -> bool:
    words = text.words
    return bool(words) and words[0] in ("nothing", "none", "dim")


def _words_with_clauses(text: Normalised) -> list[str | None]:
    """Words in order, with None at clause breaks."""
    words: list[str | None] = []
    for token in text.tokens:
        if token.is_break or token.norm in CLAUSE_WORDS:
            words.append(None)
        else:
            words.extend(token.norm.split())
    return words
