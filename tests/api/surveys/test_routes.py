"""The reference lists staff systems read: teams with their Welsh names."""

from __future__ import annotations

from api.models.enums import Role
from tests import factories


def test_the_teams_list_gives_each_teams_welsh_name(client, db):
    factories.team(db, "north-cin").name_cy = "Plant mewn Angen y Gogledd"
    factories.team(db, "south-cin")
    db.flush()
    teams = client.get("/api/v1/teams", headers=factories.auth(db, Role.rights_team)).json()
    named = {t["slug"]: t["name_cy"] for t in teams}
    assert named == {"north-cin": "Plant mewn Angen y Gogledd", "south-cin": None}
