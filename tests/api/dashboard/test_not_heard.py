"""Who we are not hearing, counted: caseload, invited, reached and answered by group, within
the reader's teams, and the groups well below the rest."""

from datetime import UTC, date, datetime, timedelta

from api.accounts.scope import Scope
from api.dashboard import not_heard
from api.models.enums import AgeBand, Audience, Role
from api.responses.filters import ResponseFilters
from tests import caseload

TODAY = datetime.now(UTC).date()


def counted(db, scope, **filters):
    return not_heard.for_scope(
        db,
        scope,
        start=TODAY - timedelta(days=30),
        end=TODAY,
        filters=ResponseFilters(**filters),
    )


def test_young_people_who_answer_far_less_than_parents_are_named(db):
    caseload.contacts(
        db,
        team="north",
        named=60,
        invited=50,
        responded=3,
        audience=Audience.young_person,
        age_band=AgeBand.age_13_17,
    )
    caseload.contacts(
        db, team="north", named=110, invited=100, responded=31, age_band=AgeBand.age_13_17
    )
    found = counted(db, Scope(role=Role.admin, label="admin"))
    audiences = {g.group: g for g in found.dimension("audience_point")}
    young = audiences["young_person|closure"]
    assert (young.caseload, young.invited, young.reached, young.responded) == (60, 50, 50, 3)
    assert found.caseload == 170
    [gap] = [g for g in found.gaps if g.dimension == "audience_point"]
    assert (gap.group, gap.pct, gap.rest_pct) == ("young_person|closure", 6.0, 31.0)
    # Both audiences are the one age band: nothing to compare there.
    assert [g.group for g in found.dimension("age_band")] == ["13-17"]


def test_a_manager_counts_only_their_teams_caseload(db):
    caseload.contacts(db, team="north", named=5, invited=4, responded=1)
    caseload.contacts(db, team="south", named=7, invited=7, responded=2)
    manager = Scope(role=Role.manager, label="m", team_ids=frozenset({_team_id(db, "north")}))
    found = counted(db, manager)
    assert [(g.group, g.caseload) for g in found.dimension("team")] == [("north", 5)]


def test_the_pages_filters_narrow_the_caseload(db):
    caseload.contacts(db, team="north", named=3, invited=3, responded=0)
    caseload.contacts(db, team="south", named=4, invited=4, responded=0)
    found = counted(db, Scope(role=Role.admin, label="admin"), team=("south",))
    assert found.caseload == 4


def test_case_events_outside_the_period_are_not_counted(db):
    long_ago = datetime.combine(TODAY - timedelta(days=90), datetime.min.time(), UTC)
    caseload.contacts(db, team="north", named=3, invited=3, responded=1, occurred_at=long_ago)
    assert counted(db, Scope(role=Role.admin, label="admin")).groups == ()


def test_characteristics_are_their_own_dimensions(db):
    caseload.contacts(
        db, team="north", named=4, invited=2, responded=1, characteristics={"disability": "yes"}
    )
    found = counted(db, Scope(role=Role.admin, label="admin"))
    [group] = found.dimension("characteristic:disability")
    assert (group.group, group.caseload, group.invited, group.responded) == ("yes", 4, 2, 1)
    assert found.dimensions[-1] == "characteristic:disability"


def _team_id(db, slug):
    from sqlalchemy import select

    from api.models import Team

    return db.scalar(select(Team.id).where(Team.slug == slug))


def test_an_empty_period_has_no_groups(db):
    found = not_heard.for_scope(
        db,
        Scope(role=Role.admin, label="admin"),
        start=date(2020, 1, 1),
        end=date(2020, 1, 31),
        filters=ResponseFilters(),
    )
    assert found.groups == () and found.gaps == () and found.caseload == 0


def test_age_bands_come_youngest_first_not_as_text():
    from analysis.response_gaps import GroupCounts
    from api.dashboard.not_heard import _order

    bands = ["13-17", "18+", "0-4", "8-12", "5-7"]
    groups = [GroupCounts("age_band", b, 10, 10, 10, 1) for b in bands]
    ordered = [g.group for g in sorted(groups, key=_order)]
    assert ordered == ["0-4", "5-7", "8-12", "13-17", "18+"]
