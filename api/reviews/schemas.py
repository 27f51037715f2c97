"""Reviewers' corrections and what they tell us about the analysis."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.models.enums import Audience, SentimentLabel


class ThemeChoice(BaseModel):
    id: str = Field(max_length=40)
    polarity: Literal["positive", "negative"]


class ReviewCreate(BaseModel):
    response: str = Field(description="The response's id.")
    question: str = Field(max_length=64, description="The free-text question's key.")
    themes: list[ThemeChoice] = Field(
        max_length=20, description="Every theme the answer carries, as the reviewer sees it."
    )
    sentiment: SentimentLabel
    note: str | None = Field(None, max_length=2000)
    identical: bool = Field(
        False,
        description="Save it on every answer in your scope with the same words to the same "
        "question (case, spaces and end punctuation aside) that is not reviewed differently.",
    )


class ReviewRead(BaseModel):
    response: str
    question: str
    themes: list[ThemeChoice]
    sentiment: SentimentLabel
    reviewed_at: datetime
    by: str
    answers: int = Field(
        1, description="How many answers the review was saved on (identical answers share it)."
    )


class ReviewedRead(BaseModel):
    """Who reviewed an answer and when: their themes and feeling are the answer's now."""

    by: str
    at: datetime


class SuggestionRead(BaseModel):
    """What the analysis suggested, kept beside a person's review."""

    themes: list[dict[str, object]]
    sentiment: SentimentLabel


class QueueItem(BaseModel):
    response: str
    question: str
    text: str
    language: str
    themes: list[dict[str, object]] = Field(
        description="The answer's themes: the reviewer's once reviewed, else the analysis's."
    )
    sentiment: SentimentLabel
    lowest_confidence: float | None
    needs_review: bool
    submitted_at: datetime
    team: str | None = None
    audience: Audience | None = None
    survey: str | None = None
    survey_version: int | None = None
    reviewed: ReviewedRead | None = None
    note: str | None = Field(None, description="The saved review's note.")
    suggested: SuggestionRead | None = None


class ThemeAgreementRead(BaseModel):
    theme: str
    precision: float | None
    recall: float | None
    kappa: float | None
    reviewed_with_theme: int


class AgreementRead(BaseModel):
    reviewed_answers: int
    themes: list[ThemeAgreementRead]
    sentiment_kappa: float | None
    sentiment_agreement: float | None
    alerts_closed_as_not_a_disclosure: int
    alerts_raised: int
    model: dict[str, object] | None = Field(
        None, description="The active learned model: when trained, on how many, its metrics."
    )
