from datetime import UTC, datetime

from api.models.enums import Role
from tests import factories


def seed(db):
    for team, value in (("front-door", 5), ("cin-cp", 1)):
        for _ in range(10):
            factories.response(
                db,
                team=team,
                submitted_at=datetime(2026, 3, 1, tzinfo=UTC),
                answers={"listened_to": value},
            )


def test_the_report_lists_key_n_and_share_per_statement(client, db):
    seed(db)
    headers = factories.auth(db, Role.rights_team)
    report = client.get(
        "/api/v1/reports/statements", params={"survey": "parent-carer"}, headers=headers
    ).json()
    listened = report["statements"][0]
    assert (listened["key"], listened["n"], listened["top_two_box_pct"]) == (
        "listened_to",
        20,
        50.0,
    )
    assert report["statements"][1]["top_two_box_pct"] is None


def test_grouped_by_team_for_a_manager_shows_only_their_team(client, db):
    seed(db)
    headers = factories.auth(db, Role.manager, ["front-door"])
    report = client.get(
        "/api/v1/reports/statements",
        params={"survey": "parent-carer", "by": "team"},
        headers=headers,
    ).json()
    assert [g["group"]["team"] for g in report["groups"]] == ["front-door"]


def test_a_period_that_ends_before_it_starts_is_a_422(client, db):
    headers = factories.auth(db, Role.rights_team)
    answer = client.get(
        "/api/v1/reports/statements",
        params={"survey": "parent-carer", "from": "2026-05-01", "to": "2026-04-01"},
        headers=headers,
    )
    assert answer.status_code == 422


def test_an_unknown_grouping_is_a_422(client, db):
    headers = factories.auth(db, Role.rights_team)
    answer = client.get(
        "/api/v1/reports/statements",
        params={"survey": "parent-carer", "by": "postcode"},
        headers=headers,
    )
    assert answer.status_code == 422


def test_the_report_takes_the_same_filters_as_the_response_list(client, db):
    seed(db)
    headers = factories.auth(db, Role.rights_team)
    report = client.get(
        "/api/v1/reports/statements",
        params={"survey": "parent-carer", "team": "cin-cp", "channel": "web"},
        headers=headers,
    ).json()
    assert report["statements"][0]["n"] == 10
    assert report["statements"][0]["top_two_box_pct"] == 0.0
