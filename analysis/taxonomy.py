"""The theme taxonomy: versioned data, validated and compiled once. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_TAXONOMY = Path(__file__).parent / "data" / "themes.v1.yaml"
THEME_IDS = (
    "listened_to",
    "reliability",
    "clarity",
    "involvement",
    "caring",
    "time_with_child",
    "communication",
    "consistency",
    "timeliness",
    "respect",
    "practical_help",
    "outcomes",
    "professionalism",
)
Polarity = Literal["positive", "negative", "topic"]


class TaxonomyError(Exception):
    """The taxonomy file is unreadable or wrong; raised at load, never mid-analysis."""


class _Signals(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    positive: list[str] = Field(default_factory=list)
    negative: list[str] = Field(default_factory=list)
    topic: list[str] = Field(default_factory=list)

    @field_validator("positive", "negative", "topic")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a valid pattern: {exc}") from exc
        return patterns


class _Theme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z_]{1,40}$")
    label: dict[Literal["en", "cy"], str]
    definition: str
    signals: _Signals
    welsh: _Signals = Field(default_factory=_Signals)

    @field_validator("label")
    @classmethod
    def _both_languages(cls, label: dict[str, str]) -> dict[str, str]:
        if set(label) != {"en", "cy"}:
            raise ValueError("a theme needs a label in en and cy")
        return label


class _Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int = Field(ge=1)
    themes: list[_Theme] = Field(min_length=1)


@dataclass(frozen=True)
class ThemeSignals:
    """All of a theme's signals in one pattern, so a text is scanned once per theme.

    Group `s<i>` is signal i; `polarities[i]` is its polarity. Explicit signals come before
    topics, so where both match at one place the explicit one wins."""

    theme: str
    pattern: re.Pattern[str]
    polarities: tuple[Polarity, ...]

    def polarity_of(self, match: re.Match[str]) -> Polarity:
        return self.polarities[int((match.lastgroup or "s0")[1:])]


@dataclass(frozen=True)
class Theme:
    id: str
    label_en: str
    label_cy: str
    definition: str


@dataclass(frozen=True)
class Taxonomy:
    version: int
    themes: tuple[Theme, ...]
    english: tuple[ThemeSignals, ...]
    welsh: tuple[ThemeSignals, ...]

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)


def _compile(theme: str, signals: _Signals) -> list[ThemeSignals]:
    polarities: list[Polarity] = []
    alternatives = []
    for polarity in ("negative", "positive", "topic"):
        for pattern in getattr(signals, polarity):
            alternatives.append(f"(?P<s{len(polarities)}>{pattern})")
            polarities.append(polarity)
    if not alternatives:
        return []
    # Whole words only: the text is tokens joined by single spaces.
    combined = re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?![\w'])")
    return [ThemeSignals(theme, combined, tuple(polarities))]


@lru_cache
def load(path: Path = DEFAULT_TAXONOMY) -> Taxonomy:
    """Read, validate and compile a taxonomy file (the packaged one by default)."""
    try:
        data = _Taxonomy.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc
    ids = [t.id for t in data.themes]
    if len(set(ids)) != len(ids):
        raise TaxonomyError(f"{path}: theme ids repeat")
    return Taxonomy(
        version=data.version,
        themes=tuple(Theme(t.id, t.label["en"], t.label["cy"], t.definition) for t in data.themes),
        english=tuple(s for t in data.themes for s in _compile(t.id, t.signals)),
        welsh=tuple(s for t in data.themes for s in _compile(t.id, t.welsh)),
    )
