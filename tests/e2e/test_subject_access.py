"""A parent rings the council asking for everything held about them: an admin finds them by
their mobile number, downloads the readable copy and the JSON, and, as asked, erases it,
after the confirmation step. Every page (and the readable copy itself) passes axe-core and
fits at 1280 px and 360 px; the database holds the audit trail, by keyed hash only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import crypto
from api.models import AuditEvent, Invitation
from api.models.enums import Role
from tests import factories
from tests.api.retention.people import PHONE, WORDS, answered, invited
from tests.e2e.test_young_person_form import check_accessibility
from tests.factories import STAFF_PASSWORD
from tests.live import live_server


@pytest.fixture
def office(fresh_database, use_database) -> Iterator[dict]:
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        dpo = factories.staff_user(session, Role.admin).email
        parent = invited(session, case_ref="CASE-8812")
        answered(session, parent)
        answered(session)  # someone else's answer, which must not appear
        invitation_id = parent.id
    with live_server() as base:
        yield {"base": base, "email": dpo, "db": fresh_database, "invitation": invitation_id}


def fits(page, width: int, step: str) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide, f"{step} scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [1280, 360])
def test_an_admin_exports_and_erases_what_is_held_for_a_phone_number(browser, office, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    name = f"subject-access-{width}"
    page.goto(f"{office['base']}/staff/login")
    page.fill("#email", office["email"])
    page.fill("#password", STAFF_PASSWORD)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.goto(f"{office['base']}/staff/subject-access")
    assert page.inner_text("h1") == "Subject access"
    check_accessibility(page, f"{name}-1-find")
    fits(page, width, "find")

    page.check("input[name=kind][value=phone]")
    page.fill("#value", PHONE)
    page.click("button:has-text('Find')")
    page.wait_for_selector("#found")
    check_accessibility(page, f"{name}-2-found")
    fits(page, width, "found")
    for row in ("Invitations", "Responses", "Messages sent"):
        assert page.locator("tr", has_text=row).inner_text().split()[-1] == "1", row

    with page.expect_download() as readable:
        page.click("button:has-text('Download the readable copy')")
    copy = Path(readable.value.path()).read_text(encoding="utf-8")
    assert readable.value.suggested_filename.endswith(".html")
    assert WORDS in copy and "CASE-8812" in copy and copy.count("<h3>Parents and carers") == 1
    with page.expect_download() as data:
        page.click("button:has-text('Download the data (JSON)')")
    exported = json.loads(Path(data.value.path()).read_text(encoding="utf-8"))
    assert exported["counts"]["responses"] == 1 and exported["looked_up_by"] == "phone"

    # The readable copy is a page of its own: it must be as readable as ours.
    document = context.new_page()
    document.set_content(copy)
    check_accessibility(document, f"{name}-3-copy")
    fits(document, width, "copy")
    document.close()

    page.click('button:has-text("Erase this person\'s data")')
    page.wait_for_selector("h1:has-text('Erase this person')")
    check_accessibility(page, f"{name}-4-confirm")
    page.click("form[action='/staff/subject-access/erase'] button:has-text('Erase')")
    page.wait_for_selector(".error-summary")  # the box was not ticked: nothing erased
    check_accessibility(page, f"{name}-5-not-ticked")
    page.check("#confirm")
    page.click("form[action='/staff/subject-access/erase'] button:has-text('Erase')")
    page.wait_for_selector("h2:has-text('Erased')")
    check_accessibility(page, f"{name}-6-erased")
    context.close()

    with Session(office["db"].engine) as session:
        assert session.get(Invitation, office["invitation"]).phone_encrypted is None
        trail = session.execute(
            select(AuditEvent.action, AuditEvent.object_id).where(
                AuditEvent.action.like("subject_access.%")
            )
        ).all()
    hashed = crypto.contact_hash("+447700900461")
    assert [action for action, _ in trail] == [
        "subject_access.lookup",
        "subject_access.export",
        "subject_access.export",
        "subject_access.lookup",  # the confirmation page looks them up again
        "subject_access.lookup",  # and again when the box was not ticked
        "subject_access.erase",
    ]
    assert {object_id for _, object_id in trail} == {hashed}
