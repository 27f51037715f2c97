"""Safeguarding alerts as the API shows them: who, when, where, status and history; never the
words or contact details (each is its own audited request or page)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.models.enums import AlertSource, AlertStatus, Audience, Channel


class AlertEventRead(BaseModel):
    occurred_at: datetime
    by: str
    status: AlertStatus
    note: str | None


class AlertRead(BaseModel):
    id: str
    status: AlertStatus
    categories: list[str]
    raised_at: datetime
    updated_at: datetime
    minutes_since_raised: int
    not_a_disclosure: bool
    said_at: datetime | None = Field(None, description="When the person said it (UTC).")
    audience: Audience | None = None
    channel: Channel | None = None
    raised_by: AlertSource = Field(
        description="child_request, analysis, both, or concern_review (a person who read a "
        "possible concern raised it)."
    )
    team: str | None = Field(None, description="The team's name; none for anonymous feedback.")
    collection_point: str | None = None
    survey: str | None = None
    owner: str | None = Field(None, description="Who holds the alert, if anyone yet.")
    assigned_at: datetime | None = None
    case_ref: str | None = Field(None, description="The case reference of an invited person.")
    history: list[AlertEventRead] | None = None


class AlertMove(BaseModel):
    status: AlertStatus = Field(description="The next status: see the alert's allowed moves.")
    note: str | None = Field(None, max_length=5000)
    not_a_disclosure: bool = Field(
        False,
        description="With no_further_action: it was not a disclosure (the analysis learns).",
    )


class AlertText(BaseModel):
    id: str
    text: str
