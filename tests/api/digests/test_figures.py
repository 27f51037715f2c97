"""What "agreeing" means on each survey's table: 4 or 5 of 5, or the happy face of three."""

from __future__ import annotations

from api.digests.figures import StatementTable, _answers_with_three_faces
from api.digests.words import Words


def test_the_youngest_childrens_survey_is_read_as_three_faces():
    assert _answers_with_three_faces("young-person-under-8")
    assert not _answers_with_three_faces("parent-carer")
    assert not _answers_with_three_faces("young-person")


def test_the_note_says_what_agreeing_means_on_the_tables_scale():
    faces = StatementTable("young-person-under-8", "Under 8", (), three_faces=True)
    five = StatementTable("parent-carer", "Parents", ())
    for lang, happy, four in (
        ("en", "the happy face, of three", "4 or 5 of 5"),
        ("cy", "y wyneb hapus, o dri", "4 neu 5 o 5"),
    ):
        w = Words(lang)
        assert happy in w("share_agreeing_plain", survey="x", meaning=w(faces.agreeing_key))
        assert four in w("share_agreeing_plain", survey="x", meaning=w(five.agreeing_key))
