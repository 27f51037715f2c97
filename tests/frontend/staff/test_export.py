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


def test_the_responses_download_is_streamed_with_the_lists_filters(client, db):
    seed(db, 2)
    other = factories.response(
        db, team="south", answers=factories.parent_answers(one_thing_to_change="Nobody rang")
    )
    answer_analysis.analyse_response(db, response_id=other.response.id)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    url = "/staff/export/responses.csv?survey=parent-carer&period=month&team=south&q=rang"
    with client.stream("GET", url) as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers  # streamed, not built whole
        assert "attachment" in response.headers["content-disposition"]
        body = b"".join(response.iter_bytes())
    header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header[:3] == ["response_id", "submitted_at", "submitted_on"]
    assert "themes" in header and "feeling" in header and "theme_labels" in header
    assert [r[0] for r in rows] == [other.response.public_id]
    audited = db.scalar(select(AuditEvent).where(AuditEvent.action == "responses.export"))
    assert audited is not None and audited.detail["filters"]["team"] == "south"


def test_the_export_page_carries_the_filters_into_every_download(client, db):
    officer = factories.staff_user(db, Role.rights_team, teams=["north"])
    signed_in(client, officer.email)
    page = client.get("/staff/export?period=12m&team=north&theme=reliability&alert=no").text
    for name, value in (("period", "12m"), ("team", "north"), ("theme", "reliability")):
        assert page.count(f'<input type="hidden" name="{name}" value="{value}">') == 3
    assert "the other filters do not narrow them" in page
    assert client.get("/staff/export/themes.csv?period=12m&rating=1-2").status_code == 422
    themes = client.get("/staff/export/themes.csv?period=12m&theme=reliability&polarity=negative")
    assert themes.status_code == 200


def test_two_teams_export_both_and_the_page_carries_both(client, db):
    for team in ("north", "south", "west"):
        stored = factories.response(
            db, team=team, answers=factories.parent_answers(one_thing_to_change="Nobody rang")
        )
        answer_analysis.analyse_response(db, response_id=stored.response.id)
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get("/staff/export?period=month&team=north&team=south").text
    for team in ("north", "south"):
        assert page.count(f'<input type="hidden" name="team" value="{team}">') == 3
    body = client.get(
        "/staff/export/responses.csv?survey=parent-carer&period=month&team=north&team=south"
    ).content
    header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    teams = sorted(row[header.index("team")] for row in rows)
    assert teams == ["north", "south"]
