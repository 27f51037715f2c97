"""The survey library shipped as data in the package: loaded once, validated, versioned."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from api.core.errors import LibraryError
from api.surveys.definitions import CollectionPointDefinition, Scales, SurveyDefinition

LIBRARY_DIR = Path(__file__).parent / "library"


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LibraryError(f"{path}: cannot be read: {exc}") from exc


# Question fields added after v1 was published, with their defaults.
ADDED_LATER: dict[str, object] = {
    "ask_by_text": True,
    "picture": None,
    "scale": None,
    "equality": False,
}
# And survey fields added after v1, likewise.
SURVEY_ADDED_LATER: dict[str, object] = {"read_with_an_adult": False}
OPTION_ADDED_LATER: dict[str, object] = {"picture": None}


def checksum(definition: SurveyDefinition) -> str:
    """A stable fingerprint of a version's content: a changed version is caught, not served."""
    content = definition.model_dump(mode="json")
    for field, default in SURVEY_ADDED_LATER.items():
        if content.get(field) == default:
            content.pop(field, None)
    for question in content["questions"]:
        # Fields added after versions were published count only when set, so a published
        # version keeps the fingerprint it was stored with.
        for field, default in ADDED_LATER.items():
            if question.get(field) == default:
                question.pop(field, None)
        for option in question["options"]:
            for field, default in OPTION_ADDED_LATER.items():
                if option.get(field) == default:
                    option.pop(field, None)
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_survey_file(path: Path) -> SurveyDefinition:
    try:
        definition = SurveyDefinition.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise LibraryError(f"{path}: {exc}") from exc
    if path.stem != f"v{definition.version}" or path.parent.name != definition.key:
        raise LibraryError(f"{path}: must live at {definition.key}/v{definition.version}.yaml")
    return definition


@lru_cache
def survey_library(directory: Path = LIBRARY_DIR) -> tuple[SurveyDefinition, ...]:
    """Every version of every survey in the library, oldest version first."""
    files = sorted(directory.glob("*/v*.yaml"), key=lambda p: (p.parent.name, int(p.stem[1:])))
    return tuple(load_survey_file(path) for path in files)


@lru_cache
def scales(directory: Path = LIBRARY_DIR) -> Scales:
    try:
        return Scales.model_validate(_read_yaml(directory / "scales.yaml"))
    except ValidationError as exc:
        raise LibraryError(f"scales.yaml: {exc}") from exc


def collection_points(extra_file: Path | None = None) -> list[CollectionPointDefinition]:
    """The packaged collection points, then a council's own file (which may override wording)."""
    adapter = TypeAdapter(list[CollectionPointDefinition])
    by_key: dict[str, CollectionPointDefinition] = {}
    for path in [LIBRARY_DIR / "collection-points.yaml", extra_file]:
        if path is None:
            continue
        try:
            for point in adapter.validate_python(_read_yaml(path)):
                by_key[point.key] = point
        except ValidationError as exc:
            raise LibraryError(f"{path}: {exc}") from exc
    return list(by_key.values())
