"""Where "Back" goes when a response (or an alert) is opened from another page: the page it
came from, with that page's filters, carried as `?back=` on the link.

Only a path on the staff pages is taken (never another site, never `//host`), so a link
someone edits cannot send a reader anywhere else."""

from __future__ import annotations

from urllib.parse import urlencode

from frontend.staff.language import N_, _

MAX_LENGTH = 2000
# Where a response can be opened from, and what its Back link says.
PLACES = (
    ("/staff/alerts/", N_("Back to the alert")),
    ("/staff/alerts", N_("Back to alerts")),
    ("/staff/concerns/", N_("Back to the possible concern")),
    ("/staff/concerns", N_("Back to possible concerns")),
    ("/staff/review", N_("Back to theme review")),
)


def safe(value: str | None) -> str | None:
    """`value` when it is a path on the staff pages, else None."""
    if not value or len(value) > MAX_LENGTH or "\\" in value or any(ord(c) < 32 for c in value):
        return None
    if not value.startswith("/staff/") and value != "/staff":
        return None
    return None if value.startswith("//") else value


def label(back: str) -> str:
    """What the Back link says for a page it returns to."""
    path = back.split("?", 1)[0]
    for prefix, words in PLACES:
        if path.startswith(prefix) and (prefix.endswith("/") or path == prefix):
            return _(words)
    return _("Back")


def with_back(path: str, back: str | None) -> str:
    """`path` with `back` carried on it (nothing added when there is none)."""
    return f"{path}?{urlencode({'back': back})}" if back else path
