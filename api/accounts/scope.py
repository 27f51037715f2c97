"""What a signed-in person may see: which teams, and whether raw free text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import InstrumentedAttribute

from api.models.enums import Role

ROLES_WITH_ALL_TEAMS = frozenset({Role.admin, Role.rights_team})
ROLES_WITH_RAW_TEXT = frozenset({Role.admin, Role.rights_team, Role.manager})


@dataclass(frozen=True)
class Scope:
    role: Role
    label: str
    user_id: int | None = None
    team_ids: frozenset[int] = frozenset()

    @classmethod
    def system(cls, label: str) -> Scope:
        """The CLI and the worker act for the council as a whole."""
        return cls(role=Role.admin, label=label)

    @property
    def all_teams(self) -> bool:
        return self.role in ROLES_WITH_ALL_TEAMS

    @property
    def raw_text(self) -> bool:
        return self.role in ROLES_WITH_RAW_TEXT

    def allows_team(self, team_id: int | None) -> bool:
        # Feedback with no team is council-wide: only roles that see every team see it.
        return self.all_teams or (team_id is not None and team_id in self.team_ids)

    def team_filter(
        self, team_column: ColumnElement[Any] | InstrumentedAttribute[Any]
    ) -> ColumnElement[bool]:
        """The WHERE clause every scoped query adds: the one place scope is enforced in SQL."""
        if self.all_teams:
            return true()
        if not self.team_ids:
            return false()
        return team_column.in_(sorted(self.team_ids))
