"""What a form's checks said, in the reader's language: pydantic's own messages are English,
so each kind of error a staff form can meet is worded here once, for every staff form."""

from __future__ import annotations

from typing import Any

from frontend.staff import api_messages
from frontend.staff.language import _, current

VALUE_ERROR = "Value error, "


def explain(error: dict[str, Any], name: str) -> str:
    """One pydantic error about the field called `name` (already in the reader's language;
    empty for a check of the whole form, whose own words then stand alone)."""
    kind = str(error.get("type", ""))
    limits = error.get("ctx") or {}
    if kind == "missing":
        # English lowers the field's name mid-sentence; Welsh keeps "Saesneg" capital.
        return _("Enter %(what)s", what=name.lower() if current() == "en" else name)
    if kind == "string_too_long":
        return _(
            "%(what)s: keep it under %(most)s characters",
            what=name,
            most=format(int(limits.get("max_length", 0)), ","),
        )
    if kind in ("string_too_short", "too_short"):
        return _("%(what)s: fill this in", what=name)
    if kind == "too_long":
        return _("%(what)s: choose fewer", what=name)
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type"):
        return _("%(what)s: enter a number", what=name)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _("%(what)s: that number is out of range", what=name)
    if kind in ("literal_error", "enum"):
        return _("%(what)s: choose one of the options", what=name)
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("%(what)s: enter a date, like 2026-12-31", what=name)
    message = str(error.get("msg", ""))
    if kind == "value_error" and message.startswith(VALUE_ERROR):
        # our own checks' words (api/), in the reader's language where they are listed
        said = api_messages.say(message[len(VALUE_ERROR) :])
        return f"{name}: {said}" if name else said[:1].upper() + said[1:]
    return _("%(what)s: check this", what=name)
