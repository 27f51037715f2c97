"""Server-drawn charts: labelled SVG whose words say what the picture shows, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from frontend.staff import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_a_line_chart_is_an_image_with_a_title_and_description():
    svg = parse(
        charts.line_chart(
            "responses",
            "Responses by channel",
            ["Nov 25", "Dec 25", "Jan 26"],
            [charts.Line("Web form", [3, 5, 8]), charts.Line("Text message", [0, 2, None])],
            desc="10 responses.",
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "responses-title responses-desc"
    assert svg.find(f"{SVG}title").text == "Responses by channel"
    assert len(svg.findall(f"{SVG}polyline")) == 2
    # A missing value is a gap, not a zero: two points on the second line.
    assert len(svg.findall(f"{SVG}circle")) == 3 + 2


def test_names_are_escaped():
    svg = charts.line_chart(
        "x", "<script>alert(1)</script>", ["<b>"], [charts.Line("<img src=x>", [1])], desc="&"
    )
    text = str(svg)
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    parse(svg)  # still well-formed


def test_a_share_chart_marks_the_target_and_says_too_few():
    svg = charts.share_chart(
        "s",
        "Share agreeing",
        [
            charts.Share("I felt listened to", 80.0, 70.0, 88.0),
            charts.Share("My worker does what they say", 60.0, 50.0, 69.0),
            charts.Share("I agreed with the plans", None, None, None),
        ],
        target=75,
    )
    root = parse(svg)
    classes = [r.get("class") for r in root.iter(f"{SVG}rect")]
    assert classes == ["bar", "bar-below"]
    assert "too few answers" in str(svg)
    desc = root.find(f"{SVG}desc").text
    assert desc == (
        "I felt listened to: 80%; My worker does what they say: 60%; "
        "I agreed with the plans: too few answers. Target 75%."
    )


def test_small_multiples_share_one_scale():
    a = parse(charts.small_multiple("a", "Reliability", [10, 20], [0, 5], peak=20))
    b = parse(charts.small_multiple("b", "Caring", [1, 2], [0, 1], peak=20))
    top_a = min(float(p.split(",")[1]) for p in a.find(f"{SVG}polyline").get("points").split())
    top_b = min(float(p.split(",")[1]) for p in b.find(f"{SVG}polyline").get("points").split())
    assert top_a < top_b  # 20 mentions draw higher than 2 on the same scale
