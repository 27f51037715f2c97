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
# The young people's version, in a child's Welsh ("ti").
CHILD_WELSH = {
    "ethnic_group": "Beth yw dy grŵp ethnig di?",
    "disability": (
        "Oes gen ti gyflwr iechyd neu anabledd sydd wedi para, neu a fydd yn para, "
        "blwyddyn neu fwy?"
    ),
}


def library_with_equality(directory: Path) -> Path:
    """Copy the library to `directory` and add the example questions as new versions."""
    copy = directory / "library"
    shutil.copytree(library.LIBRARY_DIR, copy)
    questions = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for survey, child in (("parent-carer", False), ("young-person", True)):
        newest = max(library.survey_library(), key=lambda d: (d.key == survey, d.version))
        content = yaml.safe_load(
            (copy / survey / f"v{newest.version}.yaml").read_text(encoding="utf-8")
        )
        added = [dict(q, text=dict(q["text"])) for q in questions]
        if child:
            for question in added:
                question["text"]["cy"] = CHILD_WELSH[question["key"]]
        content["version"] = newest.version + 1
        content["questions"] = content["questions"] + added
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
