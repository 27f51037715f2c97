"""The queue in SQL (filters, sort, paging, counts, team scope) on both engines; taking an
alert on; moving it in one step with a complete history; the response's banner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api.accounts.scope import Scope
from api.alerts import service as alerts
from api.alerts.raising import ASKED_FOR_HELP
from api.core.errors import Conflict, Forbidden, NotFound
from api.models import StaffUser
from api.models.enums import AlertSource, AlertStatus, Role
from tests import factories
from tests.api.alerts.alerting import alert

EVERYONE = Scope(role=Role.rights_team, label="officer@council.example", user_id=None)


def manager(db, team: str) -> Scope:
    user = factories.staff_user(db, Role.manager, teams=[team])
    return Scope(
        role=Role.manager,
        label=user.email,
        user_id=user.id,
        team_ids=frozenset({factories.team(db, team).id}),
    )


def ids(page: alerts.Page) -> list[str]:
    return [r.alert.public_id for r in page.rows]


def test_the_queue_pages_oldest_first_with_counts(db):
    now = datetime.now(UTC)
    made = [alert(db, raised_at=now - timedelta(minutes=60 - n)) for n in range(30)]
    first = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(per_page=25))
    assert first.total == 30 and first.pages == 2 and len(first.rows) == 25
    assert ids(first) == [a.public_id for a in made[:25]]
    second = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(page=2))
    assert ids(second) == [a.public_id for a in made[25:]]
    assert first.counts["open"] == 30 and first.counts["new"] == 30


def test_the_queue_sorts_newest_first(db):
    now = datetime.now(UTC)
    old = alert(db, raised_at=now - timedelta(hours=2))
    new = alert(db, raised_at=now - timedelta(minutes=1))
    page = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(newest_first=True))
    assert ids(page) == [new.public_id, old.public_id]


def test_a_page_beyond_the_last_shows_the_last(db):
    alert(db)
    page = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(page=99))
    assert page.page == 1 and len(page.rows) == 1


def test_the_queue_filters_by_status_open_and_all(db):
    kept = alert(db)
    done = alert(db)
    alerts.move(db, EVERYONE, public_id=done.public_id, to=AlertStatus.referred, note=None)
    assert ids(alerts.queue(db, EVERYONE, wanted=alerts.Wanted())) == [kept.public_id]
    referred = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(status="referred"))
    assert ids(referred) == [done.public_id]
    assert alerts.queue(db, EVERYONE, wanted=alerts.Wanted(status="all")).total == 2


def test_the_queue_filters_by_team(db):
    north = alert(db, team="north")
    alert(db, team="south")
    team_id = factories.team(db, "north").id
    page = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(team_id=team_id))
    assert ids(page) == [north.public_id]


def test_the_queue_filters_by_concern(db):
    neglect = alert(db, categories=["neglect", "emotional_abuse"])
    alert(db, categories=["physical_abuse"])
    page = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(category="neglect"))
    assert ids(page) == [neglect.public_id]
    # A category's name is matched whole, not as part of another's.
    assert alerts.queue(db, EVERYONE, wanted=alerts.Wanted(category="abuse")).total == 0


def test_the_queue_filters_to_those_who_asked_for_help(db):
    asked = alert(db, source=AlertSource.child_request)
    alert(db)
    both = alert(db, source=AlertSource.both, categories=[ASKED_FOR_HELP, "neglect"])
    page = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(child_request=True))
    assert sorted(ids(page)) == sorted([asked.public_id, both.public_id])


def test_a_manager_sees_only_their_teams_in_the_queue_and_its_counts(db):
    mine = alert(db, team="north")
    alert(db, team="south")
    alert(db, team=None)  # anonymous: council-wide, not one team's
    page = alerts.queue(db, manager(db, "north"), wanted=alerts.Wanted(status="all"))
    assert ids(page) == [mine.public_id] and page.counts["all"] == 1


def test_a_practitioner_cannot_list_alerts(db):
    with pytest.raises(Forbidden):
        alerts.queue(db, factories.scope_of(Role.practitioner), wanted=alerts.Wanted())


def test_referring_a_new_alert_is_one_step_and_records_the_acknowledgement(db):
    made = alert(db)
    alerts.move(db, EVERYONE, public_id=made.public_id, to=AlertStatus.referred, note="MASH 12")
    _, events = alerts.get(db, EVERYONE, public_id=made.public_id)
    assert [e.status for e in events] == [
        AlertStatus.new,
        AlertStatus.acknowledged,
        AlertStatus.referred,
    ]
    assert events[1].actor_label == events[2].actor_label == EVERYONE.label
    assert events[2].note == "MASH 12" and events[1].note is None


def test_no_further_action_from_new_then_close_later(db):
    made = alert(db)
    alerts.move(db, EVERYONE, public_id=made.public_id, to=AlertStatus.no_further_action, note="x")
    alerts.move(db, EVERYONE, public_id=made.public_id, to=AlertStatus.closed, note=None)
    _, events = alerts.get(db, EVERYONE, public_id=made.public_id)
    assert [e.status.value for e in events] == [
        "new",
        "acknowledged",
        "no_further_action",
        "closed",
    ]


def test_a_new_alert_still_cannot_be_closed_at_once(db):
    made = alert(db)
    with pytest.raises(Conflict):
        alerts.move(db, EVERYONE, public_id=made.public_id, to=AlertStatus.closed, note=None)


def test_assigning_to_me_sets_the_owner_and_notes_it_once(db):
    made = alert(db)
    me = manager(db, "north")
    alerts.assign_to_me(db, me, public_id=made.public_id)
    alerts.assign_to_me(db, me, public_id=made.public_id)
    row = alerts.row(db, me, public_id=made.public_id)
    assert row.alert.owner_user_id == me.user_id and row.alert.assigned_at is not None
    assert row.owner is not None
    _, events = alerts.get(db, me, public_id=made.public_id)
    assert [e.note for e in events].count(f"Assigned to {me.label}") == 1


def test_a_manager_of_another_team_cannot_take_an_alert_on(db):
    made = alert(db, team="south")
    with pytest.raises(NotFound):
        alerts.assign_to_me(db, manager(db, "north"), public_id=made.public_id)


def test_the_queue_shows_the_owner(db):
    made = alert(db)
    me = manager(db, "north")
    alerts.assign_to_me(db, me, public_id=made.public_id)
    (row,) = alerts.queue(db, EVERYONE, wanted=alerts.Wanted()).rows
    assert row.owner == db.get(StaffUser, me.user_id).display_name


def test_the_status_counts_follow_the_other_filters_chosen(db):
    """ "Open (1)" beside "0 alerts" for the team chosen would contradict itself."""
    alert(db, team="north")
    south = factories.team(db, "south").id
    page = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(status="open", team_id=south))
    assert page.total == 0 and page.counts["open"] == 0 and page.counts["all"] == 0
    everywhere = alerts.queue(db, EVERYONE, wanted=alerts.Wanted(status="open"))
    assert everywhere.counts["open"] == 1
