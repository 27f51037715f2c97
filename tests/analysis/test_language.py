import pytest

from analysis.language import detect
from analysis.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "Dim byd, roedd hi'n wych",
        "Dim",
        "Mwy o amser gyda'r plant",
        "Roedd y gweithiwr yn newid o hyd",
        "Diolch yn fawr",
        "Dwi'n gweld fy nain eto",
    ],
)
def test_welsh_is_recognised(text):
    assert detect(normalise(text)) == "cy"


@pytest.mark.parametrize(
    "text", ["She was brilliant", "I am happy", "a dog", "nothing", "dunno", "5", "N/A", ""]
)
def test_english_and_empty_answers_are_not_taken_for_welsh(text):
    assert detect(normalise(text)) == "en"
