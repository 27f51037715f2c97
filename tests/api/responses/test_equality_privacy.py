"""Equality answers are special-category data: no surface that shows a response shows them
(decision 48). One test per surface: the response API, the list, both CSV downloads, the
staff list and response page, and a digest."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.digests import content, render
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.forums.periods import containing
from api.models.enums import Role
from api.responses import csv_io, csv_stream
from api.responses.browse import Listing
from api.responses.filters import ResponseFilters, ResponseMatch
from tests import factories
from tests.equality_library import use_equality_library
from tests.staff_pages import signed_in

NOW = datetime.now(UTC).replace(microsecond=0)
# What would give an equality answer away: the question's key and wording, the answer's value
# and its words.
GIVEAWAYS = ("ethnic_group", "ethnic group", "Asian", "asian", "disability", "Prefer not to say")


@pytest.fixture(autouse=True)
def equality(tmp_path, monkeypatch, db):
    use_equality_library(tmp_path, monkeypatch, db)


def respond(db, *, at=None, team="north"):
    stored = factories.response(
        db,
        team=team,
        submitted_at=at or NOW - timedelta(hours=1),
        respondent_name="Sam Evans",
        answers=factories.parent_answers(
            one_thing_to_change="Ring back when you say you will, every time",
            most_helpful="",
            ethnic_group="asian",
            disability="prefer_not_to_say",
        ),
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    return stored.response


def assert_no_equality_answer(text: str) -> None:
    assert "Ring back" in text or "listened_to" in text or "Listened" in text, "not the response"
    for giveaway in GIVEAWAYS:
        assert giveaway not in text, giveaway


def test_the_response_api_has_no_equality_answers(client, db):
    response = respond(db)
    headers = factories.auth(db, Role.rights_team)
    read = client.get(f"/api/v1/responses/{response.public_id}", headers=headers)
    assert read.status_code == 200
    keys = [a["question"] for a in read.json()["answers"]]
    assert "listened_to" in keys and "ethnic_group" not in keys and "disability" not in keys
    assert_no_equality_answer(read.text)


def test_the_response_list_api_has_no_equality_answers(client, db):
    respond(db)
    headers = factories.auth(db, Role.rights_team)
    listed = client.get("/api/v1/responses?survey=parent-carer", headers=headers)
    assert listed.status_code == 200 and len(listed.json()["items"]) == 1
    for giveaway in GIVEAWAYS:
        assert giveaway not in listed.text


def test_the_raw_csv_export_has_no_equality_column_or_answer(db):
    respond(db)
    rows = list(
        csv_io.export_responses(
            db, factories.scope_of(Role.rights_team), survey_key="parent-carer", raw=True
        )
    )
    assert len(rows) == 2
    assert_no_equality_answer("\n".join(",".join(row) for row in rows))


def test_the_staff_download_has_no_equality_column_or_answer(app, db):
    respond(db)
    listing = Listing(
        factories.scope_of(Role.rights_team),
        NOW.date() - timedelta(days=3),
        NOW.date(),
        ResponseFilters(),
        ResponseMatch(),
    )
    lines = csv_stream.rows(
        app.state.sessions,
        csv_stream.Export(survey_key="parent-carer", listing=listing),
        theme_label=str,
    )
    text = b"".join(csv_stream.encoded(lines)).decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == 1
    assert_no_equality_answer(text)


def test_the_staff_list_and_response_page_show_no_equality_answer(client, db):
    response = respond(db)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    listing = client.get("/staff/responses")
    page = client.get(f"/staff/responses/{response.public_id}")
    assert listing.status_code == page.status_code == 200
    assert response.public_id in listing.text
    for text in (listing.text, page.text):
        for giveaway in GIVEAWAYS:
            assert giveaway not in text, giveaway
    assert "Ring back" in page.text  # the page is the response's, its words shown


def test_a_digest_quotes_and_counts_no_equality_answer(db):
    factories.team(db, "north")
    week = containing(date(2026, 11, 11), "weekly")
    when = datetime(2026, 11, 11, 12, tzinfo=UTC)
    for _ in range(6):
        respond(db, at=when)
    definition = ForumDefinition.model_validate(
        {
            "key": "north-managers",
            "name": "North managers",
            "schedule": {"cadence": "weekly"},
            "members": ["m@council.example"],
            "rules": [{"teams": ["north"]}],
        }
    )
    row = forums.create(db, Scope.system("test"), definition=definition)
    built = content.build(db, row, week)
    assert built.responses == 6
    text = render.plain(built, dashboard_url="https://yousaid.example/")
    for giveaway in GIVEAWAYS:
        assert giveaway not in text, giveaway
