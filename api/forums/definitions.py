"""A practice forum as a council describes it: who meets, how often, and what reaches them."""

from __future__ import annotations

from datetime import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from api.models.enums import Audience, SentimentLabel, ThemePolarity

Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly"]
# The digest's language: English, Welsh, or both in one email (in the council's order).
DigestLanguage = Literal["en", "cy", "both"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
KEY = r"^[a-z][a-z0-9-]{0,63}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Schedule(BaseModel):
    """When the digest for the period just ended goes: a weekday (weekly, fortnightly) or a
    day of the month (monthly, quarterly), at a time, in the council's time zone."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cadence: Cadence
    weekday: Weekday = "mon"
    day_of_month: int = Field(1, ge=1, le=28)
    at: time = time(9, 0)


class RoutingRule(BaseModel):
    """What a forum hears. Every condition given must hold; an empty rule matches all.
    A forum with several rules hears what any of them matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    teams: list[str] = Field(default_factory=list, description="Team slugs.")
    collection_points: list[str] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list, description="Theme ids.")
    polarity: ThemePolarity | None = Field(
        None, description="With themes: only mentions of this polarity."
    )
    sentiments: list[SentimentLabel] = Field(default_factory=list)
    statements_below_target: int | None = Field(
        None,
        ge=1,
        le=100,
        description="Statements whose top-two-box share fell below this percentage.",
    )


class ForumDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str = Field(pattern=KEY)
    name: str = Field(min_length=1, max_length=200)
    name_cy: str | None = Field(
        None, max_length=200, description="The forum's Welsh name (the English name if unset)."
    )
    purpose: str = Field("", max_length=1000)
    schedule: Schedule
    members: list[str] = Field(default_factory=list, max_length=200)
    teams_webhook_url: HttpUrl | None = Field(
        None, description="A Microsoft Teams incoming webhook, besides the email."
    )
    rules: list[RoutingRule] = Field(min_length=1, max_length=20)
    send_when_empty: bool = False
    active: bool = True
    language: DigestLanguage = Field(
        "en",
        description="The digest's language: en, cy, or both (bilingual, in the council's"
        " order of languages; English first where none is set).",
    )

    @model_validator(mode="after")
    def _members_are_addresses(self) -> ForumDefinition:
        import re

        bad = [m for m in self.members if not re.match(EMAIL, m)]
        if bad:
            raise ValueError(f"not email addresses: {', '.join(bad)}")
        return self
