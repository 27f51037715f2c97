"""`yousaid surveys check-wording`: the shipped library and the child pages pass; a hard
sentence added to a child's question fails the check, and an adult's only with --strict."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from api.cli import app
from api.models.enums import Audience
from api.surveys import library, wording
from frontend.child_words import child_page_strings

runner = CliRunner()
HARD = (
    "If you tell us something that makes us worried you are not safe, we will share it with "
    "people whose job is keeping children safe."
)


def test_the_shipped_library_and_child_pages_pass():
    result = runner.invoke(app, ["surveys", "check-wording"])
    assert result.exit_code == 0, result.output
    assert " 0 fail." in result.output
    checked = wording.findings(child_page_strings())
    assert wording.failures(checked) == []
    # The child pages were read, in both languages, not only the library.
    pages = [f for _, f in checked if f.source == "child pages"]
    assert {f.language for f in pages} == {"en", "cy"} and len(pages) > 50


def _library_with(tmp_path: Path, survey: str, text: dict[str, str]) -> Path:
    """A copy of the library whose newest version of `survey` has one more question."""
    copy = tmp_path / "library"
    shutil.copytree(library.LIBRARY_DIR, copy)
    newest = max((copy / survey).glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
    content = yaml.safe_load(newest.read_text(encoding="utf-8"))
    content["questions"].append({"key": "added", "kind": "free_text", "text": text})
    newest.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return copy


def test_a_hard_sentence_on_a_childs_question_fails(tmp_path):
    copy = _library_with(
        tmp_path, "young-person-under-8", {"en": HARD, "cy": "Beth sy'n gyfrinachol?"}
    )
    failing = wording.failures(wording.findings(directory=copy))
    english = next(f for f in failing if f.language == "en")
    assert english.where.endswith("(added)")
    assert any("a sentence of 25 words (at most 8)" in p for p in english.problems)
    assert any(p.startswith("reading age") for p in english.problems)
    welsh = next(f for f in failing if f.language == "cy")
    assert welsh.problems == ('"cyfrinachol" (try "preifat")',)


def test_a_hard_word_on_a_young_persons_question_fails_even_in_a_short_string(tmp_path):
    copy = _library_with(
        tmp_path, "young-person", {"en": "Stay anonymous?", "cy": "Aros yn ddienw?"}
    )
    [english] = [
        f for f in wording.failures(wording.findings(directory=copy)) if f.language == "en"
    ]
    assert english.problems == ('"anonymous" (try "we will not know who you are")',)


def test_an_adults_hard_sentence_is_advice_unless_strict(tmp_path):
    copy = _library_with(tmp_path, "parent-carer", {"en": HARD, "cy": HARD})
    checked = wording.findings(directory=copy)
    parents = [f for limits, f in checked if not limits.child and f.where.endswith("(added)")]
    assert parents and all(f.problems for f in parents if f.language == "en")
    assert not [f for f in wording.failures(checked) if f.where.endswith("(added)")]
    assert [f for f in wording.failures(checked, strict=True) if f.where.endswith("(added)")]


def test_each_audience_has_its_own_limits():
    assert wording.limits_for(Audience.young_person, read_with_an_adult=True).reading_age == 7
    assert wording.limits_for(Audience.young_person).reading_age == 9
    assert wording.limits_for(Audience.parent_carer).reading_age == 11
    assert not wording.limits_for(Audience.partner).child
