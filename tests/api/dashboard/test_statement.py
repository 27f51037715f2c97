"""One statement compared: each team's figure and each month's equal the database's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import case, func, select

from analysis.stats import SuppressionPolicy, publish_share
from api.accounts.scope import Scope
from api.core.errors import NotFound
from api.dashboard import statement
from api.dashboard.judgement import Judgement
from api.models import Answer, Response, SurveyQuestion, Team
from api.models.enums import Role
from api.responses.filters import ResponseFilters
from tests import factories

START, END = date(2026, 7, 1), date(2026, 9, 30)
KEY = "does_what_they_say"


def answer(db, team, rating, day):
    factories.response(
        db,
        team=team,
        submitted_at=datetime.combine(day, datetime.min.time(), UTC).replace(hour=12),
        answers=factories.parent_answers(does_what_they_say=rating),
    )


@pytest.fixture
def heard(db):
    ratings = [5, 5, 4, 4, 4, 4, 4, 3, 2, 1, 5, 4]  # 9 of 12 agree, 2 disagree
    for n, rating in enumerate(ratings):
        answer(db, "north", rating, date(2026, 8 if n % 2 else 9, 10))
    for rating in (5, 1, 4):  # too few for a share
        answer(db, "south", rating, date(2026, 9, 2))
    answer(db, "north", 1, date(2026, 10, 5))  # after the period: in no figure
    return db


def compare(db, scope=None, **filters):
    return statement.compare(
        db,
        scope or Scope.system("test"),
        key=KEY,
        survey=None,
        start=START,
        end=END,
        filters=ResponseFilters(**filters),
        target_pct=75,
        today=date(2026, 10, 1),
    )


def from_the_database(db, *, team=None, start=START, end=END):
    query = (
        select(func.count(), func.sum(case((Answer.scale_value >= 4, 1), else_=0)))
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            SurveyQuestion.key == KEY,
            Answer.scale_value.is_not(None),
            Response.submitted_on >= start,
            Response.submitted_on <= end,
        )
    )
    if team:
        query = query.join(Team, Team.id == Response.team_id).where(Team.slug == team)
    n, agreed = db.execute(query).one()
    return publish_share(int(agreed or 0), n, SuppressionPolicy())


def test_each_teams_figure_is_the_databases(heard):
    found = compare(heard)
    teams = {t.slug: t for t in found.teams}
    north, south = from_the_database(heard, team="north"), from_the_database(heard, team="south")
    assert (teams["north"].figure.n, teams["north"].figure.top_two_box_pct) == (north.n, north.pct)
    assert (teams["north"].figure.ci_low, teams["north"].figure.ci_high) == (
        north.ci_low,
        north.ci_high,
    )
    assert teams["north"].figure.top_two_box_pct == 75.0 and teams["north"].disagreed == 2
    assert teams["north"].judgement is Judgement.around
    # Three answers: no share, no judgement, said so.
    assert teams["south"].figure.top_two_box_pct is None and south.pct is None
    assert teams["south"].judgement is Judgement.too_few
    whole = from_the_database(heard)
    assert (found.overall.figure.n, found.overall.figure.top_two_box_pct) == (whole.n, whole.pct)
    assert found.overall.disagreed == 3


def test_the_trend_is_twelve_months_each_the_databases(heard):
    found = compare(heard)
    assert [m.bucket.key for m in found.months][-3:] == ["2026-07", "2026-08", "2026-09"]
    assert len(found.months) == 12
    by_key = {m.bucket.key: m for m in found.months}
    for key, start, end in (("2026-08", date(2026, 8, 1), date(2026, 8, 31)),):
        expected = from_the_database(heard, start=start, end=end)
        assert by_key[key].figure.n == expected.n
        assert by_key[key].figure.top_two_box_pct == expected.pct
    # September: north's 6 and south's 3.
    assert by_key["2026-09"].figure.n == 9 and by_key["2026-09"].figure.top_two_box_pct is None


def test_the_month_still_running_is_marked_in_the_trend(heard):
    found = statement.compare(
        heard,
        Scope.system("test"),
        key=KEY,
        survey=None,
        start=date(2026, 10, 1),
        end=date(2026, 10, 12),
        filters=ResponseFilters(),
        target_pct=75,
        today=date(2026, 10, 12),
    )
    assert found.months[-1].bucket.key == "2026-10" and found.months[-1].bucket.so_far
    assert not any(m.bucket.partial for m in found.months[:-1])


def test_a_manager_compares_only_their_own_teams(heard):
    north = factories.team(heard, "north")
    manager = Scope(role=Role.manager, label="m", user_id=1, team_ids=frozenset({north.id}))
    found = compare(heard, manager)
    assert [t.slug for t in found.teams] == ["north"]
    assert found.overall.figure.n == 12


def test_the_team_filter_narrows_the_whole_but_not_the_comparison(heard):
    found = compare(heard, team="north")
    assert found.overall.figure.n == 12
    assert {t.slug for t in found.teams} == {"north", "south"}


def test_an_unknown_statement_or_survey_is_not_found(db):
    with pytest.raises(NotFound):
        statement.compare(
            db,
            Scope.system("test"),
            key="nope",
            survey=None,
            start=START,
            end=END,
            filters=ResponseFilters(),
            target_pct=75,
        )
    with pytest.raises(NotFound):
        statement.compare(
            db,
            Scope.system("test"),
            key=KEY,
            survey="young-person",
            start=START,
            end=END,
            filters=ResponseFilters(),
            target_pct=75,
        )


def test_the_comparison_and_the_overview_give_one_statement_the_same_figure(heard):
    from api.dashboard import overview as dashboard
    from api.tallies import recount

    while recount.recount(heard):  # the Overview reads the tallies, the comparison the answers
        pass
    board = dashboard.overview(
        heard,
        Scope.system("test"),
        start=START,
        end=END,
        filters=ResponseFilters(team="north"),
        target_pct=75,
    )
    [report] = board.statements
    on_the_overview = next(f for f in report.statements if f.key == KEY)
    compared = compare(heard, team="north").overall
    assert compared.figure == on_the_overview
    assert compared.disagreed == board.disagreed[("parent-carer", KEY)] == 2
