"""Links from a digest deep into the dashboard, filtered to the forum's scope and period.

The responses page's query parameters are a contract with its owner: `period`
(month|last-month|3m|12m|custom), `from`, `to` (ISO dates), `team` (slug), `audience`,
`point` (collection point key), `channel`, `theme`, `polarity`, `question` + `rating`
("1-2"), `feeling`, `language`. `team`, `audience`, `point` and `channel` may be repeated, so
a forum over two teams links to exactly those two (`team=a&team=b`); `theme` and `feeling`
take one value, so where a forum hears several the link leaves that filter open (the
reader's own scope still bounds what they see).
The alerts queue takes `team` (the team's id) and `status`. Links are paths: the renderer
puts the council's address in front."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import urlencode

from api.forums.definitions import ForumDefinition, RoutingRule

RESPONSES = "/staff/responses"
ALERTS = "/staff/alerts"


def _shared(rules: Sequence[RoutingRule], values: str) -> list[str]:
    """A dimension's values when every rule limits it (then the forum hears only those);
    none when any rule leaves it open, as a filter then would hide what the forum hears."""
    found: list[str] = []
    for rule in rules:
        chosen = [str(getattr(v, "value", v)) for v in getattr(rule, values)]
        if not chosen:
            return []
        found += [v for v in chosen if v not in found]
    return found


WHO_AND_WHERE = (("team", "teams"), ("audience", "audiences"), ("point", "collection_points"))
WHAT_ABOUT = (("theme", "themes"), ("feeling", "sentiments"))


def scope(definition: ForumDefinition, *, ratings: bool = False) -> list[tuple[str, str]]:
    """The forum's rules as the responses page's filters; for a statement's ratings, only who
    and where (as the digest counts them: forums.query.figures_scope)."""
    rules = list(definition.rules)
    pairs: list[tuple[str, str]] = []
    for name, field in WHO_AND_WHERE:
        pairs += [(name, value) for value in _shared(rules, field)]
    for name, field in () if ratings else WHAT_ABOUT:
        shared = _shared(rules, field)
        if len(shared) == 1:
            pairs.append((name, shared[0]))
    polarities = {rule.polarity.value if rule.polarity else None for rule in rules}
    if not ratings and len(polarities) == 1 and None not in polarities:
        pairs.append(("polarity", polarities.pop() or ""))
    return pairs


def responses(definition: ForumDefinition, first: date, last: date, **extra: str | None) -> str:
    """The responses page for the forum and these days, with any further filters
    (theme=, polarity=, channel=, question=, rating=) replacing the forum's own."""
    chosen = {k: v for k, v in extra.items() if v is not None}
    pairs = [("period", "custom"), ("from", first.isoformat()), ("to", last.isoformat())]
    ratings = "question" in chosen
    pairs += [(k, v) for k, v in scope(definition, ratings=ratings) if k not in chosen]
    pairs += list(chosen.items())
    return f"{RESPONSES}?{urlencode(pairs)}"


def alerts(team_id: int | None) -> str:
    """The alerts queue, open ones, for one team (or all the reader may see)."""
    pairs = [("status", "open")] + ([("team", str(team_id))] if team_id is not None else [])
    return f"{ALERTS}?{urlencode(pairs)}"
