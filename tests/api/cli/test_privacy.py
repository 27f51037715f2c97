"""`yousaid retention run` and `yousaid subject-access export|erase` on a real database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.cli import app
from api.models import Answer, AuditEvent, Invitation, RetentionRun
from tests.api.retention.people import PHONE, WORDS, answered, invited

runner = CliRunner()


def test_retention_run_dry_then_for_real_prints_counts(fresh_database, use_database):
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        answered(session, days_ago=800)
    dry = runner.invoke(app, ["retention", "run", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would change" in dry.output and "free text: 2" in dry.output
    with Session(fresh_database.engine) as session:
        assert session.scalar(select(Answer.text).where(Answer.text == WORDS)) == WORDS
    done = runner.invoke(app, ["retention", "run"])
    assert done.exit_code == 0, done.output
    assert "Changed" in done.output and "free text: 2" in done.output
    with Session(fresh_database.engine) as session:
        assert session.scalar(select(Answer.text).where(Answer.text == WORDS)) is None
        runs = session.scalars(select(RetentionRun).order_by(RetentionRun.id)).all()
        assert [r.dry_run for r in runs] == [True, False]
        assert all(r.finished_at for r in runs)


def test_subject_access_export_then_erase_with_confirmation(fresh_database, use_database, tmp_path):
    use_database(fresh_database)
    with Session(fresh_database.engine) as session, session.begin():
        parent = invited(session)
        parent.ended_at = datetime.now(UTC) - timedelta(days=1)
        answered(session, parent)
        parent_id = parent.id
    out = tmp_path / "copy.json"
    made = runner.invoke(
        app, ["subject-access", "export", "--phone", PHONE, "--format", "json", "--out", str(out)]
    )
    assert made.exit_code == 0, made.output
    assert json.loads(out.read_text())["counts"]["responses"] == 1
    unsure = runner.invoke(app, ["subject-access", "erase", "--phone", PHONE])
    assert unsure.exit_code == 1 and "--yes-erase" in unsure.output
    erased = runner.invoke(app, ["subject-access", "erase", "--phone", PHONE, "--yes-erase"])
    assert erased.exit_code == 0, erased.output
    assert "answers words removed" in erased.output
    with Session(fresh_database.engine) as session:
        assert session.get(Invitation, parent_id).phone_encrypted is None
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        assert actions[-2:] == ["subject_access.export", "subject_access.erase"]


def test_subject_access_needs_exactly_one_key(fresh_database, use_database):
    use_database(fresh_database)
    both = runner.invoke(
        app, ["subject-access", "export", "--phone", PHONE, "--case-ref", "CASE-1"]
    )
    assert both.exit_code == 1 and "one of --phone" in both.output
    bad = runner.invoke(app, ["subject-access", "export", "--phone", "not a phone"])
    assert bad.exit_code == 1 and "mobile number" in bad.output
