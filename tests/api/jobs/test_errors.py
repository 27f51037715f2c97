"""A failed job's error, as its readers see it: one line; the traceback is in the log."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.digests import delivery
from api.forums import service as forums
from api.jobs import queue as jobs
from api.jobs.errors import one_line
from api.models import Forum, Job
from api.models.enums import Role
from tests import factories
from tests.staff_pages import signed_in

TRACEBACK = """Traceback (most recent call last):
  File "/srv/yousaid/api/jobs/queue.py", line 139, in run_one
    function(session, dict(job.payload))
  File "/srv/yousaid/channels/email/sender.py", line 88, in send
    smtp.send_message(message)
smtplib.SMTPRecipientsRefused: {'m@council.gov.uk': (550, b'No such user')}
"""


def test_a_traceback_becomes_its_last_line():
    line = one_line(TRACEBACK)
    assert line == "smtplib.SMTPRecipientsRefused: {'m@council.gov.uk': (550, b'No such user')}"
    assert one_line("SMTP refused\nmore") == "SMTP refused"
    assert one_line("") is None and one_line(None) is None
    assert len(one_line("x" * 1000) or "") == 300


@jobs.handler("test.refused")
def _refused(session, payload):
    raise ConnectionRefusedError(111, "Connection refused")


def test_the_worker_keeps_one_line_and_logs_the_traceback(fresh_database, caplog):
    sessions = sessionmaker(fresh_database.engine)
    with Session(fresh_database.engine) as session, session.begin():
        jobs.enqueue(session, kind="test.refused", max_attempts=3)
    with caplog.at_level(logging.WARNING, logger="yousaid.jobs"):
        jobs.Worker(sessions, "t").run_until_idle()
    with Session(fresh_database.engine) as session:
        job = session.scalar(select(Job))
    assert job.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert "Traceback (most recent call last)" in caplog.text and "_refused" in caplog.text


def test_the_digest_archive_shows_readers_one_line_never_a_traceback(client, db):
    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(db, slug)
    forums.sync_file(db, forums.DEMO_FORUMS)
    managers = db.query(Forum).filter_by(key="front-door-managers").one()
    digest_id = delivery.queue(db, managers, "2026-W47")
    job = db.scalar(select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}"))
    # A row a worker wrote before errors were kept as one line.
    job.attempts, job.last_error = 2, TRACEBACK
    job.run_after = datetime(2026, 11, 23, 10, 5, tzinfo=UTC)
    db.flush()
    rights = factories.auth(db, Role.rights_team)
    [listed] = [
        d for d in client.get("/api/v1/digests", headers=rights).json() if d["id"] == digest_id
    ]
    assert listed["delivery"]["last_error"] == one_line(TRACEBACK)
    one = client.get(f"/api/v1/digests/{digest_id}", headers=rights).json()
    assert "Traceback" not in str(one) and "/srv/yousaid" not in str(one)
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get(f"/staff/digests/{digest_id}").text
    assert "No such user" in page
    assert "Traceback" not in page and "/srv/yousaid" not in page
