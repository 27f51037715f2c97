import json
from pathlib import Path

import pytest

from analysis import taxonomy
from analysis.pipeline import analyse


def test_the_json_has_the_documented_shape():
    result = analyse("He never rings back", question="one_thing_to_change").as_json()
    assert set(result) == {"themes", "sentiment", "safeguarding", "language", "redacted"}
    assert result["themes"] == [
        {
            "id": "communication",
            "polarity": "negative",
            "evidence": ["never rings back"],
            "source": "rules",
        }
    ]
    assert set(result["sentiment"]) == {"label", "score"}
    assert set(result["safeguarding"]) == {"flag", "categories", "evidence"}
    json.dumps(result)


def test_welsh_without_a_welsh_signal_is_left_for_a_person():
    result = analyse("Roedd hi'n siarad gyda fi bob wythnos")
    assert result.language == "cy"
    assert result.themes == ()
    assert result.needs_review


def test_script_in_text_is_data_not_code():
    result = analyse("<script>alert('x')</script> she never rang back")
    assert result.redacted.startswith("<script>")  # escaping is the renderer's job
    assert result.themes[0].id == "communication"


def test_a_council_can_use_its_own_taxonomy(tmp_path: Path):
    own = tmp_path / "themes.yaml"
    own.write_text(
        "version: 7\nthemes:\n  - id: parking\n    label: {en: Parking, cy: Parcio}\n"
        "    definition: Getting parked at the family centre.\n"
        "    signals:\n      negative: ['no parking']\n"
    )
    result = analyse("there was no parking again", taxonomy_file=own)
    assert [(t.id, t.polarity) for t in result.themes] == [("parking", "negative")]
    assert result.taxonomy_version == 7


def test_a_broken_taxonomy_is_refused_with_its_path(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nthemes:\n  - id: x\n    label: {en: X}\n")
    with pytest.raises(taxonomy.TaxonomyError, match=r"bad\.yaml"):
        taxonomy.load(bad)
