"""`yousaid worker` asked to stop (SIGTERM, as Docker sends): it finishes the text in hand,
releases what it claimed but did not start, and exits in seconds, not after the backlog."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.core.config import get_settings
from api.messaging import service as messages
from api.messaging.dispatch import Dispatcher
from api.models import OutboundMessage
from api.models.enums import Channel, Language, MessagePurpose, MessageStatus
from tests.twilio_fake import Scripted, fake_twilio, twilio_env

ROOT = Path(__file__).resolve().parents[3]
BACKLOG = 60
# Twilio answering slowly: 60 texts would take 90 s to send one after another.
SLOW = 1.5


def start_worker(log: Path) -> subprocess.Popen[bytes]:
    """`yousaid worker` as its own process, on the settings in this process's environment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "YOUSAID_WORKER_POLL_SECONDS": "0.2"}
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-c", "from api.cli import app; app()", "worker"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.timeout(120)
def test_a_worker_stopped_with_a_backlog_exits_at_once_and_the_next_sends_the_rest(
    monkeypatch, fresh_database, use_database, tmp_path
):
    use_database(fresh_database)
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
    with fake_twilio() as fake:
        twilio_env(monkeypatch, fake, YOUSAID_TWILIO_TIMEOUT_SECONDS="10")
        fake.then(*[Scripted(delay=SLOW) for _ in range(BACKLOG)])
        due = datetime.now(UTC) - timedelta(minutes=1)
        with sessions() as session, session.begin():
            for n in range(BACKLOG):
                messages.queue(
                    session,
                    channel=Channel.sms,
                    recipient=f"+4477009{n:05d}",
                    purpose=MessagePurpose.question,
                    language=Language.en,
                    body=f"Question {n}",
                    send_after=due,
                )
        log = tmp_path / "worker.log"
        worker = start_worker(log)
        try:
            deadline = time.monotonic() + 60
            while len(fake.sent) < 2 and time.monotonic() < deadline:
                assert worker.poll() is None, log.read_text()
                time.sleep(0.05)
            assert len(fake.sent) >= 2, "the worker never started sending"
            time.sleep(SLOW / 2)  # SIGTERM while a text is with the provider
            asked = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
            took = time.monotonic() - asked
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        assert worker.returncode == 0, log.read_text()
        # 1.6–2.0 s on a quiet machine (the text in hand, then exit); the bound leaves room for
        # a loaded CI machine and is still far from the 90 s backlog and inside Docker's 30 s.
        assert took < 10, f"took {took:.1f} s to stop"

        with sessions() as session:
            statuses = Counter(session.scalars(select(OutboundMessage.status)))
            left = session.scalars(
                select(OutboundMessage).where(OutboundMessage.status == MessageStatus.pending)
            ).all()
        sent_by_first = len(fake.sent)
        # The text in hand was finished and recorded; the rest of its batch went back to due.
        assert statuses == {
            MessageStatus.queued: sent_by_first,
            MessageStatus.pending: BACKLOG - sent_by_first,
        }
        assert sent_by_first < BACKLOG / 2
        assert all(m.attempts == 0 and m.claimed_by is None for m in left)

        with fake.lock:
            fake.script.clear()  # Twilio is quick again
        get_settings.cache_clear()
        Dispatcher(sessions, "next-worker").run_until_idle()
        counts = Counter(m["Body"] for m in fake.sent)
        assert sorted(counts) == sorted(f"Question {n}" for n in range(BACKLOG))
        assert max(counts.values()) == 1
        with Session(fresh_database.engine) as session:
            assert Counter(session.scalars(select(OutboundMessage.status))) == {
                MessageStatus.queued: BACKLOG
            }
