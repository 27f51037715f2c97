"""The Overview's "Who we are not hearing", for each role: gaps in plain words, small groups
through the one suppression function (decision 33), Welsh for a Welsh reader."""

from __future__ import annotations

import re

from api.models.enums import AgeBand, Audience, Role
from tests import caseload, factories
from tests.staff_pages import signed_in


def section(page: str) -> str:
    found = re.search(r'<section aria-labelledby="h-not-heard".*?</section>', page, re.S)
    assert found, "no section"
    return found.group(0)


def young_people_unheard(db):
    caseload.contacts(
        db,
        team="north",
        named=60,
        invited=50,
        responded=3,
        audience=Audience.young_person,
        age_band=AgeBand.age_13_17,
    )
    caseload.contacts(db, team="north", named=110, invited=100, responded=31)
    # A small team: three people named, two invited, one answered.
    caseload.contacts(db, team="east", named=3, invited=2, responded=1)


def test_a_manager_reads_the_gap_in_plain_words_and_exact_counts(client, db):
    young_people_unheard(db)
    manager = factories.staff_user(db, Role.manager, teams=["north", "east"])
    page = section(signed_in(client, manager.email).get("/staff?period=month").text)
    assert (
        "Children and young people, Case closure: 6% of those invited answered, against 31%"
        " of everyone else invited (by audience and collection point)." in page
    )
    assert "well below</strong>" in page
    assert re.search(r"Aged 13 to 17</th>\s*<td class=\"num\">60</td>", page)
    # The small team: exact counts for a manager, but no rate from two invitations.
    east = re.search(r"<th scope=\"row\">East</th>(.*?)</tr>", page, re.S)
    assert east and re.findall(r"<td class=\"num\">([^<]*)</td>", east.group(1)) == [
        "3",
        "2",
        "2",
        "1",
        "too few",
        "too few",
    ]


def test_a_practitioner_sees_small_groups_as_under_five(client, db):
    young_people_unheard(db)
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north", "east"])
    page = section(signed_in(client, practitioner.email).get("/staff?period=month").text)
    east = re.search(r"<th scope=\"row\">East</th>(.*?)</tr>", page, re.S)
    assert east and re.findall(r"<td class=\"num\">([^<]*)</td>", east.group(1)) == [
        "&lt;5",
        "&lt;5",
        "&lt;5",
        "&lt;5",
        "too few",
        "too few",
    ]
    assert "6% of those invited answered" in page  # shares of 10 or more are for everyone


def test_a_manager_of_another_team_sees_none_of_it(client, db):
    young_people_unheard(db)
    manager = factories.staff_user(db, Role.manager, teams=["south"])
    page = section(signed_in(client, manager.email).get("/staff?period=month").text)
    assert "No case events named anyone in this period." in page
    assert "Children and young people" not in page


def test_a_welsh_reader_reads_the_section_in_welsh(client, db):
    young_people_unheard(db)
    manager = factories.staff_user(db, Role.manager, teams=["north", "east"])
    manager.language = "cy"
    db.flush()
    page = section(signed_in(client, manager.email).get("/staff?period=month").text)
    assert "Pwy nad ydym yn eu clywed" in page
    assert "atebodd 6% o'r rhai a wahoddwyd, o'i gymharu â 31%" in page.replace("&#39;", "'")
    assert "Rhwng 13 a 17 oed" in page


def test_every_string_of_the_section_has_welsh():
    from tests.frontend.staff.test_welsh_catalogue import _read, extracted

    catalogue = _read()
    mine = {
        m
        for m, where in extracted().items()
        if where == "not_heard.py" or "hearing" in m or "well below" in m
    }
    assert mine and mine <= set(catalogue)
