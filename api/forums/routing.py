"""Which feedback reaches which forum. Pure: plain facts about an answer in, a verdict out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from api.forums.definitions import RoutingRule


@dataclass(frozen=True)
class Heard:
    """What a forum's rules look at in one response."""

    team: str | None
    collection_point: str | None
    audience: str
    themes: Mapping[str, frozenset[str]] = field(default_factory=dict)  # id -> polarities
    sentiments: frozenset[str] = frozenset()


def matches(rule: RoutingRule, heard: Heard) -> bool:
    """Every condition the rule gives holds. (Statements below target are judged on the
    period's figures, not one response: see below_target.)"""
    if rule.teams and heard.team not in rule.teams:
        return False
    if rule.collection_points and heard.collection_point not in rule.collection_points:
        return False
    if rule.audiences and heard.audience not in rule.audiences:
        return False
    if rule.themes:
        wanted = [
            theme
            for theme in rule.themes
            if theme in heard.themes
            and (rule.polarity is None or rule.polarity.value in heard.themes[theme])
        ]
        if not wanted:
            return False
    elif rule.polarity is not None and not any(
        rule.polarity.value in polarities for polarities in heard.themes.values()
    ):
        return False
    return not rule.sentiments or bool(heard.sentiments & {s.value for s in rule.sentiments})


def heard_by(rules: Iterable[RoutingRule], heard: Heard) -> bool:
    """A forum hears a response that any of its rules matches."""
    return any(matches(rule, heard) for rule in rules if rule.statements_below_target is None)


def below_target(rule: RoutingRule, shares: Mapping[str, float | None]) -> list[str]:
    """The statements (keys) whose top-two-box share this period fell below the rule's
    target; a suppressed share (None) is never reported as a fall."""
    if rule.statements_below_target is None:
        return []
    return sorted(
        key
        for key, share in shares.items()
        if share is not None and share * 100 < rule.statements_below_target
    )
