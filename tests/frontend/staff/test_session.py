"""Every staff page runs through one session check; its problems are pages a person can leave."""

from __future__ import annotations

from api.models.enums import Role
from tests import factories
from tests.staff_pages import signed_in


def test_a_not_found_page_keeps_the_navigation_and_who_is_signed_in(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    missing = client.get("/staff/responses/no-such-response")
    assert missing.status_code == 404
    assert 'aria-label="Staff pages"' in missing.text  # the navigation, to go somewhere else
    assert "Sign out" in missing.text


def test_a_page_a_role_may_not_use_keeps_the_navigation(client, db):
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    refused = signed_in(client, practitioner.email).get("/staff/actions")
    assert refused.status_code == 403 and "You cannot see this" in refused.text
    assert 'aria-label="Staff pages"' in refused.text


def test_an_expired_form_is_a_page_not_a_change(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    expired = client.post("/staff/actions/new", data={"csrf_token": "old", "you_said": "x"})
    assert expired.status_code == 403 and "This form has expired" in expired.text


def test_a_number_too_large_in_the_address_is_a_page_not_a_server_error(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    for big in (2**31, 2**63):
        page = client.get(f"/staff/digests/{big}")
        assert page.status_code in (404, 422) and "text/html" in page.headers["content-type"]
        assert 'aria-label="Staff pages"' in page.text
