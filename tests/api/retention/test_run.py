"""The daily retention run: each kind of data goes on its own clock, in committed batches,
counted and never described; nothing an open alert or an unread concern needs is touched."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.core.config import Settings
from api.jobs import schedule
from api.jobs.queue import Worker
from api.models import (
    AlertEvent,
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    AuditEvent,
    Digest,
    Forum,
    Invitation,
    Job,
    PossibleConcern,
    Response,
    RetentionRun,
    SafeguardingAlert,
)
from api.models.enums import AlertStatus, ConcernReason, ConcernStatus, JobStatus
from api.retention import run as retention
from tests.api.alerts.alerting import alert
from tests.api.retention.people import WORDS, answered, free_text_answer, invited

LONG_AGO = timedelta(days=3000)


def run_all(db):
    made = retention.start(db, actor="test")
    assert retention.carry_on(db, made.id, seconds=None)
    db.expire_all()
    return db.get(RetentionRun, made.id)


def age_analysis(db, response, by: timedelta):
    db.execute(
        AnswerAnalysis.__table__.update()
        .where(AnswerAnalysis.response_id == response.id)
        .values(analysed_at=datetime.now(UTC) - by)
    )


def test_the_raw_words_become_the_redacted_copy_after_ninety_days(db):
    response = answered(db, name="Sam Jones")
    fresh = answered(db)
    age_analysis(db, response, timedelta(days=91))
    db.get(Response, response.id).submitted_at = datetime.now(UTC) - timedelta(days=91)
    done = run_all(db)
    answer = free_text_answer(db, response)
    redacted = db.get(AnswerAnalysis, answer.id).redacted_text
    assert answer.text == redacted and "Sarah" not in redacted and "07700" not in redacted
    assert db.get(Response, response.id).respondent_name is None
    assert free_text_answer(db, fresh).text == WORDS  # only days old: still raw
    assert done.counts["raw_text"] >= 1 and done.counts["names"] == 1


def test_after_two_years_the_words_go_but_scores_choices_and_themes_stay(db):
    response = answered(db, days_ago=731)
    themes = db.scalar(
        select(func.count()).select_from(AnswerTheme).where(AnswerTheme.response_id == response.id)
    )
    scores = list(db.scalars(select(Answer.scale_value).where(Answer.response_id == response.id)))
    done = run_all(db)
    assert done.counts["free_text"] >= 1
    assert (
        db.scalar(
            select(func.count()).where(Answer.response_id == response.id, Answer.text.is_not(None))
        )
        == 0
    )
    for analysis in db.scalars(
        select(AnswerAnalysis).where(AnswerAnalysis.response_id == response.id)
    ):
        assert analysis.redacted_text == "" and all(t["evidence"] == [] for t in analysis.themes)
    assert (
        db.scalar(
            select(func.count())
            .select_from(AnswerTheme)
            .where(AnswerTheme.response_id == response.id)
        )
        == themes
    )
    assert (
        list(db.scalars(select(Answer.scale_value).where(Answer.response_id == response.id)))
        == scores
    )


def test_an_open_alert_keeps_the_words_and_the_number_until_closed_and_years_on(db, council):
    parent = invited(db)
    parent.ended_at = datetime.now(UTC) - timedelta(days=800)
    response = answered(db, parent, days_ago=800)
    age_analysis(db, response, timedelta(days=800))
    answer = free_text_answer(db, response)
    raised = alert(db, response_id=response.id, answer_id=answer.id, invitation_id=parent.id)
    run_all(db)
    assert free_text_answer(db, response).text == WORDS
    assert db.get(Invitation, parent.id).phone_encrypted is not None

    # Closed, it is still a child-protection record: the words stay, raw; the number goes.
    raised.status = AlertStatus.closed
    db.add(
        AlertEvent(
            alert_id=raised.id,
            actor_label="duty",
            status=AlertStatus.closed,
            note="Referred to MASH",
        )
    )
    db.flush()
    run_all(db)
    assert free_text_answer(db, response).text == WORDS
    assert db.get(Invitation, parent.id).phone_encrypted is None

    # Six years after closing: the alert is anonymised (still counted) and the words go.
    raised.updated_at = datetime.now(UTC) - timedelta(days=2191)
    db.flush()
    done = run_all(db)
    assert done.counts["alerts_anonymised"] == 1
    kept = db.get(SafeguardingAlert, raised.id)
    assert kept is not None and kept.anonymised_at is not None
    assert (
        db.scalar(
            select(AlertEvent.note).where(
                AlertEvent.alert_id == raised.id, AlertEvent.note.is_not(None)
            )
        )
        is None
    )
    assert db.get(Answer, answer.id).text is None


def test_an_unread_possible_concern_keeps_the_words_until_read(db):
    response = answered(db, days_ago=800)
    age_analysis(db, response, timedelta(days=800))
    answer = free_text_answer(db, response)
    concern = PossibleConcern(
        public_id=str(uuid.uuid4()),
        answer_id=answer.id,
        response_id=response.id,
        reason=ConcernReason.model,
        status=ConcernStatus.open,
        due_at=datetime.now(UTC),
    )
    db.add(concern)
    db.flush()
    run_all(db)
    assert free_text_answer(db, response).text == WORDS
    concern.status = ConcernStatus.read
    concern.read_at = datetime.now(UTC)
    db.flush()
    run_all(db)
    assert db.get(Answer, answer.id).text is None


def test_old_audit_events_go_except_an_open_alerts_and_the_run_says_only_how_many(db):
    raised = alert(db)
    old = datetime.now(UTC) - LONG_AGO
    for object_id in ("r-1", raised.public_id):
        db.add(
            AuditEvent(
                occurred_at=old,
                actor_label="x",
                action="response.view_raw",
                object_type="alert",
                object_id=object_id,
            )
        )
    db.flush()
    done = run_all(db)
    left = set(
        db.scalars(
            select(AuditEvent.object_id).where(AuditEvent.occurred_at < old + timedelta(days=1))
        )
    )
    assert left == {raised.public_id}
    assert done.counts["audit_events"] == 1 and done.finished_at is not None
    record = db.scalar(select(AuditEvent).where(AuditEvent.action == "retention.run"))
    assert record.detail == done.counts
    assert all(isinstance(n, int) for n in record.detail.values())


def test_an_old_digests_archive_is_emptied_but_the_row_stays_so_it_is_never_sent_again(db):
    forum = Forum(key=f"f-{uuid.uuid4().hex[:6]}", name="Huddle", definition={})
    db.add(forum)
    db.flush()
    digest = Digest(
        forum_id=forum.id,
        period="2023-W01",
        subject="Feedback",
        text="quote",
        html="<p>quote</p>",
        created_at=datetime.now(UTC) - timedelta(days=731),
    )
    db.add(digest)
    db.flush()
    run_all(db)
    db.refresh(digest)
    assert digest.text is None and digest.html is None and digest.subject == "Feedback"


def test_a_dry_run_counts_and_changes_nothing(db):
    response = answered(db, days_ago=731)
    run = retention.dry_run(db, actor="cli")
    assert run.dry_run and run.counts["free_text"] >= 1
    assert free_text_answer(db, response).text == WORDS
    assert db.scalar(select(AuditEvent.action).where(AuditEvent.action == "retention.dry_run"))


def test_a_run_stopped_mid_way_carries_on_and_counts_each_row_once(db, council):
    council(retention_batch_size="1")
    responses = [answered(db, days_ago=731) for _ in range(3)]
    total = db.scalar(
        select(func.count()).where(
            Answer.response_id.in_([r.id for r in responses]), Answer.text.is_not(None)
        )
    )
    began = retention.start(db, actor="worker")
    assert retention.carry_on(db, began.id, seconds=0) is False  # one batch, then "stop"
    assert db.get(RetentionRun, began.id).counts == {"free_text": 1}
    retention.run_job(db, {})  # the next slice finds the unfinished run and carries it on
    while db.get(RetentionRun, began.id).finished_at is None:
        retention.run_job(db, {"run_id": began.id})
    assert db.get(RetentionRun, began.id).counts["free_text"] == total
    assert db.scalar(select(func.count()).select_from(RetentionRun)) == 1


def test_alerts_may_not_be_kept_for_less_time_than_the_audit_trail():
    with pytest.raises(ValidationError, match="child-protection record"):
        Settings(retention_alert_days=365, retention_audit_days=2190)


def test_the_worker_runs_it_daily_once_and_in_slices(
    fresh_database, use_database, council, monkeypatch
):
    use_database(fresh_database)
    council(retention_batch_size="1")
    monkeypatch.setattr(retention, "SLICE_SECONDS", 0.0)  # a batch per slice
    with Session(fresh_database.engine) as session, session.begin():
        for _ in range(2):
            answered(session, days_ago=731)
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
    monday = datetime(2026, 12, 7, 3, tzinfo=UTC)
    for hour in (0, 5):  # two looks on the same day queue one run
        with sessions() as session, session.begin():
            schedule.enqueue_due(session, now=monday + timedelta(hours=hour))
    worker = Worker(sessions, "test-worker")
    worker.run_until_idle()
    with sessions() as session:
        runs = session.scalars(select(RetentionRun)).all()
        assert len(runs) == 1 and runs[0].finished_at is not None
        assert runs[0].counts["free_text"] == 4  # two free-text answers each
        kinds = session.execute(select(Job.kind, Job.status).where(Job.kind == retention.KIND))
        statuses = [status for _, status in kinds]
        assert len(statuses) == 5 and set(statuses) == {JobStatus.done}  # 4 batches, then the end
        assert (
            session.scalar(
                select(func.count()).where(Answer.text.is_not(None), Answer.text == WORDS)
            )
            == 0
        )
