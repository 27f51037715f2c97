"""The Overview's numbers: only the person's teams, grouped in SQL, rolled up by week or month."""

from __future__ import annotations

from datetime import UTC, date, datetime

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.dashboard import overview as dashboard
from api.models.enums import Channel, Role
from api.responses.filters import ResponseFilters
from tests import factories

START, END = date(2026, 11, 1), date(2026, 11, 22)


def respond(db, team, text="She never rang back when she said she would", **fields):
    result = factories.response(
        db,
        team=team,
        submitted_at=fields.pop("at", datetime(2026, 11, 10, 12, tzinfo=UTC)),
        answers=factories.parent_answers(one_thing_to_change=text),
        **fields,
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)


def view(db, scope, **filters):
    return dashboard.overview(
        db, scope, start=START, end=END, filters=ResponseFilters(**filters), target_pct=75
    )


def test_a_manager_sees_only_their_teams(db):
    for _ in range(3):
        respond(db, "north")
    for _ in range(5):
        respond(db, "south")
    north = factories.team(db, "north")
    manager = Scope(role=Role.manager, label="m", user_id=1, team_ids=frozenset({north.id}))
    mine = view(db, manager)
    everyone = view(db, Scope(role=Role.rights_team, label="r", user_id=2))
    assert mine.responses == 3 and everyone.responses == 8
    worries = {name: negative.total for name, negative, _ in mine.themes}
    assert worries["communication"] == 3
    # Asking for another team's figures by name gives nothing, not their figures.
    assert view(db, manager, team="south").responses == 0


def test_weeks_for_a_short_period_and_months_for_a_long_one():
    weeks = dashboard.make_buckets(date(2026, 11, 1), date(2026, 11, 22))
    assert [b.key for b in weeks] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    months = dashboard.make_buckets(date(2025, 11, 22), date(2026, 11, 22))
    assert months[0].key == "2025-11" and months[-1].key == "2026-11" and len(months) == 13
    assert dashboard.bucket_of(weeks, date(2026, 11, 17)) == 3


def test_responses_are_counted_by_channel_and_week(db):
    respond(db, "north", channel=Channel.qr, at=datetime(2026, 11, 3, 9, tzinfo=UTC))
    respond(db, "north", channel=Channel.web, at=datetime(2026, 11, 17, 9, tzinfo=UTC))
    respond(db, "north", channel=Channel.web, at=datetime(2026, 11, 18, 9, tzinfo=UTC))
    data = view(db, Scope.system("test"))
    series = {s.name: s.values for s in data.responses_by_channel}
    assert series == {"web": (0, 0, 0, 2), "qr": (0, 1, 0, 0)}


def test_statement_shares_are_suppressed_below_ten_answers(db):
    for _ in range(4):
        respond(db, "north")
    [report] = view(db, Scope.system("test")).statements
    assert all(f.top_two_box_pct is None for f in report.statements)


def test_a_quarter_in_weeks_marks_the_part_weeks_at_either_end():
    weeks = dashboard.make_buckets(date(2026, 7, 1), date(2026, 9, 30), today=date(2026, 10, 1))
    first, last = weeks[0], weeks[-1]
    assert (first.first_day, first.start, first.partial, first.note) == (
        date(2026, 6, 29),
        date(2026, 7, 1),
        True,
        "from 1 Jul",
    )
    # The quarter is over: its last week is cut short by the period, not still running.
    assert last.partial and not last.so_far and last.note == "to 30 Sep"
    assert not any(b.partial for b in weeks[1:-1])


def test_the_month_still_running_is_marked_so_far():
    months = dashboard.make_buckets(date(2025, 12, 2), date(2026, 12, 2), today=date(2026, 12, 2))
    assert months[-1].key == "2026-12" and months[-1].so_far and months[-1].note == "so far"
    assert months[0].note == "from 2 Dec" and not months[0].so_far
    assert [b.partial for b in months[1:-1]] == [False] * 11


def test_every_theme_is_listed_even_unmentioned_most_mentioned_first(db):
    respond(db, "north")  # one worry about communication
    names = [name for name, _, _ in view(db, Scope.system("test")).themes]
    assert len(names) == 13 and set(dashboard.theme_ids()) == set(names)
    assert names[0] == "communication"


def test_disagreements_are_counted_per_statement(db):
    for rating in (1, 2, 3, 5):
        factories.response(
            db,
            team="north",
            submitted_at=datetime(2026, 11, 10, 12, tzinfo=UTC),
            answers=factories.parent_answers(does_what_they_say=rating),
        )
    disagreed = view(db, Scope.system("test")).disagreed
    assert disagreed[("parent-carer", "does_what_they_say")] == 2
    assert disagreed[("parent-carer", "time_with_children")] == 4  # the factory's 2
    assert ("parent-carer", "listened_to") not in disagreed  # all 5s
