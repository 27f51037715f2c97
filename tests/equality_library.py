"""A copy of the survey library with the example equality questions added, as a council would
add them: a new version of the parent and carer survey (adults) and of the young people's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy.orm import Session

from api.core import reference_cache
from api.surveys import library
from api.surveys import service as surveys

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "equality-questions.yaml"


def library_with_equality(directory: Path) -> Path:
    """Copy the library to `directory` and add the example questions as new versions."""
    copy = directory / "library"
    shutil.copytree(library.LIBRARY_DIR, copy)
    sets = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for survey, questions in (
        ("parent-carer", sets["adults"]),
        ("young-person", sets["young_people"]),
    ):
        newest = max(library.survey_library(), key=lambda d: (d.key == survey, d.version))
        content = yaml.safe_load(
            (copy / survey / f"v{newest.version}.yaml").read_text(encoding="utf-8")
        )
        content["version"] = newest.version + 1
        content["questions"] = content["questions"] + questions
        (copy / survey / f"v{newest.version + 1}.yaml").write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return copy


def use_equality_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Session) -> None:
    """Serve the copy for the rest of the test, and publish its new versions in `db`."""
    copy = library_with_equality(tmp_path)
    original = library.survey_library
    monkeypatch.setattr(library, "survey_library", lambda directory=copy: original(directory))
    surveys.sync_library(db)
    reference_cache.clear_all()
