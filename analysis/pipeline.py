"""One call that analyses a free-text answer: language, themes, sentiment, safeguarding and a
redacted copy. Strings in, results out; nothing here touches a database or the network."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np

from analysis import encoder as encoders
from analysis import language as languages
from analysis import redact as redaction
from analysis import safeguarding, sentiment, taxonomy, themes
from analysis.base_model import (
    DEFAULT_MODEL,
    ENCODED_MODEL,
    SENTIMENTS,
    BaseModel,
    Prediction,
    with_rules_sentiment,
)
from analysis.frames import frame_of
from analysis.normalise import normalise
from analysis.safeguarding import Level

# The audience whose every free-text answer a person reads unless the analysis is confident it
# is ordinary feedback (issue 13): a child may say it without the words an adult would use.
READ_BY_A_PERSON = frozenset({"young_person", "child"})
# What a disclosure the base model found, and the rules did not, is called on an alert.
MODEL_CATEGORY = "possible_harm"


@dataclass(frozen=True)
class ThemeTag:
    id: str
    polarity: themes.ThemePolarity
    evidence: tuple[str, ...]
    confidence: float
    # "rules" (the words in `evidence` matched a rule), "model" (the shipped base model:
    # `evidence` holds the words that most raised its score) or "council" (the council's own).
    source: str = "rules"


@dataclass(frozen=True)
class Analysis:
    language: str
    empty: bool
    themes: tuple[ThemeTag, ...]
    sentiment: sentiment.Sentiment
    safeguarding: safeguarding.Safeguarding
    redacted: str
    taxonomy_version: int
    # Welsh with no Welsh signal matched: a person should tag it; nothing was guessed.
    needs_review: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "themes": [
                {
                    "id": t.id,
                    "polarity": t.polarity,
                    "evidence": list(t.evidence),
                    "source": t.source,
                }
                for t in self.themes
            ],
            "sentiment": {"label": self.sentiment.label, "score": self.sentiment.score},
            "safeguarding": {
                "flag": self.safeguarding.flag,
                "categories": list(self.safeguarding.categories),
                "evidence": list(self.safeguarding.evidence),
                "level": self.safeguarding.level.value,
                "score": round(self.safeguarding.score, 4),
            },
            "language": self.language,
            "redacted": self.redacted,
        }


def analyse(
    text: str,
    *,
    question: str | None = None,
    audience: str | None = None,
    known_names: Iterable[str] = (),
    taxonomy_file: Path | None = None,
    base: BaseModel | Literal["shipped", "none"] = "shipped",
    council: BaseModel | None = None,
    reread: BaseModel | Literal["shipped", "none"] = "none",
) -> Analysis:
    """Analyse one answer. `question` is the survey question key, a frame (change, good, wish)
    or the question's words; `audience` decides whether a person reads every answer
    (READ_BY_A_PERSON). `base` is the shipped base model unless given ("none": the rules
    alone); `council` the council's own model, whose themes join and whose sentiment wins.

    `reread` is the slow lane's model, which also reads the answer's sentence embedding
    (decision 50; "shipped": the shipped one when the encoder can load, else none): its themes
    and sentiment replace the base model's, and its safeguarding can only raise the level the
    rules and the base model gave, never lower it — the fast lane has already acted on that."""
    tax = taxonomy.load(taxonomy_file or taxonomy.DEFAULT_TAXONOMY)
    normalised = normalise(text)
    language = languages.detect(normalised)
    frame = frame_of(question)
    mentions = themes.tag(normalised, tax, language=language, frame=frame)
    risk = safeguarding.assess(normalised, language=language)
    mood = sentiment.score(
        normalised, mentions, language=language, frame=frame, disclosure=risk.flag
    )
    empty = themes.is_empty_answer(normalised)
    tags = _grouped(mentions)
    model = shipped_model() if base == "shipped" else None if base == "none" else base
    slow = shipped_encoded_model() if reread == "shipped" else None if reread == "none" else reread
    theme_ids = frozenset(t.id for t in tax.themes)
    # A theme the council's own model has learned is the council's to call: the shipped
    # model's guess at it (trained on other people's labels) gives way; the rules' stays.
    councils = council.theme_ids() if council is not None else frozenset()
    if model is not None:
        predicted = model.predict([text], [question])[0]
        rules_risk = risk
        risk = _two_tiers(model, predicted, rules_risk, text, audience=audience, empty=empty)
        if slow is not None:
            model, predicted = slow, slow.predict([text], [question])[0]
            risk = _second_reading(
                risk,
                _two_tiers(slow, predicted, rules_risk, text, audience=audience, empty=empty),
                audience=audience,
            )
        if not empty:
            tags += _model_tags(
                model, predicted, text, tags, source="model", known=theme_ids - councils
            )
            mood = _learned_sentiment(model, predicted, mood)
    if council is not None:
        predicted = council.predict([text], [question])[0]
        if not empty:
            tags += _model_tags(council, predicted, text, tags, source="council", known=theme_ids)
            mood = _learned_sentiment(council, predicted, mood)
    return Analysis(
        language=language,
        empty=empty,
        themes=tags,
        sentiment=mood,
        safeguarding=risk,
        redacted=redaction.redact(text, known_names=known_names, language=language).text,
        taxonomy_version=tax.version,
        needs_review=language == "cy" and not tags and not empty,
    )


@lru_cache(maxsize=4)
def _load(path: Path) -> BaseModel:
    return BaseModel.load(path)


def shipped_model(path: Path = DEFAULT_MODEL) -> BaseModel:
    """The base model shipped with the package, read once per process."""
    return _load(path)


def shipped_encoded_model(path: Path = ENCODED_MODEL) -> BaseModel | None:
    """The slow lane's model shipped with the package, or None when the sentence encoder it
    reads cannot load here (or no such model is shipped)."""
    if not path.exists() or not encoders.available():
        return None
    return _load(path)


def _second_reading(
    fast: safeguarding.Safeguarding, slow: safeguarding.Safeguarding, *, audience: str | None
) -> safeguarding.Safeguarding:
    """Both lanes' safeguarding as one (decision 51). The fast lane's alert stands: the duty
    team has been told, and the rules' words are kept. A child's words (READ_BY_A_PERSON) go
    to a person unless both readings are confident they are ordinary: the higher level wins.
    For anyone else the second reading, which reads more, decides below an alert: an alert
    the fast lane missed, a concern, or none — the fast lane's concern tier, with TF-IDF alone
    to go on, queued about a third of all adults' answers. A concern is a person's reading
    within a working day, so it can wait the seconds the second reading takes."""
    if fast.level is Level.alert:
        return replace(fast, score=slow.score)
    if audience in READ_BY_A_PERSON and fast.level is Level.concern and slow.level is Level.none:
        return replace(fast, score=slow.score)
    return slow


def _two_tiers(
    model: BaseModel,
    predicted: Prediction,
    rules: safeguarding.Safeguarding,
    text: str,
    *,
    audience: str | None,
    empty: bool,
) -> safeguarding.Safeguarding:
    """alert: the rules OR the model over its high threshold. concern: the model over its
    recall-first threshold, or a child's words the model is not confident are ordinary."""
    score = predicted.safeguarding
    settings = model.settings
    if rules.flag:
        return replace(rules, level=Level.alert, score=score)
    because = tuple(model.because(text, "safeguarding"))
    if score >= settings.alert:
        return replace(
            rules,
            level=Level.alert,
            score=score,
            categories=(MODEL_CATEGORY,),
            evidence=because,
        )
    if empty:  # "no", "nothing", "dim byd": no words for a person to read
        return replace(rules, score=score)
    if score >= settings.concern:
        return replace(rules, level=Level.concern, score=score, evidence=because, reason="model")
    if audience in READ_BY_A_PERSON and score >= settings.ordinary:
        return replace(
            rules, level=Level.concern, score=score, evidence=because, reason="child_words"
        )
    return replace(rules, score=score)


def _model_tags(
    model: BaseModel,
    predicted: Prediction,
    text: str,
    found: tuple[ThemeTag, ...],
    *,
    source: str,
    known: frozenset[str],
) -> tuple[ThemeTag, ...]:
    """A learned model's themes that nothing before it found: added, never replacing."""
    have = {tag.id for tag in found}
    return tuple(
        ThemeTag(
            theme,
            cast(themes.ThemePolarity, polarity),
            tuple(model.because(text, "theme", f"{theme}:{polarity}")),
            probability,
            source=source,
        )
        for theme, polarity, probability in predicted.themes
        if theme not in have and theme in known
    )


def _learned_sentiment(
    model: BaseModel, predicted: Prediction, rules: sentiment.Sentiment
) -> sentiment.Sentiment:
    """The learned model's probabilities (it reads the question's frame as well as the words)
    combined with the rules' verdict as training chose; scored as P(positive) − P(negative).
    The rules' sarcasm mark is kept."""
    learned = np.array([[predicted.sentiment_probabilities[s] for s in SENTIMENTS]])
    mixed = with_rules_sentiment(model.settings, learned, [(rules.label, rules.score)])[0]
    p = dict(zip(SENTIMENTS, mixed, strict=True))
    return sentiment.Sentiment(
        label=cast(sentiment.Label, SENTIMENTS[int(np.argmax(mixed))]),
        score=round(float(p["positive"] - p["negative"]), 3),
        sarcasm=rules.sarcasm,
    )


def _grouped(mentions: list[themes.Mention]) -> tuple[ThemeTag, ...]:
    """One tag per theme and polarity, with all its evidence, in order of first mention."""
    grouped: dict[tuple[str, str], list[themes.Mention]] = {}
    for mention in mentions:
        grouped.setdefault((mention.theme, mention.polarity), []).append(mention)
    return tuple(
        ThemeTag(
            id=theme,
            polarity=group[0].polarity,
            evidence=tuple(dict.fromkeys(m.evidence for m in group)),
            confidence=max(m.confidence for m in group),
        )
        for (theme, _), group in grouped.items()
    )
