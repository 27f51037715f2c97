"""Statement bars and trends: no number drawn where it could collide, both parts of a bar
link to their answers, the fill says the judgement, a part month stands alone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from api.dashboard.judgement import Judgement
from frontend.staff import share_charts

SVG = "{http://www.w3.org/2000/svg}"


def bar(pct=70.0, judgement=Judgement.around, **fields):
    values = {
        "label": "My worker does what they say",
        "pct": pct,
        "low": 62.0,
        "high": 77.0,
        "disagree_pct": 12.0,
        "judgement": judgement,
        "agree_href": "/staff/responses?period=quarter&question=q&rating=4-5",
        "disagree_href": "/staff/responses?period=quarter&question=q&rating=1-2",
    }
    return share_charts.Bar(**(values | fields))


def test_a_bar_draws_no_words_and_links_each_part_to_its_answers():
    root = ET.fromstring(str(share_charts.share_bar("s", bar(), target=75)))
    assert root.get("role") == "group"  # its links stay reachable
    assert not list(root.iter(f"{SVG}text"))  # the figures are written beside it, in HTML
    links = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert links == {
        "/staff/responses?period=quarter&question=q&rating=4-5",
        "/staff/responses?period=quarter&question=q&rating=1-2",
    }
    assert "70% agreed" in root.find(f"{SVG}desc").text


def test_the_fill_follows_the_judgement():
    def agree_fill(judgement):
        markup = share_charts.share_bar("s", bar(judgement=judgement), target=75)
        rect = next(
            r
            for r in ET.fromstring(str(markup)).iter(f"{SVG}rect")
            if "bar-agree" in (r.get("class") or "")
        )
        return rect.get("fill")

    assert agree_fill(Judgement.clearly_below) == "url(#s-below)"
    assert agree_fill(Judgement.around) == "url(#s-around)"
    assert agree_fill(Judgement.clearly_above) == share_charts.BLUE


def test_too_few_answers_draws_no_bar():
    root = ET.fromstring(
        str(
            share_charts.share_bar(
                "s", bar(pct=None, low=None, high=None, disagree_pct=None), target=75
            )
        )
    )
    assert not list(root.iter(f"{SVG}a"))
    assert root.find(f"{SVG}desc").text == "Too few answers to show a share."


def test_the_scale_never_prints_a_tick_under_the_target():
    text = str(share_charts.share_axis("a", target=75))
    assert "target 75%" in text and ">75%<" not in text


def test_a_part_month_in_a_trend_is_an_open_point_with_its_interval_not_joined():
    points = [
        share_charts.Point(f"M{i}", "", 70.0 + i, 60.0, 80.0, f"/staff/responses?m={i}")
        for i in range(3)
    ] + [share_charts.Point("Dec 26", "so far", 20.0, 5.0, 50.0, "/staff/responses?m=3")]
    root = ET.fromstring(str(share_charts.trend_chart("t", "Trend", points, target=75)))
    [line] = root.findall(f"{SVG}polyline")
    assert len(line.get("points").split()) == 3
    last = list(root.iter(f"{SVG}a"))[-1]
    assert last.get("href") == "/staff/responses?m=3"
    assert last.find(f"{SVG}circle").get("fill") == "#ffffff"
    assert last.find(f"{SVG}path") is not None  # its interval, drawn


def test_the_scale_drops_ticks_the_target_label_would_cover():
    text = str(share_charts.share_axis("a", target=85))
    assert "target 85%" in text and ">100%<" not in text and ">50%<" in text
