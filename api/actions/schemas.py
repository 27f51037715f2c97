"""'You said, we did' actions as staff write them and the public reads them."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.models.enums import ActionStatus


class ActionWrite(BaseModel):
    team: str | None = Field(None, max_length=64, description="None: council-wide.")
    you_said: str = Field(min_length=1, max_length=1000)
    you_said_cy: str | None = Field(None, max_length=1000)
    we_did: str = Field(min_length=1, max_length=1000)
    we_did_cy: str | None = Field(None, max_length=1000)
    themes: list[str] = Field(default_factory=list, max_length=13)
    responses: list[str] = Field(default_factory=list, max_length=100)
    owner: str = Field(min_length=1, max_length=200)
    due_on: date | None = None
    status: ActionStatus = ActionStatus.planned


class ActionRead(BaseModel):
    id: str
    team: str | None
    you_said: str
    you_said_cy: str | None
    we_did: str
    we_did_cy: str | None
    themes: list[str]
    responses: list[str]
    owner: str
    due_on: date | None
    status: ActionStatus
    published: bool
    published_at: datetime | None
