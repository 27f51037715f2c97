"""A council's own labels from the command line: learn from a file, cross-validate a file, and
the NHS comments written as one."""

import csv
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from analysis.base_model import BaseModel
from api.answer_analysis import service as answer_analysis
from api.cli import app
from api.models import AnswerTheme, LearnedModel
from tests import factories
from tests.analysis.test_council_evaluation import history

runner = CliRunner()


@pytest.fixture
def cli_db(fresh_database, use_database):
    use_database(fresh_database)
    return fresh_database


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_learn_from_a_file_stores_an_active_council_model_the_analysis_uses(cli_db, tmp_path):
    result = runner.invoke(app, ["learn", "--from", str(write(tmp_path / "h.jsonl", history()))])
    assert result.exit_code == 0, result.output
    assert "56 answers (56 from the file, 0 reviewed)" in result.stdout
    with Session(cli_db.engine) as session, session.begin():
        row = session.scalars(select(LearnedModel).where(LearnedModel.active)).one()
        assert row.parameters is None and row.model_npz
        assert "communication:any" in BaseModel.from_bytes(row.model_npz).theme_labels
        stored = factories.response(
            session,
            survey="parent-carer",
            answers={"one_thing_to_change": "honestly the duty desk was a brick wall"},
        ).response
        answer_analysis.analyse_response(session, response_id=stored.id)
        tags = session.scalars(select(AnswerTheme).where(AnswerTheme.response_id == stored.id))
        assert ("communication", "negative", "council") in {
            (t.theme, t.polarity, t.source) for t in tags
        }
        session.rollback()


def test_learn_from_a_bad_file_names_the_line_and_stores_nothing(cli_db, tmp_path):
    rows = [*history()[:3], {"id": "x", "text": "kind", "themes": ["kindness"]}]
    result = runner.invoke(app, ["learn", "--from", str(write(tmp_path / "bad.jsonl", rows))])
    assert result.exit_code == 1
    assert "line 4: unknown theme 'kindness'" in result.output
    assert "Traceback" not in result.output
    with Session(cli_db.engine) as session:
        assert session.scalar(select(LearnedModel)) is None


def test_evaluate_cross_validate_prints_one_json_object(tmp_path):
    path = write(tmp_path / "h.jsonl", history())
    result = runner.invoke(app, ["evaluate", "--cross-validate", str(path), "--folds", "3"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert {
        "theme_macro_f1",
        "per_theme",
        "sentiment_accuracy",
        "items",
        "folds",
        "seconds",
        "without_council",
    } <= set(printed)
    assert set(printed["without_council"]) >= {"theme_macro_f1", "per_theme", "sentiment_accuracy"}
    assert printed["folds"] == 3


def test_evaluate_cross_validate_refuses_more_folds_than_answers(tmp_path):
    path = write(tmp_path / "h.jsonl", history()[:4])
    result = runner.invoke(app, ["evaluate", "--cross-validate", str(path), "--folds", "5"])
    assert result.exit_code == 1
    assert "--folds is between 2 and the number of answers (4)" in result.output


def test_the_nhs_file_is_written_as_a_labelled_file(tmp_path):
    nhs = tmp_path / "nhs"
    nhs.mkdir()
    header = [
        "Comment ID",
        "FFT question",
        "FFT answer",
        "Comment sentiment",
        "Labelling not possible",
        "Staff continuity",
        "Timeliness of care",
    ]
    lines = [
        header,
        ["c1", "How could we\nimprove?", "Same nurse each time please", "4", "0", "1", "0"],
        ["c2", "FFT Why?", "", "1", "0", "0", "0"],
        ["c3", "FFT Why?", "ok", "3", "1", "0", "0"],
        ["c4", "What was good?", "Seen quickly", "1", "0", "0", "1"],
    ]
    with (nhs / "v6framework_230831.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    out = tmp_path / "nhs.jsonl"
    result = runner.invoke(app, ["model", "nhs-to-labelled", "--nhs", str(nhs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [
        {
            "id": "c1",
            "text": "Same nurse each time please",
            "question": "How could we improve?",
            "themes": ["consistency"],
            "sentiment": "negative",
        },
        {
            "id": "c4",
            "text": "Seen quickly",
            "question": "What was good?",
            "themes": ["timeliness"],
            "sentiment": "positive",
        },
    ]
