"""Free text is attacker-controlled. Script and formula payloads go in through every channel
(the API, the web form, a QR code, a text message, a CSV import, a staff-written action) and
come out inert on every staff page, in every export and in the digest."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.accounts.scope import Scope
from api.actions import service as actions
from api.actions.schemas import ActionWrite
from api.core.config import get_settings
from api.digests import content, render
from api.forums import service as forums
from api.forums.periods import containing
from api.jobs.queue import Worker
from api.main import create_app
from api.messaging.dispatch import Dispatcher
from api.models import Forum, Response, SafeguardingAlert
from api.models.enums import Language, Role
from api.qr import service as placements
from api.responses import csv_io
from tests import factories
from tests.staff_pages import signed_in
from tests.twilio_fake import fake_twilio, inbound_params, signed, twilio_env

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'
PAYLOAD = f"{FORMULA} she never rang back {SCRIPT}"
# What must never reach a page as markup.
LIVE = ("<script", "<img src=x")
TRIGGERS = csv_io.FORMULA_TRIGGERS
PHONE = "+447700900777"


# The app's own scripts, served from /static (the CSP lets nothing else run): not free text.
OWN_SCRIPT = re.compile(r'<script src="/static/[a-z-]+\.js" defer></script>')


def inert_page(html: str, where: str) -> None:
    html = OWN_SCRIPT.sub("", html)
    for needle in LIVE:
        assert needle not in html, f"{where}: {needle!r} reached the page as markup"


def inert_csv(text: str, where: str) -> None:
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for cell in row:
            assert not cell.startswith(TRIGGERS), f"{where}: a cell would run: {cell[:40]!r}"


@pytest.fixture
def council(monkeypatch, fresh_database, use_database, tmp_path):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    with fake_twilio() as fake:
        twilio_env(monkeypatch, fake)
        sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
        with sessions() as session, session.begin():
            for slug in ("north-cin", "front-door", "assessment", "children-in-care"):
                factories.team(session, slug)
            forums.sync_file(session, forums.DEMO_FORUMS)
            admin = factories.auth(session, Role.admin)
            officer = factories.staff_user(session, Role.rights_team).email
            practitioner = factories.staff_user(
                session, Role.practitioner, teams=["north-cin"]
            ).email
            code = placements.create(
                session,
                Scope.system("test"),
                survey="young-person",
                team="north-cin",
                collection_point="closure",
                language=Language.en,
                location=f"Hall {SCRIPT}",
            ).code
        # https, as in production: the cookies are Secure when the public address is.
        with TestClient(create_app(), base_url="https://testserver") as client:
            yield client, sessions, admin, officer, practitioner, code
    get_settings.cache_clear()


def through_the_api(client, admin):
    body = {
        "survey": "parent-carer",
        "team": "north-cin",
        "answers": factories.parent_answers(one_thing_to_change=PAYLOAD, most_helpful=SCRIPT),
        "respondent_name": SCRIPT[:90],
    }
    assert client.post("/api/v1/responses", json=body, headers=admin).status_code == 201


def _submit(client, page, value: str | None = None):
    """Post the page's form as a browser would: its action, its token, an answer."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    data = {"csrf": token} | ({"answer": value} if value is not None else {})
    return client.post(action, data=data, follow_redirects=True)


def through_the_web_form(client, start: str):
    page = _submit(client, client.get(start, follow_redirects=True))
    for _ in range(20):  # the questions, and after each written answer who may read it
        if page.url.path.endswith("/thanks"):
            return
        assert page.status_code == 200, page.text[:300]
        choice = "no" if 'value="no"' in page.text else "5"  # the safety question: "No"
        page = _submit(client, page, PAYLOAD if "<textarea" in page.text else choice)
    raise AssertionError("the form did not end")


def through_a_text_message(client, sessions, admin, fake):
    event = {
        "event_id": "evt-1",
        "case_ref": "C-1",
        "event": "case_closed",
        "team": "north-cin",
        "occurred_at": "2026-11-20T10:00:00+00:00",
        "contacts": [{"role": "parent", "phone": PHONE, "language": "en"}],
    }
    assert client.post("/api/v1/case-events", json=event, headers=admin).status_code == 202

    # A weekday morning a few days ahead: inside the send window, whenever the test runs.
    day = datetime.now(UTC).date() + timedelta(days=3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    send_at = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)

    def deliver():
        Dispatcher(sessions, "test", clock=lambda: send_at).run_until_idle()

    deliver()
    for reply in ["5"] * 8 + [PAYLOAD, "he hits me and I am scared " + SCRIPT]:
        params = inbound_params(PHONE, reply)
        path = "/sms/twilio/inbound"
        assert client.post(path, data=params, headers=signed(path, params)).status_code == 200
        Worker(sessions, "test").run_until_idle()
        deliver()


def through_a_csv_import(sessions):
    header = [*csv_io.FIXED_COLUMNS, "listened_to", "one_thing_to_change"]
    row = [
        "2026-11-18T10:00:00+00:00",
        "parent_carer",
        "closure",
        "north-cin",
        "import",
        "en",
        "4",
        PAYLOAD,
    ]
    source = io.StringIO()
    csv.writer(source).writerows([header, row])
    source.seek(0)
    with sessions() as session, session.begin():
        report = csv_io.import_responses(
            session, Scope.system("test"), source=source, survey_key="parent-carer"
        )
    assert report.stored == 1, report.errors


def test_payloads_from_every_channel_come_out_inert_everywhere(council, monkeypatch):
    client, sessions, admin, officer, practitioner, code = council
    through_the_api(client, admin)
    through_the_web_form(client, "/f/parent-carer?team=north-cin")
    through_the_web_form(client, f"/q/{code}")
    with fake_twilio() as fake:
        twilio_env(monkeypatch, fake)
        through_a_text_message(client, sessions, admin, fake)
    through_a_csv_import(sessions)
    Worker(sessions, "test").run_until_idle()  # analysis of every answer
    with sessions() as session, session.begin():
        actions.create(
            session,
            Scope.system("test"),
            body=ActionWrite(
                team="north-cin",
                you_said=PAYLOAD,
                we_did=SCRIPT,
                owner=FORMULA,
                you_said_cy=PAYLOAD,
                we_did_cy=SCRIPT,
            ),
        )
        session.flush()
        responses = session.scalars(select(Response.public_id)).all()
        channels = {c.value for c in session.scalars(select(Response.channel))}
        alerts = session.scalars(select(SafeguardingAlert.public_id)).all()
        forum = session.scalar(select(Forum).where(Forum.key == "childrens-rights-team"))
    assert channels == {"api", "web", "qr", "sms", "import"} and alerts

    for email in (officer, practitioner):
        client.cookies.clear()
        signed_in(client, email)
        pages = [
            "/staff",
            "/staff?period=12m",
            "/staff/responses?period=12m",
            "/staff/review",
            "/staff/alerts?status=all",
            "/staff/actions",
            "/staff/digests",
            "/staff/qr",
            "/staff/forums/front-door-managers/preview?period=2026-W47",
            "/staff/forums/front-door-managers/preview/email?period=2026-W47",
        ]
        pages += [f"/staff/responses/{r}" for r in responses]
        pages += [f"/staff/alerts/{a}?words=1" for a in alerts]
        pages += [f"/staff/review/{r}/one_thing_to_change" for r in responses]
        for path in pages:
            page = client.get(path)
            allowed = {200} if email == officer else {200, 403, 404}
            if path.startswith("/staff/review/"):
                allowed.add(404)  # a young person's survey has no such question
            assert page.status_code in allowed, (email, path, page.status_code)
            inert_page(page.text, f"{email} {path}")
        for path in (
            "/staff/export/responses.csv?survey=parent-carer&period=12m",
            "/staff/export/statements.csv?survey=parent-carer&period=12m&by_team=1",
            "/staff/export/themes.csv?period=12m",
        ):
            export = client.get(path)
            if export.status_code == 200:
                inert_csv(export.text, path)
    # The raw words did reach the officer, as text.
    client.cookies.clear()
    signed_in(client, officer)
    shown = client.get(f"/staff/responses/{responses[0]}").text
    assert "&lt;script&gt;" in shown
    # Public pages.
    for path in ("/you-said-we-did", "/you-said-we-did?lang=cy"):
        inert_page(client.get(path).text, path)
    # The digest, as text and as the HTML email.
    with sessions() as session:
        built = content.build(session, forum, containing(datetime.now(UTC).date(), "weekly"))
        for name in ("front-door-managers", "practice-leaders"):
            other = session.scalar(select(Forum).where(Forum.key == name))
            week = containing(
                datetime(2026, 11, 18).date(), "monthly" if name == "practice-leaders" else "weekly"
            )
            page = render.html(
                content.build(session, other, week), dashboard_url="https://x/", brand="#000"
            )
            inert_page(page, f"digest {name}")
    page = render.html(built, dashboard_url="https://x/", brand="#000")
    inert_page(page, "digest")
    assert "&lt;script&gt;" in page  # the quote is there, as text
    # (The text part is text/plain: mail clients show it as letters, never as markup.)
