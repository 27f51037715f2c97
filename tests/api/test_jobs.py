"""Durable jobs: enqueued in the causing transaction, run once, retried with backoff."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.jobs import queue as jobs
from api.models import Job
from api.models.enums import JobStatus

ran: list[dict] = []


@jobs.handler("test.record")
def _record(session: Session, payload: dict) -> None:
    ran.append(payload)


@jobs.handler("test.explode")
def _explode(session: Session, payload: dict) -> None:
    raise RuntimeError("SMTP server said no")


fell_back: list[dict] = []


def _instead(session: Session, payload: dict) -> None:
    fell_back.append(payload)


@jobs.handler("test.explode_then_fall_back", failed_for_good=_instead)
def _explode_too(session: Session, payload: dict) -> None:
    raise RuntimeError("the encoder would not load")


def worker(database) -> jobs.Worker:
    return jobs.Worker(sessionmaker(bind=database.engine, expire_on_commit=False), "test-worker")


def test_a_unique_key_makes_a_repeat_harmless(db):
    assert jobs.enqueue(db, kind="test.record", unique_key="digest:forum-1:2026-W47") is not None
    assert jobs.enqueue(db, kind="test.record", unique_key="digest:forum-1:2026-W47") is None
    assert len(db.scalars(select(Job)).all()) == 1


def test_the_worker_runs_due_jobs_once(fresh_database):
    ran.clear()
    with Session(fresh_database.engine) as session, session.begin():
        jobs.enqueue(session, kind="test.record", payload={"n": 1})
        jobs.enqueue(
            session,
            kind="test.record",
            payload={"n": 2},
            run_after=datetime.now(UTC) + timedelta(hours=1),
        )
    assert worker(fresh_database).run_until_idle() == 1
    assert ran == [{"n": 1}]
    with Session(fresh_database.engine) as session:
        statuses = sorted(j.status for j in session.scalars(select(Job)))
    assert statuses == [JobStatus.done, JobStatus.queued]


def test_a_low_priority_job_waits_for_every_other_due_job(fresh_database):
    ran.clear()
    with Session(fresh_database.engine) as session, session.begin():
        jobs.enqueue(session, kind="test.record", payload={"n": "reread"}, priority=jobs.LOW)
        jobs.enqueue(session, kind="test.record", payload={"n": "alert"})
        jobs.enqueue(session, kind="test.record", payload={"n": "send"})
    assert worker(fresh_database).run_until_idle() == 3
    assert [p["n"] for p in ran] == ["alert", "send", "reread"]


def test_an_urgent_job_runs_before_an_older_backlog(fresh_database):
    ran.clear()
    with Session(fresh_database.engine) as session, session.begin():
        for n in range(3):
            jobs.enqueue(session, kind="test.record", payload={"n": f"analyse {n}"})
        jobs.enqueue(session, kind="test.record", payload={"n": "tell"}, priority=jobs.URGENT)
    worker(fresh_database).run_one()
    assert [p["n"] for p in ran] == ["tell"]


def test_a_failing_job_is_retried_later_then_given_up(fresh_database):
    with Session(fresh_database.engine) as session, session.begin():
        jobs.enqueue(session, kind="test.explode", max_attempts=2)
    runner = worker(fresh_database)
    assert runner.run_until_idle() == 1
    with Session(fresh_database.engine) as session:
        job = session.scalar(select(Job))
        assert job.status is JobStatus.queued and job.attempts == 1
        assert "SMTP server said no" in job.last_error
        assert job.run_after > datetime.now(UTC) + timedelta(seconds=20)
    with Session(fresh_database.engine) as session, session.begin():
        session.scalar(select(Job)).run_after = datetime.now(UTC)
    runner.run_until_idle()
    with Session(fresh_database.engine) as session:
        job = session.scalar(select(Job))
        assert job.status is JobStatus.failed and job.attempts == 2


def test_what_follows_a_failure_runs_once_after_the_last_attempt_only(fresh_database):
    fell_back.clear()
    with Session(fresh_database.engine) as session, session.begin():
        jobs.enqueue(
            session, kind="test.explode_then_fall_back", payload={"response_id": 7}, max_attempts=2
        )
    runner = worker(fresh_database)
    runner.run_until_idle()
    assert fell_back == []  # a retry is still to come
    with Session(fresh_database.engine) as session, session.begin():
        session.scalar(select(Job)).run_after = datetime.now(UTC)
    runner.run_until_idle()
    assert fell_back == [{"response_id": 7}]
    with Session(fresh_database.engine) as session:
        assert session.scalar(select(Job)).status is JobStatus.failed  # still shown as failed


def test_a_job_of_an_unknown_kind_fails_visibly(fresh_database):
    with Session(fresh_database.engine) as session, session.begin():
        jobs.enqueue(session, kind="nobody.handles_this", max_attempts=1)
    worker(fresh_database).run_until_idle()
    with Session(fresh_database.engine) as session:
        job = session.scalar(select(Job))
        assert job.status is JobStatus.failed and "no handler" in job.last_error


def test_backoff_grows_and_is_capped():
    assert jobs.backoff(1) == timedelta(seconds=30)
    assert jobs.backoff(2) == timedelta(minutes=2)
    assert jobs.backoff(20) == timedelta(hours=6)


def test_concurrent_workers_run_each_job_exactly_once(fresh_database):
    import threading

    ran.clear()
    with Session(fresh_database.engine) as session, session.begin():
        for n in range(30):
            jobs.enqueue(session, kind="test.record", payload={"n": n})
    threads = [threading.Thread(target=worker(fresh_database).run_until_idle) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(p["n"] for p in ran) == list(range(30))


def test_periodic_jobs_are_queued_once_a_period_however_often_asked(db):
    from api.jobs import schedule

    moment = datetime(2026, 11, 22, 10, 5, tzinfo=UTC)
    assert schedule.enqueue_due(db, moment) == len(schedule.PERIODIC)
    assert schedule.enqueue_due(db, moment + timedelta(seconds=20)) == 0
    # 10:06:05: a new minute for the tallies' recount, nothing else.
    assert schedule.enqueue_due(db, moment + timedelta(seconds=65)) == 1
    # 10:35: a new half-hour for stale forms, quarter for digests and minute for tallies; the
    # same hour for erasing contacts.
    assert schedule.enqueue_due(db, moment + timedelta(minutes=30)) == 3
