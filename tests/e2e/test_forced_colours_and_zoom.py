"""The public form pages as people with other settings see them: Windows High Contrast
(forced colours), where the chosen answer and the Continue button's edge must stay visible
(WCAG 1.4.11), and a 320 px screen with text at 200%, where nothing may scroll sideways and
the language switch stays on screen (WCAG 1.4.4, 1.4.10)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from tests.e2e.conftest import ARTIFACTS

SURVEYS = ("young-person", "young-person-under-8", "parent-carer", "partner-agency")
NARROW = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def walk(page, base: str, survey: str) -> Iterator[str]:
    """Open the start page, a choice question, a scale question and the thank-you, yielding
    each page's name once it is showing."""
    page.goto(f"{base}/f/{survey}")
    yield "start"
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{survey}/1")
    yield "question-1"
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{survey}/2")
    yield "question-2"
    # One answer given, so the form has something to send (the second choice: on a safety
    # question the first asks for help).
    if page.locator(".radio label").count() and not page.locator(".radio input:checked").count():
        page.locator(".radio label").nth(1).click()
    for _ in range(20):
        if page.url.endswith("/thanks"):
            break
        with page.expect_navigation():
            page.click("button[type=submit]")
    assert page.url.endswith("/thanks")
    yield "thanks"


def pixels(page, box: dict[str, float]) -> Image.Image:
    """The page's pixels in a box given in the viewport's coordinates (bounding_box's)."""
    x, y = page.evaluate("[window.scrollX, window.scrollY]")
    whole = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    left, top = round(box["x"] + x), round(box["y"] + y)
    return whole.crop((left, top, left + round(box["width"]), top + round(box["height"])))


def different(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) > 150


def chosen_answer_shows(page) -> int:
    """How many pixels of an answer's mark change when it is chosen (the second answer: on a
    safety question the first asks for help)."""
    label = page.locator(".radio label").nth(1)
    box = label.bounding_box()
    assert box
    mark = {"x": box["x"], "y": box["y"], "width": 56, "height": box["height"]}
    before = pixels(page, mark)
    label.click()
    after = pixels(page, mark)
    return sum(
        different(before.getpixel((x, y)), after.getpixel((x, y)))
        for x in range(before.width)
        for y in range(before.height)
    )


def button_edge_shows(page) -> float:
    """The share of the Continue button's outline that stands out from the page around it."""
    button = page.locator("main button[type=submit]").first
    box = button.bounding_box()
    assert box
    around = {
        "x": box["x"] - 4,
        "y": box["y"] - 4,
        "width": box["width"] + 8,
        "height": box["height"] + 8,
    }
    image = pixels(page, around)
    outside = image.getpixel((1, 1))
    width, height = image.width, image.height
    # One pixel inside the button's own box, all the way round.
    rim = (
        [(x, 5) for x in range(6, width - 6)]
        + [(x, height - 6) for x in range(6, width - 6)]
        + [(5, y) for y in range(6, height - 6)]
        + [(width - 6, y) for y in range(6, height - 6)]
    )
    return sum(different(image.getpixel(p), outside) for p in rim) / len(rim)


@pytest.mark.parametrize("survey", SURVEYS)
def test_in_forced_colours_the_chosen_answer_and_the_button_edge_stay_visible(
    browser, live, survey
):
    base, _ = live
    context = browser.new_context(viewport=PHONE, forced_colors="active")
    page = context.new_page()
    for name in walk(page, base, survey):
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        shot(page, f"forced-colours-{survey}-{name}")
        if name != "thanks":
            assert button_edge_shows(page) > 0.9, f"{survey} {name}: the button has no edge"
        if name in ("question-1", "question-2") and page.locator(".radio label").count():
            assert chosen_answer_shows(page) > 40, f"{survey} {name}: the choice is invisible"
            shot(page, f"forced-colours-{survey}-{name}-chosen")
    context.close()


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("survey", SURVEYS)
def test_at_320_pixels_with_text_at_200_percent_nothing_scrolls_sideways(
    browser, live, survey, language
):
    base, _ = live
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.goto(f"{base}/?lang={language}")  # the language sticks for the form
    for name in walk(page, base, survey):
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        wide = page.evaluate("document.documentElement.scrollWidth")
        shot(page, f"zoom-200-{language}-{survey}-{name}")
        assert wide <= NARROW["width"], f"{survey} {name}: the page is {wide} px wide"
        switch = page.locator("a.language").bounding_box()
        assert switch, f"{survey} {name}: no language switch"
        assert switch["x"] >= 0 and switch["x"] + switch["width"] <= NARROW["width"], (
            f"{survey} {name}: the language switch is off screen at {switch}"
        )
    context.close()


# The words of the page's text (a word ends at a space or a hyphen, where a line may break
# anyway) that the browser drew on more than one line although they would fit on a line by
# themselves. A word broken in the middle ("Hapu|s iawn") is hard for a young reader; it
# should move to the next line whole. In the question and its choices, every word must fit.
BROKEN_WORDS = """() => {
  const broken = [];
  const strict = 'main h1, main legend, main .radio label';
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest('.visually-hidden, .honeypot')) continue;
    for (const m of node.textContent.matchAll(/[^\\s\\-\\u2010\\u2013\\u2014]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
        .map(r => Math.round(r.top)));
      if (tops.size < 2) continue;
      let block = parent;
      while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const style = getComputedStyle(block);
      const room = block.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
      const whole = document.createElement('span');
      whole.style.whiteSpace = 'nowrap';
      whole.textContent = m[0];
      parent.append(whole);
      const width = whole.getBoundingClientRect().width;
      whole.remove();
      if (width <= room || parent.closest(strict)) broken.push(`${m[0]} (${width} in ${room})`);
    }
  }
  return broken;
}"""

CHILD_SURVEYS = ("young-person", "young-person-under-8")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("survey", CHILD_SURVEYS)
def test_at_320_pixels_with_text_at_200_percent_no_word_breaks_in_the_middle(
    browser, live, survey, language
):
    base, _ = live
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.goto(f"{base}/?lang={language}")
    for name in walk(page, base, survey):
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        wrap = page.evaluate(
            "[...document.querySelectorAll('main, main legend, main .radio label')]"
            ".map(e => [getComputedStyle(e).overflowWrap, getComputedStyle(e).wordBreak])"
        )
        broken = page.evaluate(BROKEN_WORDS)
        assert not broken, f"{survey} {name}: words broken in the middle: {broken}"
        assert all(w != "anywhere" and b == "normal" for w, b in wrap), f"{name}: {wrap}"
    context.close()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_at_320_pixels_with_text_at_200_percent_exit_this_page_leaves_room_for_the_question(
    browser, live, language
):
    """The quick exit stays on screen and one tap away, but covers at most about 15% of a
    small screen: the question must not slide under it."""
    base, _ = live
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.goto(f"{base}/?lang={language}")
    walker = walk(page, base, "young-person")
    next(walker)
    next(walker)  # the first question
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    shot(page, f"zoom-200-{language}-exit-this-page-scrolled")
    page.screenshot(path=str(ARTIFACTS / f"zoom-200-{language}-exit-this-page-viewport.png"))
    bar = page.locator(".exit-this-page").bounding_box()
    button = page.locator(".exit-button").bounding_box()
    assert bar and button
    assert button["y"] >= 0 and button["y"] + button["height"] <= NARROW["height"]
    assert button["x"] >= 0 and button["x"] + button["width"] <= NARROW["width"]
    assert bar["height"] <= 0.15 * NARROW["height"], f"the exit bar is {bar['height']} px tall"
    context.close()
