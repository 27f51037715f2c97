"""The staff pages in Welsh (decision 41): a person switches to Cymraeg on any page, the
choice is kept with them (so it survives signing out and in again, on any computer), the
sign-in page follows the browser's last choice or the council's first language, and the
names a page shows (teams, themes, channels) are the Welsh ones."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from api.core.config import get_settings
from api.models import StaffUser
from api.models.enums import AlertSource, Role
from frontend.staff.language import LANGUAGE_COOKIE
from tests import factories
from tests.api.alerts.alerting import alert
from tests.staff_pages import csrf_of, sign_in, signed_in


def choose(client, language: str, *, back: str = "/staff") -> object:
    page = client.get(back)
    return client.post(
        "/staff/language",
        data={"csrf_token": csrf_of(page.text), "language": language, "next": back},
        follow_redirects=False,
    )


def test_english_is_the_start_and_the_switch_offers_cymraeg(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff").text
    assert '<html lang="en">' in page and "<h1>Overview</h1>" in page
    assert 'name="language" value="cy" lang="cy">Cymraeg</button>' in page


def test_a_person_who_chooses_cymraeg_reads_every_page_in_welsh(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    chosen = choose(client, "cy", back="/staff/responses?period=12m")
    # Back to the page it was on, with its filters.
    assert chosen.status_code == 303 and chosen.headers["location"] == "/staff/responses?period=12m"
    db.expire_all()
    assert db.scalar(select(StaffUser.language).where(StaffUser.id == officer.id)) == "cy"
    overview = client.get("/staff").text
    assert '<html lang="cy">' in overview
    for words in ("<h1>Trosolwg</h1>", "Rhybuddion diogelu", "Allgofnodi", "Ymatebion dros amser"):
        assert words in overview, words
    responses = client.get("/staff/responses").text
    assert "<h1>Ymatebion</h1>" in responses and "Y mis hwn" in responses
    # Names from the one vocabulary follow: a channel in the filters, in Welsh.
    assert "Neges destun" in responses


def test_an_alert_reads_in_welsh_with_its_names_and_dates_in_welsh(client, db):
    made = alert(db, source=AlertSource.child_request)
    north = factories.team(db, "north")
    north.name_cy = "Gogledd"
    db.flush()
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    choose(client, "cy")
    page = client.get(f"/staff/alerts/{made.public_id}").text
    for words in (
        "<h1>Rhybudd diogelu</h1>",
        "Plentyn neu berson ifanc",  # who said it
        "Ffurflen ar y we",  # the channel, from api/surveys/names.py
        "Gofynnon nhw am help eu hunain",  # how it was raised
        "Gofynnodd i rywun siarad â nhw",  # the concern
        "Gogledd",  # the team's Welsh name
        "Neilltuo i mi",
    ):
        assert words in page, words
    assert "Dydd " in page  # the day it was raised, named in Welsh
    assert "Asked for help" not in page and "Nobody yet" not in page


def test_the_choice_survives_signing_out_and_in_again(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    choose(client, "cy")
    client.post("/staff/logout", data={"csrf_token": csrf_of(client.get("/staff").text)})
    # The sign-in page after signing out speaks the language last chosen here (a cookie).
    login = client.get("/staff/login").text
    assert '<html lang="cy">' in login and "<h1>Mewngofnodi</h1>" in login
    # On another computer (no cookie), the person's own choice follows them once signed in.
    client.cookies.clear()
    assert "<h1>Sign in</h1>" in client.get("/staff/login").text
    assert sign_in(client, officer.email).status_code == 303
    assert "<h1>Trosolwg</h1>" in client.get("/staff").text


def test_switching_back_to_english_is_kept_too(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    choose(client, "cy")
    choose(client, "en")
    assert "<h1>Overview</h1>" in client.get("/staff").text


def test_the_switch_is_a_post_with_the_sessions_csrf_token(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    forged = client.post("/staff/language", data={"csrf_token": "x", "language": "cy"})
    assert forged.status_code == 403
    db.expire_all()
    assert db.scalar(select(StaffUser.language).where(StaffUser.id == officer.id)) is None
    assert client.get("/staff/language").status_code == 405


def test_an_unknown_language_or_a_way_back_elsewhere_changes_nothing(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    token = csrf_of(client.get("/staff").text)
    unknown = client.post("/staff/language", data={"csrf_token": token, "language": "fr"})
    assert unknown.status_code == 422 and "<h1>Check what you entered</h1>" in unknown.text
    elsewhere = client.post(
        "/staff/language",
        data={"csrf_token": token, "language": "cy", "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert elsewhere.headers["location"] == "/staff"


def test_before_signing_in_the_switch_keeps_the_choice_in_the_browser(client, db):
    login = client.get("/staff/login")
    chosen = client.post(
        "/staff/language",
        data={"csrf_token": csrf_of(login.text), "language": "cy", "next": "/staff/login"},
        follow_redirects=False,
    )
    assert chosen.status_code == 303 and chosen.cookies.get(LANGUAGE_COOKIE) == "cy"
    page = client.get("/staff/login").text
    assert "<h1>Mewngofnodi</h1>" in page and 'lang="en">English</button>' in page
    # Someone who never chose follows it once signed in; choosing on a staff page stores it.
    officer = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, officer.email)
    assert "<h1>Trosolwg</h1>" in client.get("/staff").text
    forged = client.post("/staff/language", data={"csrf_token": "x", "language": "en"})
    assert forged.status_code == 403


@pytest.fixture
def welsh_first(monkeypatch):
    monkeypatch.setenv("YOUSAID_LANGUAGE_ORDER", "cy-en")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_a_welsh_first_council_greets_staff_in_welsh_until_they_choose(client, db, welsh_first):
    login = client.get("/staff/login").text
    assert '<html lang="cy">' in login and "<h1>Mewngofnodi</h1>" in login
    # Both languages, Cymraeg first, as the council orders them.
    assert login.index(">Cymraeg<") < login.index(">English<")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    assert "<h1>Trosolwg</h1>" in client.get("/staff").text
    choose(client, "en")
    assert "<h1>Overview</h1>" in client.get("/staff").text


def test_an_error_page_is_in_the_readers_language(client, db):
    officer = factories.staff_user(db, Role.practitioner, teams=["north"])
    signed_in(client, officer.email)
    choose(client, "cy")
    refused = client.get("/staff/actions")
    assert refused.status_code == 403
    assert "<h1>Ni allwch weld hyn</h1>" in refused.text
    assert "Ni all ymarferydd ddefnyddio'r dudalen hon" in html.unescape(refused.text)
    missing = client.get("/staff/responses/no-such-response")
    assert missing.status_code == 404 and "Yn ôl i'r trosolwg" in html.unescape(missing.text)
