"""The equality report: counts per answer, small numbers suppressed for every role."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope
from api.models import Team
from api.models.enums import Role
from api.reports import equality
from tests import factories
from tests.equality_library import use_equality_library

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def library_with_equality(tmp_path, monkeypatch, db):
    use_equality_library(tmp_path, monkeypatch, db)


def respond(db, team="north", **answers):
    factories.response(
        db,
        team=team,
        submitted_at=NOW - timedelta(hours=1),
        answers=factories.parent_answers(**answers),
    )


def counts(report, key):
    [question] = [q for q in report.questions if q.key == key]
    return question.answered, {o.value: o.count for o in question.options}


def test_counts_per_answer_with_small_numbers_suppressed_even_for_an_admin(db):
    for _ in range(6):
        respond(db, ethnic_group="white")
    for _ in range(2):
        respond(db, ethnic_group="asian", disability="yes")
    report = equality.report(db, factories.scope_of(Role.admin), survey="parent-carer")
    answered, by_answer = counts(report, "ethnic_group")
    assert answered == 8
    assert by_answer == {
        "white": 6,
        "mixed": 0,
        "asian": "<5",
        "black": 0,
        "other": 0,
        "prefer_not_to_say": 0,
    }
    assert counts(report, "disability") == ("<5", {"yes": "<5", "no": 0, "prefer_not_to_say": 0})
    assert report.suppression.count_below == 5


def test_a_team_sees_only_its_own_teams_counts(db):
    for _ in range(5):
        respond(db, team="north", ethnic_group="white")
    for _ in range(7):
        respond(db, team="south", ethnic_group="white")
    north_id = db.scalar(select(Team.id).where(Team.slug == "north"))
    north = Scope(role=Role.manager, label="north", team_ids=frozenset({north_id}))
    assert counts(equality.report(db, north, survey="parent-carer"), "ethnic_group")[0] == 5
    nobody = factories.scope_of(Role.practitioner)  # a practitioner of no team sees none
    assert counts(equality.report(db, nobody, survey="parent-carer"), "ethnic_group")[0] == 0


def test_the_report_over_http(client, db):
    for _ in range(5):
        respond(db, ethnic_group="black")
    headers = factories.auth(db, Role.rights_team)
    answer = client.get("/api/v1/reports/equality?survey=parent-carer", headers=headers)
    assert answer.status_code == 200
    [ethnic, disability] = answer.json()["questions"]
    assert ethnic["key"] == "ethnic_group" and ethnic["answered"] == 5
    assert {o["value"]: o["count"] for o in ethnic["options"]}["black"] == 5
    assert disability["answered"] == 0


def test_an_unknown_survey_is_not_found_not_a_crash(client, db):
    headers = factories.auth(db, Role.rights_team)
    answer = client.get("/api/v1/reports/equality?survey=nope", headers=headers)
    assert answer.status_code == 404


def test_a_survey_without_equality_questions_has_an_empty_report(db):
    report = equality.report(db, factories.scope_of(Role.admin), survey="partner-agency")
    assert report.questions == []


def test_the_survey_api_marks_equality_questions(client, db):
    headers = factories.auth(db, Role.rights_team)
    read = client.get("/api/v1/surveys/parent-carer", headers=headers).json()
    marked = {q["key"]: q["equality"] for q in read["questions"]}
    assert marked["ethnic_group"] is True and marked["listened_to"] is False
    ethnic = next(q for q in read["questions"] if q["key"] == "ethnic_group")
    assert ethnic["required"] is False
    assert ethnic["options"][-1]["cy"] == "Gwell gennyf beidio â dweud"
