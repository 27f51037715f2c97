"""Exports: suppressed figures, redacted words, formulas made inert, downloads audited."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.models import AuditEvent
from api.models.enums import Role
from frontend.staff import labels
from tests import factories
from tests.staff_pages import signed_in

NASTY = '=HYPERLINK("http://evil.example","click") ring Jo on 07700 900123'


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def seed(db, n=3):
    for _ in range(n):
        stored = factories.response(
            db, team="north", answers=factories.parent_answers(one_thing_to_change=NASTY)
        )
        answer_analysis.analyse_response(db, response_id=stored.response.id)


def test_statement_figures_are_suppressed(client, db):
    seed(db)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    response = client.get("/staff/export/statements.csv?survey=parent-carer&period=month")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    header, *rows = rows_of(response)
    assert header[:3] == ["statement", "wording", "answers"]
    listened = next(r for r in rows if r[0] == "listened_to")
    assert listened[2] == "<5" and listened[4] == ""  # three answers: no count, no share


def test_statement_figures_by_team_carry_the_teams_slug_and_name(client, db):
    seed(db, 12)
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    response = client.get("/staff/export/statements.csv?survey=parent-carer&period=month&by_team=1")
    header, *rows = rows_of(response)
    assert header[0] == "team" and header[-1] == "team_name"
    listened = next(r for r in rows if r[1] == "listened_to")
    assert (listened[0], listened[-1]) == ("north", "North")


def test_theme_counts_are_suppressed(client, db):
    seed(db)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    header, *rows = rows_of(client.get("/staff/export/themes.csv?period=month"))
    assert header == ["month", "team", "theme", "polarity", "mentions", "team_name", "theme_name"]
    assert rows and all(r[4] == "<5" for r in rows)
    assert {r[6] for r in rows} <= {labels.theme(r[2]) for r in rows}  # the id and its name


def test_responses_are_redacted_guarded_and_audited(client, db):
    seed(db, 1)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    response = client.get("/staff/export/responses.csv?survey=parent-carer&period=month")
    header, row = rows_of(response)
    cell = row[header.index("one_thing_to_change")]
    assert cell.startswith("'=HYPERLINK") and "07700 900123" not in cell
    assert db.scalar(select(AuditEvent.action).where(AuditEvent.action == "responses.export"))


def test_practitioners_cannot_export_and_a_survey_must_be_named(client, db):
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    assert signed_in(client, practitioner.email).get("/staff/export").status_code == 403
    client.cookies.clear()
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    assert client.get("/staff/export").status_code == 200
    assert client.get("/staff/export/responses.csv?survey=nope").status_code == 422
