"""The Welsh language officer's page: what waits, one group at a time, and approving it."""

from __future__ import annotations

import re

from sqlalchemy import select

from api.models import WelshApproval
from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, signed_in

PAGE = "/staff/surveys/welsh"


def test_the_officer_sees_each_string_with_its_english_and_approves_the_ticked_ones(client, db):
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get(PAGE, params={"source": "public pages catalogue"})
    assert page.status_code == 200
    assert "<h2>public pages catalogue</h2>" in page.text
    assert "Skip to main content" in page.text and "Neidio i&#39;r prif gynnwys" in page.text
    ticked = re.findall(r'name="approve" value="([0-9a-f]{64})"', page.text)[:3]
    total = int(re.search(r"<strong>([\d,]+)</strong> Welsh string", page.text)[1].replace(",", ""))
    done = client.post(
        PAGE,
        data={
            "csrf_token": csrf_of(page.text),
            "source": "public pages catalogue",
            "approve": ticked,
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    after = client.get(done.headers["location"])
    assert "3 Welsh strings approved." in after.text
    left = int(re.search(r"<strong>([\d,]+)</strong> Welsh string", after.text)[1].replace(",", ""))
    assert left == total - 3
    assert "Welsh approved so far" in after.text
    assert len(db.scalars(select(WelshApproval)).all()) == 3


def test_approving_nothing_says_what_to_do(client, db):
    signed_in(client, factories.staff_user(db, Role.admin).email)
    page = client.get(PAGE)
    answer = client.post(PAGE, data={"csrf_token": csrf_of(page.text)})
    assert answer.status_code == 422
    assert "Tick the Welsh you have checked, then approve it" in answer.text


def test_a_forged_approval_is_refused(client, db):
    signed_in(client, factories.staff_user(db, Role.admin).email)
    page = client.get(PAGE)
    fingerprint = re.search(r'name="approve" value="([0-9a-f]{64})"', page.text)[1]
    answer = client.post(PAGE, data={"csrf_token": "forged", "approve": fingerprint})
    assert answer.status_code in (400, 403)
    assert db.scalars(select(WelshApproval)).all() == []


def test_a_practitioner_or_manager_cannot_open_it(client, db):
    for role in (Role.practitioner, Role.manager):
        user = factories.staff_user(db, role, ["assessment"])
        client.cookies.clear()
        signed_in(client, user.email)
        assert client.get(PAGE).status_code == 403
