"""Surveys as the API shows them: both languages, both tenses."""

from __future__ import annotations

from pydantic import BaseModel

from api.models.enums import Audience, QuestionKind


class QuestionRead(BaseModel):
    key: str
    kind: QuestionKind
    statement: bool
    required: bool
    text: dict[str, dict[str, str]]  # language -> {"during": ..., "after": ...}
    options: list[dict[str, str | int]]
    # An equality monitoring question: optional, its answers reported only as counts.
    equality: bool = False


class SurveyRead(BaseModel):
    key: str
    version: int
    audience: Audience
    title: dict[str, str]
    welsh_review: str
    questions: list[QuestionRead] | None = None
