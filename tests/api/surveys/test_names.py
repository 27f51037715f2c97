"""The one vocabulary names teams, collection points and forums in Welsh where the council
gave a Welsh name, and in English until it has."""

from __future__ import annotations

from sqlalchemy import select

from api.forums import service as forums
from api.models import Forum
from api.surveys import names
from api.surveys import service as surveys
from tests import factories


def test_teams_have_their_welsh_names_in_welsh_and_english_ones_otherwise(db):
    factories.team(db, "assessment").name_cy = "Tîm Asesu"
    factories.team(db, "front-door")
    db.flush()
    assert names.teams(db)["assessment"] == "Assessment"
    welsh = names.teams(db, "cy")
    assert welsh["assessment"] == "Tîm Asesu" and welsh["front-door"] == "Front Door"
    assert names.team(db, "assessment", "cy") == "Tîm Asesu"
    assert names.team(db, "no-such-team", "cy") is None


def test_a_retired_team_is_not_named_on_a_public_page(db):
    factories.team(db, "old-team").active = False
    db.flush()
    assert names.team(db, "old-team") is None


def test_collection_points_are_named_in_welsh(db):
    surveys.sync_library(db)
    assert names.points(db, "cy")["closure"] != names.points(db)["closure"]


def test_the_demo_forums_have_welsh_names(db):
    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(db, slug)
    forums.sync_file(db, forums.DEMO_FORUMS)
    welsh = names.forums(db, "cy")
    assert welsh["practice-leaders"] == "Fforwm arweinwyr ymarfer"
    assert names.forums(db)["practice-leaders"] == "Practice leaders forum"
    row = db.scalar(select(Forum).where(Forum.key == "practice-leaders"))
    assert forums.read(row).name_cy == "Fforwm arweinwyr ymarfer"
