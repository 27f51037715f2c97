"""Invitation rules: which survey, when, how, for each collection point. Data, validated."""

from __future__ import annotations

from datetime import date, time
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from api.core.config import get_settings
from api.models.enums import ContactRole, InvitationMode

RULES_FILE = Path(__file__).with_name("rules.yaml")
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class RulesError(ValueError):
    pass


class Hours(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    start: time
    end: time

    @model_validator(mode="after")
    def _in_order(self) -> Hours:
        if self.start >= self.end:
            raise ValueError("start must be before end")
        return self


class WindowRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    days: list[Day] = Field(min_length=1)
    start: time
    end: time
    school_hours: Hours | None = None
    closed_dates: list[date] = Field(default_factory=list)


class RoleRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    survey: str
    sms_mode: InvitationMode = InvitationMode.link


class PointRule(BaseModel):
    """Everything about inviting people at one collection point."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    delay_hours: float = Field(ge=0)
    reminder_after_hours: float = Field(gt=0)
    expire_after_days: float = Field(gt=0)
    min_days_between_surveys: float = Field(ge=0)
    roles: dict[ContactRole, RoleRule]
    send_window: WindowRule


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    events: dict[str, str] = Field(min_length=1)
    defaults: PointRule
    points: dict[str, dict[str, object]] = Field(default_factory=dict)

    def for_event(self, event: str) -> tuple[str, PointRule] | None:
        """The collection point and its rule for a case event; None for an event we ignore."""
        point = self.events.get(event)
        if point is None:
            return None
        return point, self.rule_for_point(point)

    def rule_for_point(self, point: str) -> PointRule:
        """A point's rule: the defaults with the point's own settings over them."""
        found = self._merged.get(point)
        if found is None:  # a point with no settings of its own
            found = self._merged[point] = self._merge(point)
        return found

    @cached_property
    def _merged(self) -> dict[str, PointRule]:
        # Worked out once per loaded file: validating a rule costs more than sending a text.
        return {}

    def _merge(self, point: str) -> PointRule:
        overrides = self.points.get(point, {})
        return PointRule.model_validate({**self.defaults.model_dump(), **overrides})

    @model_validator(mode="after")
    def _points_valid(self) -> Rules:
        for point in {*self.events.values(), *self.points}:
            try:
                self._merge(point)
            except ValidationError as exc:
                raise ValueError(f"points.{point}: {exc}") from exc
        return self


@lru_cache
def load(path: Path | None = None) -> Rules:
    """The council's rules (YOUSAID_INVITATION_RULES_FILE) or the packaged ones."""
    source = path or RULES_FILE
    try:
        return Rules.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise RulesError(f"{source}: {exc}") from exc


def current() -> Rules:
    return load(get_settings().invitation_rules_file)
