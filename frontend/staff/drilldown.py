"""Links from a figure to the answers behind it on /staff/responses.

The query string is a contract with the responses list: the page's own filters (`period`,
`from`, `to`, `team`, `audience`, `point`, `channel`) and then what the figure adds:
`question` and `rating` (`1-2` or `4-5`) for a statement's bar, `theme` and `polarity` for a
theme's count. A figure for one week or month narrows the period to its days.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from frontend.staff.filters import Query

RESPONSES = "/staff/responses"
AGREE, DISAGREE = "4-5", "1-2"


def responses(filters: Query, **drill: str | None) -> str:
    """The responses list under the page's filters, narrowed by `drill` (None: left out)."""
    query = {**filters, **{k: v for k, v in drill.items() if v is not None}}
    return f"{RESPONSES}?{urlencode(query, doseq=True)}"


def within(filters: Query, start: date, end: date) -> Query:
    """The page's filters for the days of one bucket rather than the whole period."""
    kept = {k: v for k, v in filters.items() if k not in ("period", "from", "to")}
    return {"period": "custom", "from": start.isoformat(), "to": end.isoformat(), **kept}


def statement(filters: Query, key: str, rating: str) -> str:
    return responses(filters, question=key, rating=rating)


def theme(filters: Query, theme_id: str, polarity: str | None = None) -> str:
    return responses(filters, theme=theme_id, polarity=polarity)
