"""The QR poster sets English and Welsh alike, Welsh first where that is the order."""

from __future__ import annotations

import re
from html import unescape

import pytest

from channels.qr import poster


def lines(html: str) -> list[tuple[str, str]]:
    """(language, words) of every line, in the poster's reading order."""
    found = re.findall(r'<span class="line" lang="(en|cy)">([^<]*)</span>', html)
    return [(lang, unescape(words)) for lang, words in found]


def draw(**values: str) -> str:
    return poster.render(
        url="https://yousaid.example/q/ABCD2345",
        svg="<svg></svg>",
        council="Demo Council",
        survey=values.pop("survey", "parent-carer"),
        **values,  # type: ignore[arg-type]
    )


def test_an_english_placement_of_an_english_first_council_is_english_first():
    read = lines(draw(language="en", order="en-cy"))
    assert [lang for lang, _ in read[:2]] == ["en", "cy"]
    assert '<html lang="en">' in draw(language="en", order="en-cy")


@pytest.mark.parametrize(("language", "order"), [("cy", "en-cy"), ("en", "cy-en"), ("cy", "cy-en")])
def test_a_cymraeg_placement_or_a_welsh_first_council_is_welsh_first(language, order):
    html = draw(language=language, order=order)
    read = lines(html)
    assert read[0] == ("cy", "Dywedwch wrthon ni sut rydyn ni'n gwneud")
    # Every pair on the poster, not only the heading, puts Welsh first.
    assert [lang for lang, _ in read] == ["cy", "en"] * (len(read) // 2)
    assert '<html lang="cy">' in html


def test_both_languages_share_one_size_and_weight():
    html = draw(language="cy")
    # No style picks out a language: nothing is keyed on lang or on a language's own class.
    assert ".cy" not in html and "[lang" not in html
    assert re.search(r"h1 \{ font-size: \d+pt; font-weight: 700;", html)
    heading = re.search(r'<h1 class="ask">(.*?)</h1>', html)
    assert heading and heading.group(1).count('class="line"') == 2


def test_a_childs_poster_speaks_to_them_as_ti_and_an_adults_as_chi():
    child = " ".join(words for lang, words in lines(draw(survey="young-person")) if lang == "cy")
    adult = " ".join(words for lang, words in lines(draw(survey="parent-carer")) if lang == "cy")
    assert "Dywed wrthon ni" in child and "dy ffôn" in child and "Ffonia 999" in child
    assert "eich" not in child and "Ffoniwch" not in child
    assert "Dywedwch wrthon ni" in adult and "eich ffôn" in adult and "Ffoniwch 999" in adult


def test_the_councils_welsh_name_stands_beside_its_english_one():
    html = draw(council_cy="Cyngor Demo", language="cy")
    assert ("cy", "Cyngor Demo") in lines(html) and ("en", "Demo Council") in lines(html)


def test_the_welsh_lines_name_meic_as_the_welsh_pages_do():
    read = lines(draw(language="cy"))
    welsh = " ".join(words for lang, words in read if lang == "cy")
    english = " ".join(words for lang, words in read if lang == "en")
    assert "Meic (yn Gymraeg): 080880 23456" in welsh
    assert "Childline: 0800 1111" in english and "Meic" not in english
