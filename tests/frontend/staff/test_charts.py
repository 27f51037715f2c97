"""Server-drawn charts: labelled SVG whose words say what the picture shows, escaped; each
series keeps its look whoever looks; a part period stands alone."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from frontend.staff import charts

SVG = "{http://www.w3.org/2000/svg}"
WEB, SMS = charts.style_of("channel", "web"), charts.style_of("channel", "sms")


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def markers(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.tag in (f"{SVG}circle", f"{SVG}rect", f"{SVG}path")]


def test_a_line_chart_is_an_image_with_a_title_and_description():
    svg = parse(
        charts.line_chart(
            "responses",
            "Responses by channel",
            ["Nov 25", "Dec 25", "Jan 26"],
            [
                charts.Line("Web form", [3, 5, 8], WEB),
                charts.Line("Text message", [0, 2, None], SMS),
            ],
            desc="10 responses.",
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "responses-title responses-desc"
    assert svg.find(f"{SVG}title").text == "Responses by channel"
    assert len(svg.findall(f"{SVG}polyline")) == 2
    # A missing value is a gap, not a zero: two points on the second line.
    assert len(markers(svg)) == 3 + 2


def test_names_are_escaped():
    svg = charts.line_chart(
        "x", "<script>alert(1)</script>", ["<b>"], [charts.Line("<img src=x>", [1])], desc="&"
    )
    text = str(svg)
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    parse(svg)  # still well-formed


def test_a_part_month_is_an_open_point_not_joined_and_labelled_so_far():
    svg = parse(
        charts.line_chart(
            "r",
            "Responses",
            ["Oct 26", "Nov 26", "Dec 26"],
            [charts.Line("Web form", [40, 42, 2], WEB, key="web")],
            desc="",
            notes=["", "", "so far"],
        )
    )
    [line] = svg.findall(f"{SVG}polyline")
    assert len(line.get("points").split()) == 2  # the line stops at the last whole month
    circles = svg.findall(f"{SVG}circle")
    assert [c.get("fill") for c in circles] == [WEB.colour, WEB.colour, "#ffffff"]
    assert any(t.text == "so far" for t in svg.iter(f"{SVG}tspan"))


def test_every_series_has_one_fixed_look_distinct_from_the_others():
    for kind, styles in charts.STYLES.items():
        looks = [(s.colour, s.dash) for s in styles.values()]
        assert len(set(looks)) == len(looks), kind
        assert len({s.dash for s in styles.values()}) == len(styles), f"{kind}: dash alone"
    # The same id gets the same look however the series are ordered or sized.
    assert charts.style_of("channel", "sms") == charts.Style("#007A5A", "2 3", "triangle")


def contrast_on_white(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_series_colour_has_three_to_one_contrast_on_white():
    for styles in charts.STYLES.values():
        for style in styles.values():
            assert contrast_on_white(style.colour) >= 3, style


def test_small_multiples_share_one_scale():
    a = parse(charts.small_multiple("a", "Reliability", [10, 20], [0, 5], peak=20))
    b = parse(charts.small_multiple("b", "Caring", [1, 2], [0, 1], peak=20))
    top_a = min(float(p.split(",")[1]) for p in a.find(f"{SVG}polyline").get("points").split())
    top_b = min(float(p.split(",")[1]) for p in b.find(f"{SVG}polyline").get("points").split())
    assert top_a < top_b  # 20 mentions draw higher than 2 on the same scale


def test_a_small_multiples_part_bucket_is_not_joined():
    svg = parse(
        charts.small_multiple("a", "Reliability", [10, 20, 1], [0, 5, 0], 20, partial=[0, 0, 1])
    )
    assert all(len(p.get("points").split()) == 2 for p in svg.findall(f"{SVG}polyline"))
    assert len(svg.findall(f"{SVG}circle")) == 2  # an open point on each line


def label_boxes(svg: ET.Element) -> list[tuple[float, float]]:
    """Each x label's estimated left and right (the y numbers are anchored at the end)."""
    found = []
    for text in svg.iter(f"{SVG}text"):
        if text.get("text-anchor") != "middle":
            continue
        note = text.find(f"{SVG}tspan")
        wide = charts.label_width(text.text or "", note.text if note is not None else "")
        found.append((float(text.get("x")) - wide / 2, float(text.get("x")) + wide / 2))
    return found


def test_a_phones_chart_shows_fewer_labels_none_touching_and_none_past_its_edges():
    # Thirteen Welsh weeks, the first and last part weeks with a second line each.
    labels = [f"{d:02d} Gorff" for d in range(1, 14)]
    notes = ["o 3 Gorff", *[""] * 11, "hyd at 30 Medi"]
    lines = [charts.Line("Gwe", list(range(13)), WEB)]
    for width in (640, 360):
        svg = parse(charts.line_chart("r", "R", labels, lines, desc="", notes=notes, width=width))
        assert svg.get("viewBox") == f"0 0 {width} 236"
        boxes = sorted(label_boxes(svg))
        assert boxes[0][0] >= 0 and boxes[-1][1] <= width, boxes
        assert all(a[1] + charts.GAP <= b[0] for a, b in itertools.pairwise(boxes)), boxes
        # The part weeks keep their labels ("from", "to"): they say why the count is low.
        assert {t.text for t in svg.iter(f"{SVG}tspan")} == {"o 3 Gorff", "hyd at 30 Medi"}
    wide = parse(charts.line_chart("r", "R", labels, lines, desc="", notes=notes))
    narrow = parse(charts.line_chart("r", "R", labels, lines, desc="", notes=notes, width=360))
    assert len(label_boxes(narrow)) < len(label_boxes(wide))


def test_a_chart_says_which_screen_it_is_drawn_for():
    svg = parse(charts.line_chart("r", "R", ["a"], [], desc="", css_class="chart-narrow"))
    assert svg.get("class") == "chart chart-narrow"
