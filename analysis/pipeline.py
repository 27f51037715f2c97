"""One call that analyses a free-text answer: language, themes, sentiment, safeguarding and a
redacted copy. Strings in, results out; nothing here touches a database or the network."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from analysis import language as languages
from analysis import redact as redaction
from analysis import safeguarding, sentiment, taxonomy, themes
from analysis.frames import frame_of
from analysis.learned import LearnedModel
from analysis.normalise import normalise


@dataclass(frozen=True)
class ThemeTag:
    id: str
    polarity: themes.ThemePolarity
    evidence: tuple[str, ...]
    confidence: float
    source: str = "rules"  # or "model": the council's learned model suggested it


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
    learned: LearnedModel | None = None,
) -> Analysis:
    """Analyse one answer. `question` is the survey question key (or a frame: change, good,
    wish); `audience` is accepted for the record (the rules are the same for everyone)."""
    del audience  # the same words mean the same from a child, a parent or a professional
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
    if learned is not None and language == "en" and not empty:
        tags += _suggested(learned, text, tags)
    return Analysis(
        language=language,
        empty=empty,
        themes=tags,
        sentiment=mood,
        safeguarding=risk,
        redacted=redaction.redact(text, known_names=known_names, language=language).text,
        taxonomy_version=tax.version,
        needs_review=language == "cy" and not mentions and not empty,
    )


def _suggested(
    learned: LearnedModel, text: str, found: tuple[ThemeTag, ...]
) -> tuple[ThemeTag, ...]:
    """The learned model's themes the rules did not find: added, never replacing a rule."""
    have = {tag.id for tag in found}
    return tuple(
        ThemeTag(
            theme,
            cast(themes.ThemePolarity, polarity),
            ("suggested by the council's learned model",),
            probability,
            source="model",
        )
        for theme, polarity, probability in learned.predict(text)
        if theme not in have
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
