"""Scope on every page and every API route: a manager of one team, asking for another team's
things by every address the app has, gets a refusal or nothing of theirs. The routes are read
from the app itself, so a page added later is checked without anyone remembering to."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from api.accounts.scope import Scope
from api.actions import service as actions
from api.actions.schemas import ActionWrite
from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.models import Forum, PossibleConcern, SafeguardingAlert
from api.models.enums import Language, Role
from api.qr import service as placements
from tests import factories
from tests.api.concerns.concerning import concerned
from tests.factories import kept_text
from tests.staff_pages import csrf_of, signed_in

SECRET = "Southsecret never rang back, he hits me and I am scared to go home"
# Pages anyone may open (sign-in), or that only show what is the same for everyone.
PUBLIC = {"/staff/login", "/staff/sso", "/staff/sso/callback"}


def app_paths(app: Any) -> list[str]:
    """Every GET path of the staff pages and the API, from the app's own routing."""

    def walk(routes: Any) -> Any:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                yield from walk(inner.routes)
            elif isinstance(route, APIRoute) and "GET" in route.methods:
                yield route.path

    staff = [p for p in walk(app.routes) if p.startswith("/staff")]
    api = [p for p, ops in app.openapi()["paths"].items() if "get" in ops]
    return sorted({*staff, *(p for p in api if p.startswith("/api/v1"))})


@pytest.fixture
def south(db, tmp_path, monkeypatch) -> dict[str, str]:
    """The other team's things: a response, its alert, a possible concern, an action, a QR
    code, a digest."""
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    for slug in ("front-door", "assessment", "children-in-care", "north", "south"):
        factories.team(db, slug)
    forums.sync_file(db, forums.DEMO_FORUMS)
    stored = factories.response(
        db,
        team="south",
        submitted_at=datetime.now(UTC) - timedelta(hours=1),
        answers=factories.parent_answers(one_thing_to_change=SECRET),
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    unsure = factories.response(
        db, team="south", answers=factories.parent_answers(one_thing_to_change="Southsecret")
    )
    with monkeypatch.context() as patched:  # a possible concern, as the model would say
        patched.setattr(answer_analysis, "analyse", concerned)
        answer_analysis.analyse_response(db, response_id=unsure.response.id)
    everyone = Scope.system("test")
    action = actions.create(
        db,
        everyone,
        body=ActionWrite(team="south", you_said=SECRET, we_did="Southsecret plan", owner="x"),
    )
    code = placements.create(
        db,
        everyone,
        survey="young-person",
        team="south",
        collection_point=None,
        language=Language.en,
        location="Southsecret hall",
    ).code
    board = db.scalar(select(Forum).where(Forum.key == "corporate-parenting-board"))
    digest = delivery.queue(db, board, "2026-Q4")
    text = kept_text(db, team="south", analyse=False)  # a text outside a survey
    episode = _south_episode(db)
    yield {
        "public_id": stored.response.public_id,
        "response_id": stored.response.public_id,
        "response": stored.response.public_id,
        "question": "one_thing_to_change",
        "alert_id": db.scalar(select(SafeguardingAlert.public_id)),
        "concern_id": db.scalar(select(PossibleConcern.public_id)),
        "action": action.public_id,
        "code": code,
        "digest_id": str(digest),
        "key": "corporate-parenting-board",
        "survey_key": "parent-carer",
        "version": "1",
        "user_id": "1",
        "message_id": str(text.id),
        "slug": "south",  # a team (only admins name teams, in Welsh or otherwise)
        "episode_id": episode,
    }
    get_settings.cache_clear()


def _south_episode(db: Any) -> str:
    """A closure heard from a young person and a parent, its case reference a secret."""
    from api.invitations import service as invitations
    from api.invitations.schemas import CaseEventIn
    from api.models import Episode, Invitation
    from api.responses import intake

    invitations.receive_case_event(
        db,
        event=CaseEventIn.model_validate(
            {
                "event_id": "south-closure",
                "case_ref": "Southsecret-1",
                "event": "case_closed",
                "team": "south",
                "occurred_at": datetime(2026, 11, 20, 10, tzinfo=UTC),
                "contacts": [
                    {"role": "young_person", "phone": "07700 900401"},
                    {"role": "parent", "phone": "07700 900402"},
                ],
            }
        ),
    )
    for invitation in db.scalars(select(Invitation).where(Invitation.case_ref == "Southsecret-1")):
        young = invitation.contact_role.value == "young_person"
        intake.ingest(
            db,
            submission=factories.submission(
                survey="young-person" if young else "parent-carer",
                channel="sms",
                answers={"worker_listened": 5} if young else factories.parent_answers(),
            ),
            invitation_id=invitation.id,
        )
    return str(db.scalar(select(Episode.public_id).where(Episode.case_ref == "Southsecret-1")))


def fill(path: str, south: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "public_id":
            kind = path.split("/")[2]
            return {
                "alerts": south["alert_id"],
                "actions": south["action"],
                "concerns": south["concern_id"],
            }.get(kind, south["public_id"])
        if name == "key" and path.startswith("/staff/surveys"):
            return south["survey_key"]
        if name == "key" and path.startswith("/api/v1/surveys"):
            return south["survey_key"]
        return south[name]

    filled = re.sub(r"\{(\w+)\}", value, path)
    extras = {
        "/api/v1/reports/statements": "?survey=parent-carer",
        "/staff/export/responses.csv": "?survey=parent-carer&period=12m",
        "/staff/export/statements.csv": "?survey=parent-carer&period=12m&by_team=1",
    }
    return filled + extras.get(path, "?period=12m" if path.startswith("/staff") else "")


def test_a_manager_sees_nothing_of_another_team_anywhere(client, db, south):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    token = factories.auth(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    paths = app_paths(client.app)
    assert len(paths) > 40  # the staff pages and the API, read from the app
    checked = 0
    for path in paths:
        if path in PUBLIC:
            continue
        url = fill(path, south)
        headers = token if path.startswith("/api/") else {}
        response = client.get(url, headers=headers, follow_redirects=False)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code in (401, 403, 404, 303):
            continue
        body = response.text if "image/png" not in response.headers.get("content-type", "") else ""
        for marker in (
            "Southsecret",
            south["public_id"],
            south["alert_id"],
            south["concern_id"],
            south["code"],
        ):
            assert marker not in body, f"{url} shows another team's {marker[:12]}"
        checked += 1
    assert checked > 20  # most pages answered, and showed nothing of the other team's
    # Counts too: the other team's response is in no figure of theirs.
    overview = client.get("/staff?period=12m").text
    assert '<span class="headline-number">0</span> responses' in overview
    report = client.get("/api/v1/reports/statements?survey=parent-carer", headers=token).json()
    assert all(f["n"] == 0 for f in report["statements"])


def post_paths(app: Any) -> list[str]:
    """Every staff POST that names one thing in its address (alerts, actions, ...)."""

    def walk(routes: Any) -> Any:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                yield from walk(inner.routes)
            elif isinstance(route, APIRoute) and "POST" in route.methods:
                yield route.path

    return sorted({p for p in walk(app.routes) if p.startswith("/staff") and "{" in p})


def test_a_manager_can_do_nothing_to_another_teams_things(client, db, south):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    token = csrf_of(client.get("/staff/alerts").text)
    paths = post_paths(client.app)
    assert "/staff/alerts/{public_id}/contact" in paths
    assert "/staff/alerts/{public_id}/assign" in paths
    assert "/staff/concerns/{public_id}" in paths
    for path in paths:
        url = fill(path, south).split("?")[0]
        response = client.post(url, data={"csrf_token": token}, follow_redirects=False)
        assert response.status_code in (403, 404), (url, response.status_code)
        for marker in ("Southsecret", south["alert_id"], south["concern_id"]):
            assert marker not in response.text, f"{url} shows another team's {marker[:12]}"
    alert = db.scalar(select(SafeguardingAlert))
    db.refresh(alert)
    assert alert.owner_user_id is None and alert.status.value == "new"
