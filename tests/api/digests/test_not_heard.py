"""The digest's "Who we are not hearing": the forum's caseload over the last full quarter,
gaps in sentences in the digest's language, counts as they may leave the system."""

from datetime import UTC, datetime

from api.digests import content, render
from api.models.enums import AgeBand, Audience
from tests import caseload
from tests.api.digests.test_content import WEEK, forum, teams

__all__ = ["teams"]  # the autouse fixture, shared
IN_QUARTER = datetime(2026, 8, 12, 12, tzinfo=UTC)  # the quarter before WEEK (Jul-Sep)


def unheard_young_people(db, team="north"):
    caseload.contacts(
        db,
        team=team,
        named=60,
        invited=50,
        responded=3,
        audience=Audience.young_person,
        age_band=AgeBand.age_13_17,
        occurred_at=IN_QUARTER,
    )
    caseload.contacts(db, team=team, named=110, invited=100, responded=31, occurred_at=IN_QUARTER)


def test_a_forums_digest_names_the_group_it_is_not_hearing(db):
    unheard_young_people(db)
    built = content.build(db, forum(db, teams=["north"]), WEEK)
    heard = built.not_heard
    assert heard is not None
    assert (heard.caseload, heard.invited, heard.responded) == (170, 150, 34)
    assert heard.gaps == (
        "Children and young people, Case closure: 6% of those invited answered, against 31%"
        " of everyone else invited.",
    )
    text = render.plain(built, dashboard_url="https://yousaid.example")
    assert f"Who we are not hearing ({built.wide.label}):" in text and heard.gaps[0] in text
    html = render.html(built, dashboard_url="https://yousaid.example", brand="#1d70b8")
    assert "6% of those invited answered" in html


def test_another_teams_caseload_is_not_in_a_forums_digest(db):
    unheard_young_people(db, team="south")
    assert content.build(db, forum(db, teams=["north"]), WEEK).not_heard is None


def test_small_caseloads_leave_as_under_five(db):
    caseload.contacts(db, team="north", named=4, invited=3, responded=1, occurred_at=IN_QUARTER)
    heard = content.build(db, forum(db, teams=["north"]), WEEK).not_heard
    assert heard is not None
    assert (heard.caseload, heard.invited, heard.responded, heard.gaps) == ("<5", "<5", "<5", ())


def test_a_welsh_digest_says_it_in_welsh(db):
    unheard_young_people(db)
    row = forum(db, teams=["north"])
    from api.forums import service as forums

    definition = forums.definition_of(row).model_copy(update={"language": "cy"})
    built = content._build(db, row, definition, WEEK, "cy")
    assert built.not_heard is not None
    [gap] = built.not_heard.gaps
    assert "atebodd 6% o'r rhai a wahoddwyd, o'i gymharu â 31%" in gap
