"""Every page works under its Content-Security-Policy, nothing bypassed: the browser refuses
no script, style, picture or form on any public or staff page (decision 37)."""

from __future__ import annotations

import pytest

from api.models.enums import Role
from tests.e2e.test_staff_pages import PAGES, staff_site  # noqa: F401 - the fixture
from tests.factories import STAFF_PASSWORD

PUBLIC_PAGES = [
    "/",
    "/privacy",
    "/accessibility",
    "/f/young-person",
    "/f/parent-carer",
    "/f/partner-agency",
    "/f/young-person-under-8",
    "/f/young-person/help-now",
    "/you-said-we-did",
    "/sms/simulator",
    "/staff/login",
]


def watching(browser, width: int = 1280):
    """A page whose refusals (CSP violations) are collected as they happen."""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, refused


def test_public_pages_load_everything_they_need_under_their_policy(browser, staff_site):  # noqa: F811
    base = staff_site["base"]
    page, refused = watching(browser, 390)
    for path in PUBLIC_PAGES:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
        # The served stylesheet applied (an inline or refused style would leave it unstyled).
        assert page.evaluate("getComputedStyle(document.body).margin") != "8px", path
    assert refused == []


def test_staff_pages_work_under_their_policy(browser, staff_site):  # noqa: F811
    base = staff_site["base"]
    page, refused = watching(browser)
    page.goto(f"{base}/staff")
    page.fill("#email", staff_site["users"][Role.admin])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    for path in PAGES:
        url = path.format(**staff_site)
        response = page.goto(f"{base}{url}")
        assert response is not None and response.status == 200, url
    assert refused == []


@pytest.mark.parametrize("path", ["/staff/review"])
def test_the_pages_own_scripts_run(browser, staff_site, path):  # noqa: F811
    base = staff_site["base"]
    page, refused = watching(browser)
    page.goto(f"{base}/staff")
    page.fill("#email", staff_site["users"][Role.rights_team])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    scripts: list[str] = []
    page.on("response", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(f"{base}{path}")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/static/review.js") for url in scripts)
    assert refused == []
