"""Statements different voices answer about the same thing (the library's shared-topics.yaml),
so an episode's answers can be read side by side."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from api.core.errors import LibraryError
from api.surveys import library


@dataclass(frozen=True)
class SharedTopic:
    key: str
    en: str
    cy: str
    questions: dict[str, str]  # survey key -> the statement's question key

    def name(self, lang: str) -> str:
        return self.cy if lang == "cy" else self.en


@lru_cache
def shared_topics(directory: Path = library.LIBRARY_DIR) -> tuple[SharedTopic, ...]:
    """Every shared topic; each named statement must exist in its survey (checked at load)."""
    raw = yaml.safe_load((directory / "shared-topics.yaml").read_text(encoding="utf-8")) or {}
    statements = {
        (d.key, q.key)
        for d in library.survey_library(directory)
        for q in d.questions
        if q.statement
    }
    topics = []
    for key, body in (raw.get("topics") or {}).items():
        questions = {str(s): str(q) for s, q in (body.get("questions") or {}).items()}
        missing = [f"{s}.{q}" for s, q in questions.items() if (s, q) not in statements]
        if missing:
            raise LibraryError(f"shared topic {key}: no such statement {', '.join(missing)}")
        topics.append(SharedTopic(key, str(body["en"]), str(body["cy"]), questions))
    return tuple(topics)
