"""Digests by email on the forums' schedules: one per forum per period, through a real SMTP
server, retried when it is down, and nothing unredacted in them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.jobs.queue import STALE_AFTER, Worker
from api.main import create_app
from api.models import Digest, Forum, Job
from api.models.enums import DigestStatus, JobStatus, Role
from tests import factories
from tests.smtp import Collector, smtp_server

ROOT = Path(__file__).resolve().parents[3]

MONDAY_AFTER = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # W47's digests are due
IN_W47 = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


@pytest.fixture
def council(fresh_database, use_database, monkeypatch):
    use_database(fresh_database)
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
    with sessions() as session, session.begin():
        for slug in ("front-door", "assessment", "children-in-care"):
            factories.team(session, slug)
        forums.sync_file(session, forums.DEMO_FORUMS)
        texts = [
            "She never turned up when she said she would, ring Jo on 07700 900123",
            "Three different social workers, email me at mum@example.com",
            "Nobody called me back for weeks",
            "My worker was kind and really listened",
            "They never came when they said",
            "She was reliable and honest",
        ]  # the managers' forum hears the first, second, third and fifth
        for n, text in enumerate(texts):
            result = factories.response(
                session,
                team="front-door",
                submitted_at=IN_W47,
                answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
            )
            answer_analysis.analyse_response(session, response_id=result.response.id)
    with smtp_server() as (port, inbox):
        monkeypatch.setenv("YOUSAID_EMAIL_PROVIDER", "smtp")
        monkeypatch.setenv("YOUSAID_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("YOUSAID_SMTP_PORT", str(port))
        get_settings.cache_clear()
        yield sessions, inbox
    get_settings.cache_clear()


def schedule_and_send(sessions, now=MONDAY_AFTER):
    with sessions() as session, session.begin():
        added = delivery.queue_due(session, now)
    Worker(sessions, "test").run_until_idle()
    return added


def test_each_forum_gets_one_digest_for_the_period_just_ended(council):
    sessions, inbox = council
    assert schedule_and_send(sessions) >= 2
    assert schedule_and_send(sessions) == 0  # asked again: nothing new
    with sessions() as session:
        rows = session.scalars(select(Digest)).all()
    weekly = [d for d in rows if d.period == "2026-W47"]
    assert {d.status for d in weekly} <= {DigestStatus.sent, DigestStatus.empty}
    managers = [m for m in inbox.messages if "reflective space" in m["Subject"]]
    assert len(managers) == 1
    mail = managers[0]
    assert mail["To"] == "manager.frontdoor@demo.yousaid.local"
    assert mail["Message-ID"].startswith("<digest-")
    body = mail.get_body(("plain",)).get_content()
    assert "Responses: <5" in body  # four complaints heard; small numbers never shown
    assert "Week of 16 November 2026 (16 November to 22 November 2026)" in body
    assert "2026-W47" not in body and "2026-W47" not in mail["Subject"]
    page = mail.get_body(("html",)).get_content()
    for secret in ("07700 900123", "mum@example.com", " Jo "):
        assert secret not in body and secret not in page


def test_an_empty_period_sends_nothing(council):
    sessions, inbox = council
    schedule_and_send(sessions)
    with sessions() as session:
        rights = session.scalar(
            select(Digest.status)
            .join(Forum, Forum.id == Digest.forum_id)
            .where(Forum.key == "childrens-rights-team", Digest.period == "2026-W46")
        )
    # Tuesday's forum: its newest due week is W46, in which no young person answered.
    assert rights is DigestStatus.empty
    assert not any("rights and engagement" in m["Subject"] for m in inbox.messages)


def test_four_workers_at_once_still_make_one_digest_per_forum(council):
    sessions, inbox = council

    def work():
        schedule_and_send(sessions)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with sessions() as session:
        per_period = session.execute(
            select(Digest.forum_id, Digest.period, func.count()).group_by(
                Digest.forum_id, Digest.period
            )
        ).all()
    assert per_period and all(n == 1 for *_, n in per_period)
    subjects = [m["Subject"] for m in inbox.messages]
    assert len(subjects) == len(set(subjects))


def test_a_mail_server_that_is_down_is_retried(council, monkeypatch):
    sessions, inbox = council
    monkeypatch.setenv("YOUSAID_SMTP_PORT", "9")  # nothing listens there
    get_settings.cache_clear()
    schedule_and_send(sessions)
    with sessions() as session:
        failed = session.scalars(select(Job).where(Job.kind == delivery.SEND)).all()
        pending = session.scalars(select(Digest).where(Digest.status == DigestStatus.pending)).all()
    retrying = [job for job in failed if job.last_error and "refused" in job.last_error]
    assert len(pending) == len(retrying) >= 1
    assert all(
        job.status.value == "queued" and job.run_after > datetime.now(UTC) for job in retrying
    )
    assert inbox.messages == []


def test_trend_charts_travel_inside_the_email_and_the_archive(council):
    sessions, inbox = council
    with sessions() as session, session.begin():
        for when in (datetime(2026, 10, 14, 12, tzinfo=UTC), IN_W47):
            for _ in range(10):
                result = factories.response(
                    session,
                    team="front-door",
                    submitted_at=when,
                    answers=factories.parent_answers(
                        one_thing_to_change="She never came when she said she would"
                    ),
                )
                answer_analysis.analyse_response(session, response_id=result.response.id)
    schedule_and_send(sessions)
    [mail] = [m for m in inbox.messages if "reflective space" in m["Subject"]]
    html_part = mail.get_body(("html",))
    page = html_part.get_content()
    pictures = [part for part in mail.walk() if part.get_content_type() == "image/png"]
    assert pictures, "no trend pictures in the email"
    for picture in pictures:
        cid = picture["Content-ID"].strip("<>")
        assert f'src="cid:{cid}"' in page  # each picture is the one the page shows
        assert picture.get_payload(decode=True)[:4] == b"\x89PNG"
    # The email: text, then the page with its pictures, as Outlook expects.
    assert mail.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in mail.iter_parts()] == [
        "text/plain",
        "multipart/related",
    ]
    with sessions() as session:
        archived = session.scalar(
            select(Digest.html)
            .join(Forum, Forum.id == Digest.forum_id)
            .where(Forum.key == "front-door-managers", Digest.period == "2026-W47")
        )
    assert archived and "data:image/png;base64," in archived and "cid:" not in archived


class KillsTheWorkerAfterAccepting(Collector):
    """A mail server that accepts the digest, then, when the worker says QUIT (it has read
    the "250 accepted"), kills it with SIGKILL before it can commit: the crash that once sent
    a digest twice."""

    def __init__(self) -> None:
        super().__init__()
        self.worker: subprocess.Popen[bytes] | None = None

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        if self.worker is not None and self.messages:
            self.worker.kill()
            self.worker.wait()
        return "221 Bye"


def run_worker_process(log: Path) -> subprocess.Popen[bytes]:
    """A worker process running the due jobs (as `yousaid worker` does) on these settings."""
    script = (
        "import api.jobs.tasks\n"
        "from api.core.db import get_session_factory\n"
        "from api.jobs.queue import Worker\n"
        "Worker(get_session_factory(), 'doomed-worker').run_until_idle()\n"
    )
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.timeout(120)
def test_a_worker_killed_after_the_mail_server_accepted_does_not_send_it_again(
    council, monkeypatch, tmp_path
):
    sessions, _ = council
    with sessions() as session, session.begin():
        board = session.scalar(select(Forum).where(Forum.key == "front-door-managers"))
        digest_id = delivery.queue(session, board, "2026-W47")
        headers = factories.auth(session, Role.rights_team)

    killer = KillsTheWorkerAfterAccepting()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(killer, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("YOUSAID_SMTP_PORT", str(port))
        get_settings.cache_clear()
        log = tmp_path / "worker.log"
        killer.worker = worker = run_worker_process(log)
        assert worker.wait(timeout=90) == -signal.SIGKILL, log.read_text()
        assert len(killer.messages) == 1
        with sessions() as session:
            digest = session.get(Digest, digest_id)
            job = session.scalar(
                select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}")
            )
            assert digest.status is DigestStatus.handing_over
            assert digest.message_id == "<digest-front-door-managers-2026-W47@yousaid>"
            assert killer.messages[0]["Message-ID"] == digest.message_id
            assert job.status is JobStatus.running  # never committed
            # Fifteen minutes on, another worker takes the job over as its worker's is stale.
            session.execute(
                update(Job)
                .where(Job.id == job.id)
                .values(locked_at=datetime.now(UTC) - STALE_AFTER - timedelta(minutes=1))
            )
            session.commit()
        Worker(sessions, "next-worker").run_until_idle()
    finally:
        controller.stop()

    assert len(killer.messages) == 1  # exactly one copy received
    with sessions() as session:
        digest = session.get(Digest, digest_id)
        job = session.scalar(select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}"))
    assert digest.status is DigestStatus.may_have_been_sent
    assert job.status is JobStatus.done
    assert digest.handed_over_at is not None and digest.sent_at is None

    app = create_app()
    with TestClient(app) as client:
        said = client.get(f"/api/v1/digests/{digest_id}", headers=headers).json()
    assert said["status"] == "may_have_been_sent"
    assert said["message_id"] == "<digest-front-door-managers-2026-W47@yousaid>"
    assert said["note"].startswith("May have been sent: handed to the mail server at ")
    assert "Not sent again" in said["note"]
    assert "--forum front-door-managers --period 2026-W47 --again" in said["note"]


class RefusesTheMessage(Collector):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "554 5.6.0 Message refused"


def test_a_digest_the_mail_server_refused_is_tried_again_not_called_maybe_sent(
    council, monkeypatch
):
    sessions, _ = council
    with sessions() as session, session.begin():
        board = session.scalar(select(Forum).where(Forum.key == "front-door-managers"))
        digest_id = delivery.queue(session, board, "2026-W47")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(RefusesTheMessage(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("YOUSAID_SMTP_PORT", str(port))
        get_settings.cache_clear()
        Worker(sessions, "test").run_until_idle()
    finally:
        controller.stop()
    with sessions() as session:
        digest = session.get(Digest, digest_id)
        job = session.scalar(select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}"))
    assert digest.status is DigestStatus.pending and digest.handed_over_at is None
    assert job.status is JobStatus.queued and "554" in (job.last_error or "")
