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
# Ways of saying "nothing to change", which answer that question with praise.
SATISFIED = re.compile(
    r"(?<![\w'])(?:(?:wouldn't|would not|don't|do not|nothing to) change (?:a thing|anything)|"
    r"can't think of anything|keep (?:on )?doing what you(?:'re| are) doing|all good)(?![\w'])"
)
CONTRAST_WORDS = frozenset({"but", "although", "though", "however", "except", "ond"})
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
    if leading_nothing or (frame is Frame.change and SATISFIED.search(text.text)):
        positive += 0.5
    for mention in mentions:
        if mention.polarity == "positive":
            positive += MENTION_WEIGHT * mention.confidence
        else:
            negative += MENTION_WEIGHT * mention.confidence
    # TextBlob breaks ties: consulted only when the domain evidence is weak (it is also the
    # slowest step), never on sarcasm, a disclosure or Welsh.
    if language == "en" and not sarcasm and not disclosure and abs(positive - negative) < 0.6:
        polarity = _textblob_polarity(text.original)
        positive += max(0.0, polarity) * TEXTBLOB_WEIGHT
        negative += max(0.0, -polarity) * TEXTBLOB_WEIGHT
    if disclosure:
        negative += 1.0  # a child saying they are not safe is never good news
    mood = _label(positive, negative, sarcasm, contrast=_contrasted(text, mentions))
    # With no verdict in the words, the question gives one: whatever someone would change
    # fell short; whatever they name as good or helpful was good; a wish about the service
    # says the service lacked it.
    if mood.label == "neutral":
        if frame is Frame.change or (frame is Frame.wish and mentions):
            return Sentiment("negative", -0.3, sarcasm)
        if frame is Frame.good:
            return Sentiment("positive", 0.3, sarcasm)
    return mood


def _label(positive: float, negative: float, sarcasm: bool, *, contrast: bool) -> Sentiment:
    raw = positive - negative
    value = raw / (abs(raw) + 0.5) if raw else 0.0
    balanced = min(positive, negative) >= 0.4 * max(positive, negative)
    if contrast or (positive >= MIXED_FLOOR and negative >= MIXED_FLOOR and balanced):
        label: Label = "mixed"
    elif value > 0.1:
        label = "positive"
    elif value < -0.1:
        label = "negative"
    else:
        label = "neutral"
    return Sentiment(label, round(max(-1.0, min(1.0, value)), 3), sarcasm)


def _contrasted(text: Normalised, mentions: list[Mention]) -> bool:
    """ "Lovely, but she keeps cancelling": one side of a 'but' praises, the other complains."""
    sides: list[float] = [0.0]
    edges: list[int] = []
    position = 0
    for token in text.tokens:
        if token.norm in CONTRAST_WORDS:
            sides.append(0.0)
            edges.append(position)
        else:
            sides[-1] += WEIGHTS.get(token.norm, 0.0)
        position += len(token.norm) + 1
    if len(sides) < 2:
        return False
    for mention in mentions:
        side = sum(1 for edge in edges if mention.start >= edge)
        sides[side] += 0.5 if mention.polarity == "positive" else -0.5
    return max(sides) > 0.2 and min(sides) < -0.2


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


def _textblob_polarity(text: str) -> float:
    # Imported on first use: textblob imports nltk, scipy.stats and scikit-learn (1.2 s), and
    # `yousaid analyse` should start at once; many answers never need a tie broken.
    from textblob.en import polarity

    return float(polarity(text))
