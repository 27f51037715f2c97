"""Safeguarding alerts as the API shows them: status and history, never the words."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.models.enums import AlertStatus


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
