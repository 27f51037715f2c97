"""The worker loop: `yousaid worker`, or a thread inside `yousaid serve` on SQLite."""

from __future__ import annotations

import logging
import os
import socket
import threading

from api.core.config import get_settings
from api.core.db import get_session_factory
from api.jobs import (
    schedule,
    tasks,  # noqa: F401 - registers every job handler
)
from api.jobs.queue import Worker
from api.messaging import lost
from api.messaging.dispatch import Dispatcher

log = logging.getLogger("yousaid.worker")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def run_forever(stop: threading.Event, poll_seconds: float) -> None:
    """Run due jobs; sleep when there are none; stop when asked. Asked to stop (SIGTERM), it
    finishes the job or text in hand, releases the texts it claimed but did not start, and
    returns: seconds, not the minutes a backlog would take (decision 35)."""
    sessions = get_session_factory()
    worker = Worker(sessions, worker_name(), stop=stop)
    dispatcher = Dispatcher(sessions, worker.name, stop=stop)
    log.info("worker %s started", worker.name)
    while not stop.is_set():
        try:
            with sessions() as session, session.begin():
                schedule.enqueue_due(session)
            dispatcher.sweep_stale()
            lost.settle(sessions, get_settings())  # Notify: asked by our reference
            ran = worker.run_until_idle() + dispatcher.run_until_idle()
            if dispatcher.rate_limited:
                stop.wait(dispatcher.slot_seconds)  # the next text may go in a moment
            elif ran == 0:
                stop.wait(poll_seconds)
        except Exception:
            # The database may be restarting: keep the worker alive and try again.
            log.exception("worker loop error")
            stop.wait(poll_seconds)
    log.info("worker %s stopped", worker.name)


def start_in_thread(poll_seconds: float) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(stop, poll_seconds), daemon=True, name="worker"
    )
    thread.start()
    return thread, stop
