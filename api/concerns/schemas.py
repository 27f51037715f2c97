"""Possible concerns as the API shows them: who, when, where, when due, and what the reader
decided; never the words in a list (one concern's words are shown to raw roles, audited)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.models.enums import Audience, Channel, ConcernOutcome, ConcernReason, ConcernStatus


class ConcernRead(BaseModel):
    id: str
    status: ConcernStatus
    reason: ConcernReason = Field(
        description="model: the model was above its recall-first threshold; child_words: a "
        "child's words the analysis was not confident are ordinary feedback."
    )
    said_at: datetime | None = Field(None, description="When the person said it (UTC).")
    raised_at: datetime
    due_at: datetime = Field(description="Read by then: the same time, next working day.")
    overdue: bool
    audience: Audience | None = None
    channel: Channel | None = None
    team: str | None = Field(None, description="The team's name; none for anonymous feedback.")
    collection_point: str | None = None
    survey: str | None = None
    read_by: str | None = None
    read_at: datetime | None = None
    outcome: ConcernOutcome | None = None
    note: str | None = None
    alert_id: str | None = Field(None, description="The alert raised from it, if one was.")
    response_id: str | None = None


class ConcernWithText(ConcernRead):
    text: str | None = Field(
        None,
        description="The words, for roles that may read raw feedback; each showing audited. "
        "Null when the child chose who reads and it is not you (the rights team reads it).",
    )


class ConcernOutcomeWrite(BaseModel):
    outcome: ConcernOutcome = Field(description="What you decided after reading it.")
    note: str | None = Field(None, max_length=5000)
