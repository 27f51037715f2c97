"""Forums as the API reads and writes them (the webhook URL goes in, never comes out)."""

from __future__ import annotations

from pydantic import BaseModel

from api.forums.definitions import ForumDefinition


class ForumWrite(ForumDefinition):
    """A forum's whole definition: a PUT replaces it."""


class ForumRead(BaseModel):
    key: str
    name: str
    name_cy: str | None = None
    purpose: str
    definition: ForumDefinition
    has_teams_webhook: bool
    active: bool
