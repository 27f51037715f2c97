"""A Welsh-speaking rights officer works in Welsh (decision 41), in a real browser at a phone's
390 px: she switches to Cymraeg on the Overview, reads the Overview, the Responses list and a
safeguarding alert in Welsh, and every page passes axe-core and fits the width (Welsh words
run longer than English ones). Screenshots are kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from api.core.config import get_settings
from api.models.enums import AlertSource, Role
from tests import factories
from tests.api.alerts.alerting import alert
from tests.e2e.test_staff_pages import PAGES, sideways, sign_in, staff_site  # noqa: F401 - the fixture
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server

WIDTH = 390


@pytest.fixture
def officer(fresh_database, use_database) -> Iterator[dict]:
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        person = factories.staff_user(session, Role.rights_team)
        team = factories.team(session, "front-door")
        team.name_cy = "Tîm y Drws Ffrynt"
        for words in ("My worker never calls me back", "She listened to me and was kind"):
            factories.response(
                session, survey="young-person", team="front-door", answers={"worries": words}
            )
        wanted = alert(session, team="front-door", source=AlertSource.child_request).public_id
        email = person.email
    with live_server() as base:
        yield {"base": base, "email": email, "alert": wanted}
    get_settings.cache_clear()


def test_a_rights_officer_switches_to_cymraeg_and_reads_in_welsh(browser, officer):
    base = officer["base"]
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, bypass_csp=True)
    page = context.new_page()

    def look(step: str) -> None:
        check_accessibility(page, f"welsh-staff-{WIDTH}-{step}")
        assert page.get_attribute("html", "lang") == "cy"
        wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not wide, f"{step} scrolls sideways at {WIDTH} px"

    page.goto(f"{base}/staff/login")
    page.fill("#email", officer["email"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    assert page.inner_text("h1") == "Overview"

    page.click("form.staff-language button[value=cy]")
    page.wait_for_url(f"{base}/staff")
    assert page.inner_text("h1") == "Trosolwg"
    main = page.inner_text("main")
    assert "Ymatebion dros amser" in main and "Sut mae pobl yn ein graddio" in main
    assert "Responses over time" not in main
    look("1-overview")

    page.click("nav.staff-nav summary")  # on a phone the pages are under the Menu
    page.click("nav.staff-nav a[href='/staff/responses']")
    page.wait_for_url(f"{base}/staff/responses")
    assert page.inner_text("h1") == "Ymatebion"
    assert "ymateb" in page.inner_text("p.caption[role=status]")
    assert "Tîm y Drws Ffrynt" in page.inner_text("main")  # the team's Welsh name
    look("2-responses")

    page.click("nav.staff-nav summary")  # on a phone the pages are under the Menu
    page.click("nav.staff-nav a[href='/staff/alerts']")
    page.wait_for_url(f"{base}/staff/alerts")
    assert page.inner_text("h1") == "Rhybuddion diogelu"
    look("3-alerts")
    page.click(f"a[href^='/staff/alerts/{officer['alert']}']")
    page.wait_for_url(f"{base}/staff/alerts/{officer['alert']}**")
    assert page.inner_text("h1") == "Rhybudd diogelu"
    main = page.inner_text("main")
    assert "Gofynnon nhw am help eu hunain" in main and "Tîm y Drws Ffrynt" in main
    look("4-alert")
    context.close()


def test_every_staff_page_in_welsh_is_accessible_and_fits_a_phone(browser, staff_site):  # noqa: F811
    """The admin's every page, in Welsh, at 390 px: no server error from a Welsh string, the
    page says it is Welsh, axe-core finds nothing serious, nothing scrolls sideways."""
    base = staff_site["base"]
    page = sign_in(browser, base, staff_site["users"][Role.admin], WIDTH)
    page.click("form.staff-language button[value=cy]")
    page.wait_for_url(f"{base}/staff")
    for path in PAGES:
        url = path.format(**staff_site)
        response = page.goto(f"{base}{url}")
        assert response is not None and response.status == 200, url
        # The digest email is shown as its members read it, in the forum's language.
        if not url.endswith("/email"):
            assert page.get_attribute("html", "lang") == "cy", url
        name = "".join(c if c.isalnum() else "-" for c in path.strip("/")) or "staff"
        check_accessibility(page, f"welsh-staff-{WIDTH}-{name}")
        assert not sideways(page), f"{url} scrolls sideways at {WIDTH} px: {sideways(page)}"
    page.context.close()
