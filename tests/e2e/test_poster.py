"""A Welsh placement's poster as printed: Welsh first and set exactly as the English, read in
a real browser (computed styles and positions) and printed to A4."""

from __future__ import annotations

import re

from channels.qr import codes, poster
from tests.e2e.conftest import ARTIFACTS

URL = "https://feedback.example.gov.uk/q/ABCD2345"


def lines(page) -> list[dict[str, object]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.line')].map(e => {
            const s = getComputedStyle(e), r = e.getBoundingClientRect();
            return {lang: e.lang, size: s.fontSize, weight: s.fontWeight, top: r.top,
                    parent: e.parentElement.tagName};
        })"""
    )


def test_a_welsh_placements_poster_is_welsh_first_in_one_size_and_weight(browser):
    html = poster.render(
        url=URL,
        svg=codes.svg(URL).decode(),
        council="Demo Council",
        council_cy="Cyngor Demo",
        survey="parent-carer",
        language="cy",
        order="en-cy",
    )
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.set_content(html)
    found = lines(page)
    ask = [line for line in found if line["parent"] == "H1"]
    assert [line["lang"] for line in ask] == ["cy", "en"]
    assert ask[0]["top"] < ask[1]["top"]  # Welsh reads first, above
    assert ask[0]["size"] == ask[1]["size"] and ask[0]["weight"] == ask[1]["weight"]
    # Every pair below the heading too: Welsh first, the two alike.
    for welsh, english in zip(found[::2], found[1::2], strict=True):
        assert (welsh["lang"], english["lang"]) == ("cy", "en")
        assert (welsh["size"], welsh["weight"]) == (english["size"], english["weight"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "poster-cy.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    # One A4 sheet: the poster must not spill onto a second page when printed.
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    page.close()
