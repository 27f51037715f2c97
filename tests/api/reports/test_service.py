"""The statement report: the figure councils publish, computed in SQL, suppressed in one place."""

from datetime import UTC, date, datetime

import pytest

from api.accounts.scope import Scope
from api.core.errors import NotFound
from api.models.enums import Role
from api.reports import service as reports
from api.reports.schemas import GroupBy
from tests import factories

EVERYONE = Scope.system("test")


def add(db, count, *, listened, team="front-door", when=datetime(2026, 3, 10, tzinfo=UTC), **kw):
    """count responses answering listened_to with `listened` (a value or a list of values)."""
    values = listened if isinstance(listened, list) else [listened] * count
    for value in values:
        factories.response(db, team=team, submitted_at=when, answers={"listened_to": value}, **kw)


def figure(report, key="listened_to", group=0):
    return next(s for s in report.groups[group].statements if s.key == key)


def run(db, scope=EVERYONE, **request):
    return reports.statements(
        db, scope, request=reports.ReportRequest(survey="parent-carer", **request)
    )


def test_top_two_box_counts_four_and_five_and_leaves_out_does_not_apply(db):
    add(db, 12, listened=[5, 5, 4, 4, 4, 4, 3, 2, 1, 1, "not_applicable", "not_applicable"])
    listened = figure(run(db))
    assert listened.n == 10
    assert listened.top_two_box == 6
    assert listened.top_two_box_pct == 60.0
    assert listened.ci_low == 31.3 and listened.ci_high == 83.2


def test_every_statement_is_listed_even_when_nobody_answered_it(db):
    add(db, 10, listened=5)
    report = run(db)
    assert [s.key for s in report.statements][:2] == ["listened_to", "does_what_they_say"]
    unanswered = figure(report, "does_what_they_say")
    assert unanswered.n == 0 and unanswered.top_two_box_pct is None


def test_a_group_under_ten_is_suppressed(db):
    add(db, 9, listened=5)
    listened = figure(run(db))
    assert listened.top_two_box_pct is None and listened.top_two_box is None
    assert listened.n == 9


def test_small_counts_show_as_under_five(db):
    add(db, 4, listened=5)
    assert figure(run(db)).n == "<5"


def test_grouping_by_team_gives_one_group_per_team(db):
    add(db, 10, listened=5, team="front-door")
    add(db, 10, listened=2, team="cin-cp")
    report = run(db, by=[GroupBy.team])
    by_team = {g.group["team"]: g for g in report.groups}
    assert by_team["front-door"].statements[0].top_two_box_pct == 100.0
    assert by_team["cin-cp"].statements[0].top_two_box_pct == 0.0
    assert report.statements is None


def test_change_against_the_previous_period_of_the_same_length(db):
    add(db, 10, listened=[5] * 7 + [1] * 3, when=datetime(2026, 2, 10, tzinfo=UTC))
    add(db, 10, listened=[5] * 9 + [1], when=datetime(2026, 3, 10, tzinfo=UTC))
    report = run(db, start=date(2026, 3, 1), end=date(2026, 3, 31))
    listened = figure(report)
    assert listened.n == 10 and listened.top_two_box_pct == 90.0
    assert listened.previous_pct == 70.0
    assert listened.change_pct_points == 20.0
    assert report.period.previous_start == date(2026, 1, 29)


def test_grouping_by_month_compares_each_month_with_the_one_before(db):
    add(db, 10, listened=[5] * 5 + [1] * 5, when=datetime(2026, 1, 15, tzinfo=UTC))
    add(db, 10, listened=[5] * 8 + [1] * 2, when=datetime(2026, 2, 15, tzinfo=UTC))
    report = run(db, by=[GroupBy.month], start=date(2026, 2, 1), end=date(2026, 2, 28))
    assert [g.group for g in report.groups] == [{"month": "2026-02"}]
    assert figure(report).change_pct_points == 30.0


def test_grouping_by_several_dimensions(db):
    add(db, 10, listened=5, channel="sms", collection_point="front_door")
    add(db, 10, listened=5, channel="web", collection_point="closure")
    report = run(db, by=[GroupBy.channel, GroupBy.collection_point, GroupBy.audience])
    assert sorted(tuple(g.group.values()) for g in report.groups) == [
        ("sms", "front_door", "parent_carer"),
        ("web", "closure", "parent_carer"),
    ]


def test_a_manager_sees_figures_for_their_teams_only(db):
    add(db, 10, listened=5, team="front-door")
    add(db, 10, listened=1, team="cin-cp")
    factories.token(db, Role.manager, ["front-door"])
    from sqlalchemy import select

    from api.models import Team

    front_door = db.scalar(select(Team.id).where(Team.slug == "front-door"))
    manager = Scope(role=Role.manager, label="m", team_ids=frozenset({front_door}))
    listened = figure(run(db, scope=manager))
    assert listened.n == 10 and listened.top_two_box_pct == 100.0


def test_an_unknown_survey_is_not_found(db):
    with pytest.raises(NotFound):
        reports.statements(db, EVERYONE, request=reports.ReportRequest(survey="nope"))


def test_filters_narrow_the_report_to_matching_responses(db):
    from api.responses.filters import ResponseFilters

    add(db, 10, listened=5, channel="sms", language="cy")
    add(db, 10, listened=1, channel="web")
    welsh = figure(run(db, filters=ResponseFilters(language="cy")))
    assert welsh.n == 10 and welsh.top_two_box_pct == 100.0
    web = figure(run(db, filters=ResponseFilters(channel="web", team="front-door")))
    assert web.n == 10 and web.top_two_box_pct == 0.0


def test_a_report_over_the_under_8s_three_faces_counts_happy_as_agreeing(db):
    factories.team(db, "front-door")
    for value in [5] * 7 + [3] * 2 + [1] * 3:
        factories.response(
            db,
            survey="young-person-under-8",
            team="front-door",
            submitted_at=datetime(2026, 3, 10, tzinfo=UTC),
            answers={"worker_listened": value, "know_my_worker": 5},
        )
    report = reports.statements(
        db, EVERYONE, request=reports.ReportRequest(survey="young-person-under-8")
    )
    listened = figure(report, "worker_listened")
    assert (listened.n, listened.top_two_box, listened.top_two_box_pct) == (12, 7, 58.3)
    assert figure(report, "know_my_worker").top_two_box_pct == 100.0
