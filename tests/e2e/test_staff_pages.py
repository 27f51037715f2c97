"""The staff pages in a real browser: each role signs in and sees what it may, and nothing
it may not; every page passes axe-core (no serious or critical violations) and fits at
1280 px and 768 px without scrolling sideways; screenshots are kept as artifacts. And the
children's rights officer's day: this month's themes, a tag corrected, an alert handled, an
action published."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.models import Forum, SafeguardingAlert
from api.models.enums import Language, Role
from api.qr import service as placements
from tests import factories
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server

SECRET_PHONE = "07700 900555"
WORDS = [
    "She never came when she said she would, call me on " + SECRET_PHONE,
    "My worker was kind and really listened to us",
    "Three different social workers in a month",
    "Nobody rang me back for weeks",
    "The biscuits were nice",
]
DISCLOSURE = "My mum's boyfriend hits me and I am scared to go home"
WIDTHS = (1280, 768)


@pytest.fixture
def staff_site(fresh_database, use_database, tmp_path, monkeypatch) -> Iterator[dict]:
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    now = datetime.now(UTC)
    with Session(fresh_database.engine) as session, session.begin():
        for slug in ("front-door", "assessment", "children-in-care"):
            factories.team(session, slug)
        forums.sync_file(session, forums.DEMO_FORUMS)
        users = {
            role: factories.staff_user(
                session,
                role,
                teams=["front-door"] if role in (Role.manager, Role.practitioner) else [],
            ).email
            for role in Role
        }
        for n in range(30):
            stored = factories.response(
                session,
                team="front-door" if n % 3 else "assessment",
                submitted_at=now - timedelta(days=n % 20, hours=1),
                answers=factories.parent_answers(one_thing_to_change=WORDS[n % len(WORDS)]),
            )
            answer_analysis.analyse_response(session, response_id=stored.response.id)
            if n == 5:  # front door, with the phone number in its words
                with_phone = stored.response.public_id
        stored = factories.response(
            session,
            team="front-door",
            submitted_at=now - timedelta(hours=2),
            answers=factories.parent_answers(one_thing_to_change=DISCLOSURE),
        )
        answer_analysis.analyse_response(session, response_id=stored.response.id)
        alert = session.scalar(select(SafeguardingAlert.public_id))
        qr = placements.create(
            session,
            factories.scope_of(Role.admin),
            survey="young-person",
            team="front-door",
            collection_point="closure",
            language=Language.en,
            location="Family Centre reception",
        )
        board = session.scalar(select(Forum).where(Forum.key == "front-door-managers"))
        week = (now - timedelta(days=7)).isocalendar()
        digest = delivery.queue(session, board, f"{week.year}-W{week.week:02d}")
        response_id = stored.response.public_id
        qr_code = qr.code
    with Session(fresh_database.engine) as session:  # sending commits mid-way (decision 35)
        delivery.send(session, {"digest_id": digest})
        session.commit()
    with live_server() as base:
        yield {
            "base": base,
            "users": users,
            "alert": alert,
            "digest": digest,
            "response": response_id,
            "with_phone": with_phone,
            "qr": qr_code,
        }
    get_settings.cache_clear()


def sign_in(browser, base: str, email: str, width: int = 1280):
    # Our pages forbid inline scripts; axe-core arrives as one, so the test lets it in.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base}/staff")
    page.wait_for_url("**/staff/login**")
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_url(f"{base}/staff")
    return page


def nav_links(page) -> list[str]:
    return page.eval_on_selector_all(".staff-nav a", "links => links.map(a => a.textContent)")


def sideways(page) -> list[str]:
    """The elements that stick out to the right of the window, if the page scrolls sideways.
    (A wide table scrolls inside its own box; only the page scrolling counts.)"""
    return page.evaluate(
        """() => {
          if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
          return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => `${e.tagName}.${e.className}`).slice(0, 10);
        }"""
    )


def test_each_role_sees_what_it_may_and_nothing_more(browser, staff_site):
    base, users = staff_site["base"], staff_site["users"]
    expected = {
        Role.admin: {
            "Teams and users",
            "Theme review",
            "Safeguarding alerts",
            "Export",
            "Subject access",
        },
        Role.rights_team: {"Theme review", "Safeguarding alerts", "Export"},
        Role.manager: {"Safeguarding alerts", "Export", "QR codes"},
        Role.practitioner: {"Overview", "Responses", "Surveys"},
    }
    forbidden = {
        Role.rights_team: ["/staff/users", "/staff/subject-access"],
        Role.manager: ["/staff/review", "/staff/users"],
        Role.practitioner: ["/staff/alerts", "/staff/review", "/staff/actions", "/staff/export"],
    }
    for role, email in users.items():
        page = sign_in(browser, base, email)
        links = set(nav_links(page))
        assert expected[role] <= links, (role, links)
        if role is Role.practitioner:
            assert not links & {"Safeguarding alerts", "Theme review", "Teams and users"}
        for path in forbidden.get(role, []):
            assert page.goto(f"{base}{path}").status == 403, (role, path)
        page.goto(f"{base}/staff/responses?period=3m")
        text = page.inner_text("main")
        if role is Role.practitioner:
            assert SECRET_PHONE not in text
            page.goto(f"{base}/staff/responses/{staff_site['with_phone']}")
            shown = page.inner_text("main")
            assert "never came" in shown and SECRET_PHONE not in shown
        page.context.close()


PAGES = [
    "/staff",
    "/staff?period=12m",
    "/staff/responses?period=3m",
    "/staff/responses/{response}",
    "/staff/review",
    "/staff/alerts",
    "/staff/alerts/{alert}",
    "/staff/alerts/{alert}?words=1",
    "/staff/actions",
    "/staff/actions/new?theme=reliability",
    "/staff/digests",
    "/staff/digests/{digest}",
    "/staff/digests/{digest}/email",  # the email itself, as its members read it
    "/staff/forums/front-door-managers/preview",
    "/staff/forums/front-door-managers/edit",
    "/staff/forums/new",
    "/staff/qr",
    "/staff/qr/{qr}/retire",
    "/staff/surveys",
    "/staff/surveys/parent-carer/1",
    "/staff/users",
    "/staff/subject-access",
    "/staff/export",
    "/staff/password",
]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_is_accessible_and_fits(browser, staff_site, width):
    base = staff_site["base"]
    page = sign_in(browser, base, staff_site["users"][Role.admin], width)
    for path in PAGES:
        url = path.format(**staff_site)
        response = page.goto(f"{base}{url}")
        assert response.status == 200, url
        # Named after the page, not its ids, so each run overwrites the last.
        name = "".join(c if c.isalnum() else "-" for c in path.strip("/")) or "staff"
        check_accessibility(page, f"staff-{width}-{name}")
        assert not sideways(page), f"{url} scrolls sideways at {width} px: {sideways(page)}"
    page.context.close()
    login = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True
    ).new_page()
    login.goto(f"{base}/staff/login")
    check_accessibility(login, f"staff-{width}-login")


def test_a_rights_officers_day(browser, staff_site):
    base = staff_site["base"]
    page = sign_in(browser, base, staff_site["users"][Role.rights_team])
    # This month's themes.
    assert page.locator("#h-themes").is_visible()
    assert page.locator(".multiple").count() >= 2
    # Correct a tag: the first answer in the queue.
    page.click("text=Theme review")
    page.locator("a.button-secondary", has_text="Correct").first.click()
    page.check("input[name='theme-practical_help'][value='positive']")
    page.check("input[name='sentiment'][value='positive']")
    page.click("text=Save the correction")
    page.wait_for_url("**/staff/review?done=1**")
    assert "Saved" in page.inner_text("main")
    # Handle an alert.
    page.click("text=Safeguarding alerts")
    page.locator("table a[href^='/staff/alerts/']").first.click()
    page.check("input[name='status'][value='acknowledged']")
    page.fill("#note", "Passed to the duty social worker")
    page.click("button:has-text('Save')")
    assert "now acknowledged" in page.inner_text("main")
    # Publish a You said, we did action.
    page.goto(f"{base}/staff/actions/new?theme=reliability")
    page.select_option("#team", "front-door")
    page.fill("#you_said", "Workers did not come when they said")
    page.fill("#we_did", "Visits are confirmed by text the day before")
    page.fill("#owner", "Front door team manager")
    page.click("button:has-text('Save and publish')")
    assert "Add the Welsh of what people said before publishing" in page.inner_text("main")
    # The Welsh is typed and published in one press: nothing typed is thrown away.
    page.fill("#you_said_cy", "Ni ddaeth gweithwyr pan ddywedon nhw")
    page.fill("#we_did_cy", "Mae ymweliadau'n cael eu cadarnhau")
    page.click("button:has-text('Save and publish')")
    assert "Published: it is on the public pages now." in page.inner_text("main")
    assert page.input_value("#we_did_cy") == "Mae ymweliadau'n cael eu cadarnhau"
    page.goto(f"{base}/you-said-we-did")
    assert "Visits are confirmed by text the day before" in page.inner_text("main")
    page.goto(f"{base}/you-said-we-did?lang=cy")
    assert "Mae ymweliadau'n cael eu cadarnhau" in page.inner_text("main")
    page.context.close()


def test_on_a_phone_a_qr_codes_actions_are_in_reach_and_retiring_asks_first(browser, staff_site):
    base = staff_site["base"]
    page = sign_in(browser, base, staff_site["users"][Role.admin], 390)
    page.goto(f"{base}/staff/qr")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-390-qr.png"), full_page=True)
    assert not sideways(page)
    # No sideways scrolling hidden inside the table's box either: each code is a card.
    assert page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].every(b => b.scrollWidth <= b.clientWidth)"
    )
    retire = page.locator(f"a[href='/staff/qr/{staff_site['qr']}/retire']")
    box = retire.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44
    retire.click()
    page.wait_for_url(f"**/staff/qr/{staff_site['qr']}/retire")
    page.screenshot(path=str(ARTIFACTS / "staff-390-qr-retire.png"), full_page=True)
    assert "Retire the code for Family Centre reception?" in page.inner_text("main")
    page.click("text=Keep it")
    page.wait_for_url("**/staff/qr")
    assert page.locator(f"a[href='/staff/qr/{staff_site['qr']}/retire']").count() == 1
    page.context.close()
