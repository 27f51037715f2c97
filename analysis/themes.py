"""Theme tagging: which themes a text touches, whether for better or worse, and why. Pure.

Rules, not a model: every tag carries the words that triggered it, so a reviewer sees why.
A signal's own polarity is flipped by a negation before it in the same clause ("not listened
to", "never rings back", "no one told me"). Topic signals ("ring back", "time with") take
their polarity from, in order: a negation; a wish for more ("more time with", "quicker");
what follows ("visits too far apart"); the verdict words of the clause; the question asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analysis.frames import Frame
from analysis.lexicon import AFTER_NEGATIVE, CLAUSE_WORDS, LACK_MARKERS, WEIGHTS, is_negator
from analysis.normalise import Normalised
from analysis.taxonomy import Polarity, Taxonomy

ThemePolarity = Literal["positive", "negative"]
LOOK_BACK = 4
LOOK_AHEAD = 4

# Answers that say nothing about the service, whatever the question.
_EMPTY_LINES = """
    no|nothing|none|nil|n/a|na|n a|not applicable|don't know|i don't know|not sure|no comment|
    ok|okay|fine|yes|nope|nothing really|nothing at all|nothing else|no thanks|not really|
    can't think of anything|nothing to add|all good|dim|dim byd|dim byd o gwbl|dim sylw|
    ddim yn gwybod|dwi ddim yn gwybod|-
    """
# Each entry stripped: the lines' indentation once made "no", "ok" and "dim" never match.
EMPTY_ANSWERS = frozenset(entry.strip() for entry in _EMPTY_LINES.split("|")) - {""}


@dataclass(frozen=True)
class Mention:
    theme: str
    polarity: ThemePolarity
    evidence: str
    confidence: float
    start: int  # in the normalised text
    end: int


def is_empty_answer(text: Normalised) -> bool:
    """ "no", "nothing", "N/A", "5", "dunno": no theme, whatever the question."""
    words = " ".join(text.words).strip()
    if not words:
        return True
    return words in EMPTY_ANSWERS or all(w.isdigit() for w in text.words)


def tag(text: Normalised, taxonomy: Taxonomy, *, language: str, frame: Frame) -> list[Mention]:
    """Every theme mention in the text; English signals for English, Welsh for Welsh."""
    if is_empty_answer(text):
        return []
    themes = taxonomy.english if language == "en" else taxonomy.welsh
    found: list[Mention] = []
    for signals in themes:
        for match in signals.pattern.finditer(text.text):
            found.append(
                _mention(
                    text,
                    signals.theme,
                    signals.polarity_of(match),
                    match.start(),
                    match.end(),
                    frame,
                )
            )
    return _without_overlaps(found)


def _mention(
    text: Normalised, theme: str, signal_polarity: Polarity, start: int, end: int, frame: Frame
) -> Mention:
    first = text.token_index(start)
    last = text.token_index(max(start, end - 1))
    before = _clause_before(text, first)
    after = _clause_after(text, last)
    negated = any(is_negator(word) for word in before[-LOOK_BACK:])
    evidence_start = start
    if negated:
        # Quote the negation too: "never rings back", not just "rings back".
        evidence_start = _start_of_negation(text, first)
    polarity: ThemePolarity
    if signal_polarity != "topic":
        polarity = signal_polarity
        if negated:
            polarity = "negative" if polarity == "positive" else "positive"
        confidence = 0.9
    else:
        polarity, confidence = _topic_polarity(before, after, negated, frame)
    return Mention(
        theme=theme,
        polarity=polarity,
        evidence=text.evidence(evidence_start, end),
        confidence=confidence,
        start=start,
        end=end,
    )


def _topic_polarity(
    before: list[str], after: list[str], negated: bool, frame: Frame
) -> tuple[ThemePolarity, float]:
    if negated:
        return "negative", 0.85
    if any(word in LACK_MARKERS for word in before[-LOOK_BACK:]):
        return "negative", 0.8
    if any(word in AFTER_NEGATIVE for word in after[:LOOK_AHEAD]):
        return "negative", 0.75
    verdict = _clause_verdict(before + after)
    if verdict > 0:
        return "positive", 0.7
    if verdict < 0:
        return "negative", 0.7
    if frame in (Frame.change, Frame.wish):
        return "negative", 0.6
    return "positive", 0.5 if frame is Frame.open else 0.6


def _clause_verdict(words: list[str]) -> float:
    """The verdict words of a clause, a negation flipping the word after it."""
    total, flip = 0.0, False
    for word in words:
        if is_negator(word):
            flip = True
            continue
        weight = WEIGHTS.get(word, 0.0)
        if weight:
            total += -weight if flip else weight
            flip = False
    return total


def _clause_before(text: Normalised, index: int) -> list[str]:
    words: list[str] = []
    for token in reversed(text.tokens[:index]):
        if token.is_break or token.norm in CLAUSE_WORDS:
            break
        words[:0] = token.norm.split()
    return words


def _clause_after(text: Normalised, index: int) -> list[str]:
    words: list[str] = []
    for token in text.tokens[index + 1 :]:
        if token.is_break or token.norm in CLAUSE_WORDS:
            break
        words.extend(token.norm.split())
    return words


def _start_of_negation(text: Normalised, first: int) -> int:
    """Normalised offset of the negating word before token `first`."""
    offset = sum(len(t.norm) + 1 for t in text.tokens[:first])
    for index in range(first - 1, max(-1, first - 1 - LOOK_BACK), -1):
        token = text.tokens[index]
        offset -= len(token.norm) + 1
        if token.is_break:
            break
        if any(is_negator(word) for word in token.norm.split()):
            return offset
    return sum(len(t.norm) + 1 for t in text.tokens[:first])


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Within a theme, an explicit signal beats a topic over the same words; no duplicates."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.confidence, m.start, -(m.end - m.start))):
        overlaps = any(
            k.theme == mention.theme and k.start < mention.end and mention.start < k.end
            for k in kept
        )
        if not overlaps:
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
