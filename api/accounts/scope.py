"""What a signed-in person may see: which teams, whether raw free text, and whose words
(the one place that decides; decisions 8 and 44)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, false, or_, true
from sqlalchemy.orm import InstrumentedAttribute

from api.models.enums import Role, Visibility

ROLES_WITH_ALL_TEAMS = frozenset({Role.admin, Role.rights_team})
ROLES_WITH_RAW_TEXT = frozenset({Role.admin, Role.rights_team, Role.manager})
# Whose eyes each of a child's choices lets read the words, within the reader's teams (the
# choice only ever narrows who reads: a practitioner still reads the redacted copy). "My
# worker": the team that works with the child, practitioners and managers, and the rights
# team; "the rights team only": the rights team alone. The admin, who runs the system, reads
# neither; "anyone who helps improve the service" (or no choice asked) reads as before.
READERS_OF: dict[Visibility, frozenset[Role]] = {
    Visibility.worker: frozenset({Role.rights_team, Role.manager, Role.practitioner}),
    Visibility.rights_team: frozenset({Role.rights_team}),
    Visibility.service: frozenset(Role),
}
# Words that leave the system (digest quotes and forum packs, exports): only those the child
# let anyone who helps improve the service read, and those of answers never asked.
CHOICES_THAT_LEAVE = (Visibility.service,)


class Words(StrEnum):
    """How one reader sees one answer's words."""

    raw = "raw"
    redacted = "redacted"  # the analysis's copy, names and numbers removed
    none = "none"  # not at all: the child chose who reads, and it is not this reader


def words_may_leave(
    visibility_column: ColumnElement[Any] | InstrumentedAttribute[Any],
) -> ColumnElement[bool]:
    """The WHERE clause for answers whose words may leave the system (decision 44)."""
    return or_(visibility_column.is_(None), visibility_column.in_(CHOICES_THAT_LEAVE))


def may_leave(visibility: Visibility | None) -> bool:
    return visibility is None or visibility in CHOICES_THAT_LEAVE


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

    def words(self, visibility: Visibility | None) -> Words:
        """How this reader sees the words of an answer in their scope, as the child chose."""
        if visibility is not None and self.role not in READERS_OF[visibility]:
            return Words.none
        return Words.raw if self.raw_text else Words.redacted

    def words_filter(
        self, visibility_column: ColumnElement[Any] | InstrumentedAttribute[Any]
    ) -> ColumnElement[bool]:
        """The WHERE clause for answers whose words (raw or redacted) this reader may see:
        what every query that reads words adds beside team_filter."""
        choices = sorted(v for v, roles in READERS_OF.items() if self.role in roles)
        if len(choices) == len(Visibility):
            return true()
        return or_(visibility_column.is_(None), visibility_column.in_(choices))

    def shows_name(self, visibilities: Iterable[Visibility | None]) -> bool:
        """Whether a response's name may be shown: to raw readers, unless one of its answers
        was given "without my name" (beside it the name would say whose words those are)."""
        return self.raw_text and Visibility.service not in set(visibilities)

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
