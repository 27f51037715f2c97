"""A parent on a phone, halfway through a form, wants to know who will read it: the footer
takes them to the privacy notice and the accessibility statement in their language, and both
pass axe-core."""

from __future__ import annotations

import pytest

from tests.e2e.test_young_person_form import PHONE, check_accessibility


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"]
)
def test_the_notices_are_a_tap_away_from_a_form_in_its_language(browser, live, language, viewport):
    base, _ = live
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{base}/f/parent-carer?lang={language}")
    privacy = "Sut rydyn ni'n defnyddio" if language == "cy" else "How we use what you tell us"
    page.click(f"footer >> text={privacy}")
    assert page.inner_text("h1").startswith(privacy)
    assert page.get_attribute("html", "lang") == language
    check_accessibility(page, f"privacy-{language}-{viewport['width']}")
    page.click("footer >> text=" + ("Hygyrchedd" if language == "cy" else "Accessibility"))
    assert page.inner_text("h1") == (
        "Datganiad hygyrchedd" if language == "cy" else "Accessibility statement"
    )
    check_accessibility(page, f"accessibility-{language}-{viewport['width']}")
    # Nothing on either page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
