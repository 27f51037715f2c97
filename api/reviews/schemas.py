"""Reviewers' corrections and what they tell us about the analysis."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.models.enums import SentimentLabel


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


class ReviewRead(BaseModel):
    response: str
    question: str
    themes: list[ThemeChoice]
    sentiment: SentimentLabel
    reviewed_at: datetime
    by: str


class QueueItem(BaseModel):
    response: str
    question: str
    text: str
    language: str
    themes: list[dict[str, object]]
    sentiment: SentimentLabel
    lowest_confidence: float | None
    needs_review: bool
    submitted_at: datetime


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
