"""The characteristics a council chooses to send with case events (ethnicity, disability …).

Only names and values on the council's own list are accepted (YOUSAID_CHARACTERISTICS_FILE,
the shape of characteristics-example.yaml), so what is stored is bounded and can only be
counted: no free text, nothing a person could be read back from. With no file, none are
accepted and a case event that sends one is told so (decision 46).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from api.core.config import get_settings

EXAMPLE_FILE = Path(__file__).with_name("characteristics-example.yaml")
KEY = r"^[a-z][a-z0-9_]{0,39}$"


class Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str = Field(min_length=1, max_length=80)
    cy: str = Field(min_length=1, max_length=80)


class Characteristic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str = Field(min_length=1, max_length=80, description="Its name on the Overview.")
    cy: str = Field(min_length=1, max_length=80)
    values: dict[str, Value] = Field(min_length=2, max_length=40)

    def label(self, value: str, lang: str) -> str:
        found = self.values.get(value)
        if found is None:
            return value
        return found.cy if lang == "cy" else found.en


class Characteristics(RootModel[dict[str, Characteristic]]):
    def names(self) -> tuple[str, ...]:
        return tuple(self.root)

    def get(self, name: str) -> Characteristic | None:
        return self.root.get(name)

    def problem(self, name: str, value: str) -> str | None:
        """Why this name and value cannot be stored, in words the case system's team can act
        on; None when they can."""
        chosen = self.root.get(name)
        if chosen is None:
            known = ", ".join(sorted(self.root)) or "none"
            return f"'{name}' is not a characteristic this council counts (it counts: {known})"
        if value not in chosen.values:
            allowed = ", ".join(sorted(chosen.values))
            return f"'{value}' is not a value of {name} (use one of: {allowed})"
        return None


class CharacteristicsError(ValueError):
    pass


@lru_cache
def load(path: Path | None) -> Characteristics:
    """The council's list, or an empty one when it has chosen none."""
    if path is None:
        return Characteristics({})
    try:
        found = Characteristics.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise CharacteristicsError(f"{path}: {exc}") from exc
    bad = [
        key
        for name, chosen in found.root.items()
        for key in (name, *chosen.values)
        if not _is_key(key)
    ]
    if bad:
        raise CharacteristicsError(f"{path}: names and values must match {KEY}: {bad}")
    return found


def _is_key(text: str) -> bool:
    import re

    return re.fullmatch(KEY, text) is not None


def current() -> Characteristics:
    return load(get_settings().characteristics_file)
