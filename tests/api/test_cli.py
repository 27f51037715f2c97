"""The yousaid command, run as a council's operator would, against a real database."""

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from api.demo.load import DEMO_PASSWORD

runner = CliRunner()
# The published figures from 238 parents (Wokingham scrutiny report, Signs of Safety study).
WOKINGHAM = {
    "listened_to": 82,
    "does_what_they_say": 73,
    "clear_about_concerns": 85,
    "agreed_with_concerns": 79,
    "involved_in_plans": 79,
    "agreed_with_plans": 76,
    "cared_about_solving": 81,
    "time_with_children": 73,
}
PARENTS = 238


@pytest.fixture
def cli_db(fresh_database, use_database):
    use_database(fresh_database)
    return fresh_database


def yousaid(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def write_wokingham_csv(path: Path) -> None:
    """238 parents whose agreement is correlated across statements, as the study found."""
    agreeing = {key: round(PARENTS * pct / 100) for key, pct in WOKINGHAM.items()}
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["submitted_at", "audience", "collection_point", "team", *WOKINGHAM])
        for parent in range(PARENTS):
            # The first parents agree with everything; agreement thins out down the list.
            row = []
            for key in WOKINGHAM:
                if parent < agreeing[key]:
                    row.append("Strongly agree" if parent % 2 else "4")
                else:
                    row.append(["1", "Disagree", "Neither agree nor disagree"][parent % 3])
            writer.writerow(["2016-07-15", "parent_carer", "closure", "wokingham-cs", *row])


def test_importing_the_wokingham_parents_reproduces_the_published_figures(cli_db, tmp_path):
    path = tmp_path / "wokingham.csv"
    write_wokingham_csv(path)
    out = yousaid("import", "responses", str(path), "--survey", "parent-carer", "--create-teams")
    assert "Stored 238 responses" in out
    report = json.loads(
        yousaid("report", "statements", "--survey", "parent-carer", "--format", "json")
    )
    figures = {s["key"]: s for s in report["statements"]}
    assert {key: round(figures[key]["top_two_box_pct"]) for key in WOKINGHAM} == WOKINGHAM
    assert all(figures[key]["n"] == PARENTS for key in WOKINGHAM)


def test_a_bad_import_fails_with_line_numbers_and_stores_nothing(cli_db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "submitted_at,audience,collection_point,team,listened_to\n"
        "2025-01-01,parent_carer,closure,x,5\n"
        "2025-01-02,parent_carer,closure,x,eleven\n"
    )
    result = runner.invoke(
        app, ["import", "responses", str(path), "--survey", "parent-carer", "--create-teams"]
    )
    assert result.exit_code == 1
    assert "line 3" in result.stderr and "nothing was stored" in result.stderr
    report = json.loads(
        yousaid("report", "statements", "--survey", "parent-carer", "--format", "json")
    )
    assert report["statements"][0]["n"] == 0


def test_report_as_a_table_reads_well(cli_db, tmp_path):
    path = tmp_path / "wokingham.csv"
    write_wokingham_csv(path)
    yousaid("import", "responses", str(path), "--survey", "parent-carer", "--create-teams")
    table = yousaid("report", "statements", "--survey", "parent-carer", "--by", "team")
    assert "team: wokingham-cs" in table
    assert " 81.9%" in table and "I felt listened to and understood" in table


def test_users_and_tokens_are_created_from_the_command_line(cli_db):
    yousaid("demo", "--responses", "20")
    out = yousaid(
        "users",
        "create",
        "--email",
        "Jo@Council.example",
        "--role",
        "manager",
        "--team",
        "front-door",
    )
    assert "jo@council.example (manager)" in out and "First password:" in out
    token = yousaid("tokens", "create", "--email", "jo@council.example").strip()
    assert token.startswith("ys_")


def test_a_forgotten_password_is_reset_from_the_command_line(cli_db):
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from api.accounts import signin
    from api.models import StaffUser

    yousaid("users", "create", "--email", "a@b.example", "--role", "admin")
    out = yousaid("users", "reset-password", "--email", "a@b.example")
    temporary = out.rsplit(": ", 1)[1].strip()
    with Session(cli_db.engine) as session:
        result = signin.sign_in(session, email="a@b.example", password=temporary)
        user = session.scalar(select(StaffUser))
    assert result.outcome is signin.Outcome.must_change_password and user.must_change_password


def test_a_manager_without_a_team_is_refused_clearly(cli_db):
    result = runner.invoke(app, ["users", "create", "--email", "a@b.example", "--role", "manager"])
    assert result.exit_code == 1
    assert "--team" in result.stderr


def test_the_demo_loads_once(cli_db):
    assert "Loaded 60 demo responses" in yousaid("demo", "--responses", "60")
    assert "already loaded" in yousaid("demo", "--if-empty")
    # The sign-in `make run` prints works for the demo's rights officer.
    from sqlalchemy.orm import Session

    from api.accounts import service as accounts

    with Session(cli_db.engine) as session:
        officer = accounts.user_by_email(session, "rights.officer@demo.yousaid.local")
        assert accounts.verify_password(officer, DEMO_PASSWORD)


def test_the_demos_older_possible_concerns_are_read_and_the_last_few_days_wait(cli_db):
    from datetime import UTC, datetime

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from api.demo.load import STILL_TO_READ
    from api.models import PossibleConcern
    from api.models.enums import ConcernStatus

    yousaid("demo", "--responses", "120")
    with Session(cli_db.engine) as session:
        concerns = session.scalars(select(PossibleConcern)).all()
    assert concerns, "a year of children's answers leaves some for a person to read"
    cutoff = datetime.now(UTC) - STILL_TO_READ
    for concern in concerns:
        said = (
            concern.said_at.replace(tzinfo=UTC)
            if concern.said_at.tzinfo is None
            else concern.said_at
        )
        assert (concern.status is ConcernStatus.read) == (said < cutoff)


def test_export_writes_csv_to_a_file(cli_db, tmp_path):
    yousaid("demo", "--responses", "40")
    target = tmp_path / "out.csv"
    yousaid("export", "responses", "--survey", "parent-carer", "--output", str(target))
    with target.open(newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:4] == ["submitted_at", "audience", "collection_point", "team"]
    assert len(rows) > 5


def test_a_bad_date_is_a_friendly_error(cli_db):
    result = runner.invoke(
        app, ["report", "statements", "--survey", "parent-carer", "--from", "May"]
    )
    assert result.exit_code == 1
    assert "not a date" in result.stderr


def test_migrate_is_safe_to_run_again(cli_db):
    assert "up to date" in yousaid("migrate")


def test_analyse_reads_json_lines_and_writes_one_line_each():
    lines = "\n".join(
        [
            '{"id": 1, "text": "He never rings back", "question": "one_thing_to_change"}',
            '{"id": "b", "text": "I dont feel safe at home", "audience": "young_person"}',
        ]
    )
    result = runner.invoke(app, ["analyse"], input=lines)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == 1 and first["themes"][0]["id"] == "communication"
    assert first["themes"][0]["source"] == "rules"
    assert first["safeguarding"]["level"] != "alert" and first["safeguarding"]["flag"] is False
    assert 0 <= first["safeguarding"]["score"] <= 1
    assert second["safeguarding"]["flag"] is True
    assert second["safeguarding"]["level"] == "alert"  # flag is true exactly for alert


def test_analyse_reports_a_bad_line_and_carries_on(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('not json\n{"id": 2, "text": "Nothing"}\n')
    result = runner.invoke(app, ["analyse", "--input", str(path)])
    assert result.exit_code == 1
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert outputs[0]["line"] == 1 and "error" in outputs[0]
    assert outputs[1]["id"] == 2


def test_recount_brings_the_tallies_up_to_date(cli_db):
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from api.models import ResponseTally, TallyMark

    yousaid("demo", "--responses", "30")
    out = yousaid("recount")
    assert out.startswith("Recounted ") and not out.startswith("Recounted 0")
    with Session(cli_db.engine) as session:
        assert session.scalar(select(func.count()).select_from(TallyMark)) == 0
        assert session.scalar(select(func.sum(ResponseTally.responses))) == 30
    assert "Marked" in yousaid("recount", "--all")
