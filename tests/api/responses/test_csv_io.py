"""CSV import and export: years of old results in, the same format out."""

import csv
import io

import pytest
from sqlalchemy import func, select

from api.accounts.scope import Scope
from api.core.errors import InvalidInput
from api.models import Answer, AuditEvent, Response, Team
from api.responses.csv_io import export_responses, guard_cell, import_responses, unguard_cell
from tests import factories

CLI = Scope.system("cli")
HEADER = (
    "submitted_at,audience,collection_point,team,"
    "listened_to,does_what_they_say,one_thing_to_change\n"
)


def run_import(db, text, **options):
    return import_responses(db, CLI, source=io.StringIO(text), survey_key="parent-carer", **options)


def count(db, model=Response):
    return db.scalar(select(func.count()).select_from(model))


def test_lines_with_numbers_labels_and_blanks_are_imported(db):
    factories.team(db, "front-door")
    report = run_import(
        db,
        HEADER
        + "2025-03-01,parent_carer,closure,front-door,5,Agree,Nothing\n"
        + "2025-03-02T10:15:00,parent_carer,front_door,front-door,strongly disagree,,\n"
        + "2025-03-03,parent_carer,closure,front-door,Does not apply,Cytuno'n gryf,\n",
    )
    assert (report.stored, report.errors) == (3, [])
    values = sorted(
        (a.scale_value or 0, a.not_applicable) for a in db.scalars(select(Answer)) if a.text is None
    )
    assert values == [(0, True), (1, False), (4, False), (5, False), (5, False)]


def test_one_bad_line_stores_nothing_and_every_error_has_its_line_number(db):
    factories.team(db, "front-door")
    report = run_import(
        db,
        HEADER
        + "2025-03-01,parent_carer,closure,front-door,5,4,\n"
        + "yesterday,parent_carer,closure,front-door,5,4,\n"
        + "2025-03-03,parent_carer,closure,front-door,7,4,\n"
        + "2025-03-04,grandparent,closure,front-door,5,4,\n",
    )
    assert [line for line, _ in report.errors] == [3, 4, 5]
    assert "submitted_at" in report.errors[0][1]
    assert "listened_to" in report.errors[1][1]
    assert "audience" in report.errors[2][1]
    assert count(db) == 0 and count(db, Answer) == 0


def test_skip_invalid_stores_the_good_lines(db):
    factories.team(db, "front-door")
    report = run_import(
        db,
        HEADER
        + "2025-03-01,parent_carer,closure,front-door,5,4,\n"
        + "bad,parent_carer,closure,front-door,5,4,\n",
        skip_invalid=True,
    )
    assert report.stored == 1 and len(report.errors) == 1
    assert count(db) == 1


def test_unknown_teams_are_refused_unless_asked_to_create_them(db):
    line = "2025-03-01,parent_carer,closure,new-team,5,4,\n"
    refused = run_import(db, HEADER + line)
    assert "--create-teams" in refused.errors[0][1]
    assert db.scalar(select(Team).where(Team.slug == "new-team")) is None
    created = run_import(db, HEADER + line, create_teams=True)
    assert created.stored == 1 and created.teams_created == ["new-team"]


def test_importing_the_same_file_twice_stores_it_once(db):
    factories.team(db, "front-door")
    text = HEADER + "2025-03-01,parent_carer,closure,front-door,5,4,\n"
    run_import(db, text)
    again = run_import(db, text)
    assert (again.stored, again.already_stored) == (0, 1)
    assert count(db) == 1


def test_a_header_naming_unknown_questions_is_refused(db):
    with pytest.raises(InvalidInput, match="shoe_size"):
        run_import(db, "submitted_at,audience,collection_point,team,shoe_size\n")


def test_a_header_missing_required_columns_is_refused(db):
    with pytest.raises(InvalidInput, match="missing columns"):
        run_import(db, "submitted_at,listened_to\n")


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_cells_are_guarded_and_unguarded(cell):
    guarded = guard_cell(cell)
    assert guarded.startswith("'")
    assert unguard_cell(guarded) == cell


def test_export_writes_the_import_format_with_guarded_cells_and_round_trips(db):
    factories.team(db, "front-door")
    nasty = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script>'
    factories.response(
        db, team="front-door", answers=factories.parent_answers(one_thing_to_change=nasty)
    )
    rows = list(export_responses(db, CLI, survey_key="parent-carer", raw=True))
    header, line = rows
    assert header[:6] == [
        "submitted_at",
        "audience",
        "collection_point",
        "team",
        "channel",
        "language",
    ]
    exported = dict(zip(header, line, strict=True))
    assert exported["one_thing_to_change"] == "'" + nasty
    assert exported["agreed_with_plans"] == "not_applicable"
    assert db.scalar(select(AuditEvent.action)) == "responses.export_raw"

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    db.execute(Answer.__table__.delete())
    db.execute(Response.__table__.delete())
    report = run_import(db, buffer.getvalue())
    assert report.stored == 1, report.errors
    text = db.scalar(select(Answer.text).where(Answer.text.like("=HYPERLINK%")))
    assert text == nasty


def test_exported_free_text_is_redacted_unless_raw_is_asked_for(db):
    factories.response(
        db, answers=factories.parent_answers(one_thing_to_change="Call Sarah on 07700 900123")
    )
    header, line = export_responses(db, CLI, survey_key="parent-carer")
    exported = dict(zip(header, line, strict=True))
    assert exported["one_thing_to_change"] == "Call [name] on [phone]"
    assert db.scalar(select(AuditEvent.action)) == "responses.export"


def test_a_role_without_raw_access_cannot_export_raw(db):
    from api.core.errors import Forbidden
    from api.models.enums import Role

    practitioner = Scope(role=Role.practitioner, label="p", team_ids=frozenset({1}))
    with pytest.raises(Forbidden):
        list(export_responses(db, practitioner, survey_key="parent-carer", raw=True))
