"""The staff pages on a 390 px phone, in English and Welsh (issue 15): the header and its
Menu take under 200 px, every page a Tab away once the Menu is open and the page you are on
marked; the Responses list's first response is in the first screen, its filters folded
under a summary that says what is chosen, and they work without script; the Overview's
chart labels do not run into each other. At 1280 px the pages and filters show as before.
Screenshots are kept as artifacts."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_overview import overview_site  # noqa: F401 - the fixture
from tests.e2e.test_staff_pages import sideways, sign_in
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD

PHONE = 390
# Every axis word of the visible chart: none may overlap another or leave the drawing.
LABEL_CLASHES = """() => {
  const svg = [...document.querySelectorAll('#h-responses ~ figure svg.chart')]
    .find(s => s.getBoundingClientRect().width > 0);
  const edge = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text.axis')];
  const boxes = texts.map(t => t.getBoundingClientRect());
  const found = [];
  boxes.forEach((a, i) => {
    if (a.left < edge.left - 1 || a.right > edge.right + 1)
      found.push(['outside', texts[i].textContent]);
    boxes.slice(i + 1).forEach((b, j) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        found.push([texts[i].textContent, texts[i + 1 + j].textContent]);
    });
  });
  return {count: texts.length, clashes: found};
}"""


def in_welsh(page, base: str) -> None:
    page.click("form.staff-language button[value=cy]")
    page.wait_for_url(f"{base}/staff")
    assert page.get_attribute("html", "lang") == "cy"


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_on_a_phone_the_header_is_short_and_every_page_is_in_the_menu(
    browser,
    overview_site,  # noqa: F811
    lang,
):
    base = overview_site["base"]
    page = sign_in(browser, base, overview_site["officer"], PHONE)
    if lang == "cy":
        in_welsh(page, base)
    page.goto(f"{base}/staff/responses")
    header = page.locator("header.staff-header").bounding_box()
    assert header and header["height"] < 200, header
    links = page.locator("nav.staff-nav a")
    assert links.count() >= 10 and not links.first.is_visible()  # folded away
    summary = page.locator("nav.staff-nav summary")
    assert ("Ymatebion" if lang == "cy" else "Responses") in summary.inner_text()
    # By keyboard: the skip link first, then the languages, sign out, the Menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    summary.focus()
    page.keyboard.press("Enter")
    assert page.get_attribute("nav.staff-nav details", "open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/staff"
    current = page.locator("nav.staff-nav a[aria-current=page]")
    assert current.count() == 1 and current.get_attribute("href") == "/staff/responses"
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    check_accessibility(page, f"phone-{lang}-{PHONE}-menu-open")
    assert not sideways(page), sideways(page)
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_on_a_phone_the_first_response_is_in_the_first_screen(
    browser,
    overview_site,  # noqa: F811
    lang,
):
    base = overview_site["base"]
    page = sign_in(browser, base, overview_site["officer"], PHONE)
    if lang == "cy":
        in_welsh(page, base)
    for query in ("", "?period=quarter&team=front-door&audience=parent_carer"):
        page.goto(f"{base}/staff/responses{query}")
        row = page.locator("ol.review-list li").first.bounding_box()
        fold = page.locator("details.filters-fold")
        status = page.locator("p.caption[role=status]").bounding_box()
        assert fold.get_attribute("open") is None
        assert status and row and status["y"] < fold.bounding_box()["y"] < row["y"] < 700, row
        assert not page.locator("#f-period").is_visible()
    # The summary says every filter chosen, in the reader's language.
    page.goto(f"{base}/staff/responses?period=quarter&team=front-door&feeling=neutral&q=worker")
    summary = page.inner_text("details.filters-fold > summary")
    assert "Front Door" in summary and "“worker”" in summary  # the team has no Welsh name
    assert ("Niwtral" if lang == "cy" else "Neutral") in summary
    assert ("Y chwarter llawn diwethaf" if lang == "cy" else "Last full quarter") in summary
    check_accessibility(page, f"phone-{lang}-{PHONE}-responses-folded")
    shoot(page, f"phone-{lang}-{PHONE}-responses")
    page.click("details.filters-fold > summary")
    assert page.locator("#f-period").is_visible()
    check_accessibility(page, f"phone-{lang}-{PHONE}-responses-filters-open")
    assert not sideways(page), sideways(page)
    page.context.close()


def test_the_folded_filters_work_without_script(browser, overview_site):  # noqa: F811
    base = overview_site["base"]
    context = browser.new_context(
        viewport={"width": PHONE, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{base}/staff/login")
    page.fill("#email", overview_site["officer"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    page.goto(f"{base}/staff/responses")
    page.click("details.filters-fold > summary")
    page.select_option("#f-period", "quarter")
    page.click("form[aria-label=Filters] button[type=submit]")
    page.wait_for_url("**period=quarter**")
    assert "Last full quarter" in page.inner_text("details.filters-fold > summary")
    assert "responses" in page.inner_text("p.caption[role=status]")
    page.click("nav.staff-nav summary")
    page.click("nav.staff-nav a[href='/staff']")
    page.wait_for_url(f"{base}/staff")
    context.close()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_overview_chart_labels_do_not_collide_on_a_phone(
    browser,
    overview_site,  # noqa: F811
    lang,
):
    base = overview_site["base"]
    page = sign_in(browser, base, overview_site["officer"], PHONE)
    if lang == "cy":
        in_welsh(page, base)
    for query in ("", "?period=12m", "?period=3m"):
        page.goto(f"{base}/staff{query}")
        found = page.evaluate(LABEL_CLASHES)
        assert found["count"] >= 5 and found["clashes"] == [], (query, found)
        # Drawn for the phone: its words as big as the page's small print, not half of it.
        height = page.evaluate(
            "[...document.querySelectorAll('#h-responses ~ figure svg.chart text.axis')]"
            ".map(t => t.getBoundingClientRect().height).find(h => h > 0)"
        )
        assert height >= 13, height
    check_accessibility(page, f"phone-{lang}-{PHONE}-overview-12m")
    page.locator("#h-responses").scroll_into_view_if_needed()
    shoot(page, f"phone-{lang}-{PHONE}-overview-chart")
    assert not sideways(page), sideways(page)
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_on_a_desk_the_pages_and_filters_show_without_a_fold(
    browser,
    overview_site,  # noqa: F811
    lang,
):
    base = overview_site["base"]
    page = sign_in(browser, base, overview_site["officer"], 1280)
    if lang == "cy":
        in_welsh(page, base)
    page.goto(f"{base}/staff/responses")
    assert not page.locator("nav.staff-nav summary").is_visible()
    assert not page.locator("details.filters-fold > summary").is_visible()
    links = page.locator("nav.staff-nav a")
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("#f-period").is_visible()
    page.locator("nav.staff-nav a[href='/staff']").focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/staff"
    shoot(page, f"desk-{lang}-1280-responses")
    page.goto(f"{base}/staff?period=12m")
    found = page.evaluate(LABEL_CLASHES)
    assert found["count"] >= 5 and found["clashes"] == [], found
    page.context.close()
