"""Episodes over HTTP: who was asked, who answered, and their answers side by side."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class EpisodeRead(BaseModel):
    id: str
    case_ref: str = Field(description="The case system's pseudonymous reference.")
    event: str
    team: str
    collection_point: str | None
    occurred_on: date
    invited: int
    answered: int
    voices: list[str] = Field(description="The roles that answered, children first.")


class VoiceRead(BaseModel):
    label: str = Field(examples=["Young person", "Parent 2"])
    role: str
    survey: str
    response_id: str = Field(description="Read the whole response (free text by your role).")


class CellRead(BaseModel):
    voice: str
    value: int | None = Field(description="1 to 5; null when they said it does not apply.")
    stance: str | None = Field(description="agree (4-5), unsure (3), disagree (1-2).")


class TopicRead(BaseModel):
    topic: str
    name: str
    verdict: str = Field(
        description="agree, differ (one agreed and another disagreed), partly, or one_voice."
    )
    answers: list[CellRead]


class EpisodeDetail(EpisodeRead):
    voices_answered: list[VoiceRead]
    not_answered: list[str]
    topics: list[TopicRead]


class AgreementRead(BaseModel):
    topic: str
    name: str
    episodes: int | str = Field(description="Episodes where child and carer both answered.")
    agreeing: int | str | None
    pct: float | None = Field(description="Null under the small-number threshold.")
