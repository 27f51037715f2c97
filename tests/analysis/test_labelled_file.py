"""A council's labelled history as JSON lines: good lines read, bad lines named by number."""

import json

import pytest

from analysis import labelled_file
from analysis.labelled_file import LabelledFileError


def lines(*rows):
    return [r if isinstance(r, str) else json.dumps(r) for r in rows]


def test_reads_bare_ids_polarity_objects_and_optional_fields():
    items = labelled_file.parse(
        lines(
            {
                "id": "a1",
                "text": "Nobody rang me back but she was kind",
                "question": "What could we do better?",
                "audience": "parent",
                "themes": ["communication", {"id": "caring", "polarity": "positive"}],
                "sentiment": "mixed",
            },
            "",
            {"id": 2, "text": "dunno", "themes": []},
        )
    )
    first, second = items
    assert first.themes == {("communication", "any"), ("caring", "positive")}
    assert (first.id, first.question, first.audience) == (
        "a1",
        "What could we do better?",
        "parent_carer",
    )
    assert (first.sentiment, first.safeguarding) == ("mixed", None)
    assert (second.id, second.themes, second.sentiment, second.question) == (
        "2",
        frozenset(),
        None,
        None,
    )


def test_a_theme_given_bare_and_with_a_polarity_keeps_the_polarity():
    themes = ["caring", {"id": "caring", "polarity": "negative"}]
    (item,) = labelled_file.parse(lines({"id": 1, "text": "x", "themes": themes}))
    assert item.themes == {("caring", "negative")}


def test_every_bad_line_is_named_by_its_number():
    with pytest.raises(LabelledFileError) as raised:
        labelled_file.parse(
            lines(
                {"id": 1, "text": "fine", "themes": []},
                "{not json",
                {"id": 3, "themes": []},
                {"id": 4, "text": "x", "themes": ["kindness"]},
                {"id": 5, "text": "x", "themes": [{"id": "caring", "polarity": "up"}]},
                {"id": 6, "text": "x", "themes": [], "sentiment": "happy"},
                {"id": 1, "text": "again", "themes": []},
                {"id": 8, "text": "x"},
                ["a", "list"],
            )
        )
    problems = raised.value.problems
    assert [p.split(":")[0] for p in problems] == [f"line {n}" for n in range(2, 10)]
    assert "not JSON" in problems[0]
    assert '"text" is needed' in problems[1]
    assert "unknown theme 'kindness'" in problems[2]
    assert "polarity 'up'" in problems[3]
    assert "'happy'" in problems[4]
    assert "also on line 1" in problems[5]
    assert '"themes" is needed' in problems[6]


def test_an_empty_file_or_bytes_that_are_not_utf8_say_so(tmp_path):
    with pytest.raises(LabelledFileError, match="no labelled answers"):
        labelled_file.parse(["", "  "])
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": 1, "text": "caf\xe9", "themes": []}\n')
    with pytest.raises(LabelledFileError, match="not UTF-8"):
        labelled_file.read(path)


def test_themes_are_checked_against_the_ids_given():
    row = {"id": 1, "text": "x", "themes": ["our_own_theme"]}
    (item,) = labelled_file.parse(lines(row), themes=["our_own_theme"])
    assert item.themes == {("our_own_theme", "any")}


def test_written_items_read_back_the_same(tmp_path):
    items = labelled_file.parse(
        lines(
            {
                "id": "x",
                "text": "Kind — and slow",
                "question": "FFT Why?",
                "themes": ["timeliness", {"id": "caring", "polarity": "positive"}],
                "sentiment": "neutral",
            }
        )
    )
    path = tmp_path / "out.jsonl"
    assert labelled_file.write(items, path) == 1
    assert labelled_file.read(path) == items
