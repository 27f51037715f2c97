"""Sending texts at scale: 100,000 invitations scheduled from case events, then dispatched to
a local stand-in for Twilio's API (through the real twilio library) by 1 and by 4 worker
processes on PostgreSQL. Baseline, in the same run: the same number of processes calling the
twilio client in a loop with no database at all.

Run: .venv/bin/python -m benchmarks.sms_dispatch [--invitations 100000] [--seconds 30]
The 1-worker phase runs for --seconds; the 4-worker phase sends everything left.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.common import RESULTS, fresh_database

RULES = """
events: {case_closed: closure}
defaults:
  delay_hours: 0
  reminder_after_hours: 48
  expire_after_days: 7
  min_days_between_surveys: 30
  roles:
    parent: {survey: parent-carer, sms_mode: conversational}
    young_person: {survey: young-person, sms_mode: link}
  send_window: {days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", end: "23:59:59"}
"""


def environment(url: str, twilio_url: str, rules: Path) -> dict[str, str]:
    return {
        **os.environ,
        "YOUSAID_DATABASE_URL": url,
        "YOUSAID_ENVIRONMENT": "test",
        "YOUSAID_SMS_PROVIDER": "twilio",
        "YOUSAID_TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "YOUSAID_TWILIO_AUTH_TOKEN": "bench",
        "YOUSAID_TWILIO_FROM": "+447700900001",
        "YOUSAID_TWILIO_API_BASE_URL": twilio_url,
        "YOUSAID_SMS_PER_SECOND": "0",  # the rate limit would measure itself
        "YOUSAID_INVITATION_RULES_FILE": str(rules),
    }


def schedule(count: int) -> float:
    """Case events for `count` contacts, 1,000 events a transaction; invitations a second."""
    from api.core.db import get_session_factory
    from api.invitations import service as invitations
    from api.invitations.schemas import CaseEventIn
    from api.models import Team
    from api.models.enums import ServiceArea

    sessions = get_session_factory()
    with sessions() as session, session.begin():
        session.add(Team(slug="north-cin", name="North CIN", service_area=ServiceArea.cin_cp))
    occurred = datetime.now(UTC) - timedelta(minutes=5)
    started = time.perf_counter()
    for first in range(0, count, 1000):
        with sessions() as session, session.begin():
            for n in range(first, min(first + 1000, count)):
                role = "parent" if n % 4 else "young_person"
                invitations.receive_case_event(
                    session,
                    event=CaseEventIn(
                        event_id=f"bench-{n}",
                        case_ref=f"C-{n}",
                        event="case_closed",
                        team="north-cin",
                        occurred_at=occurred,
                        contacts=[{"role": role, "phone": f"+4474000{n:05d}"}],  # type: ignore[list-item]
                    ),
                )
    return count / (time.perf_counter() - started)


def dispatch_worker(seconds: float) -> None:
    """One worker process: send until nothing is due or the time is up; print the count."""
    from api.core.db import get_session_factory
    from api.messaging.dispatch import Dispatcher

    dispatcher = Dispatcher(get_session_factory(), f"bench-{os.getpid()}")
    started = time.monotonic()  # after start-up: the rate is of sending, not of importing
    deadline = started + seconds
    sent = 0
    while time.monotonic() < deadline:
        done = dispatcher.run_batch()
        if done == 0:
            break
        sent += done
    print(json.dumps({"sent": sent, "seconds": time.monotonic() - started}), flush=True)


def bare_client(seconds: float) -> None:
    """The baseline: the twilio client in a loop, no database."""
    from api.core.config import get_settings
    from api.messaging.providers import sms_provider

    provider = sms_provider(get_settings())
    started = time.monotonic()
    sent = 0
    while time.monotonic() < started + seconds:
        provider.send(
            to="+447400000000", body=f"baseline {os.getpid()} {sent}", status_callback=None
        )
        sent += 1
    print(json.dumps({"sent": sent, "seconds": time.monotonic() - started}), flush=True)


def processes(role: str, n: int, seconds: float, env: dict[str, str]) -> tuple[int, float]:
    """Run n processes of a role at once; (texts sent, seconds the slowest spent sending)."""
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.sms_dispatch", role, "--seconds", str(seconds)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    reports = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in running]
    return sum(r["sent"] for r in reports), max(r["seconds"] for r in reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", nargs="?", choices=["dispatch", "bare"])
    parser.add_argument("--invitations", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    if args.role == "dispatch":
        return dispatch_worker(args.seconds)
    if args.role == "bare":
        return bare_client(args.seconds)

    fake = subprocess.Popen(
        [sys.executable, "-m", "tests.twilio_fake"], stdout=subprocess.PIPE, text=True
    )
    assert fake.stdout is not None
    twilio_url = fake.stdout.readline().strip()
    try:
        with (
            tempfile.TemporaryDirectory() as workdir,
            fresh_database("postgresql", Path(workdir)) as url,
        ):
            rules = Path(workdir) / "rules.yaml"
            rules.write_text(RULES)
            env = environment(url, twilio_url, rules)
            os.environ.update(env)
            from api.core.config import get_settings
            from api.core.db import build_engine
            from api.models import OutboundMessage
            from api.models.enums import MessageStatus

            get_settings.cache_clear()
            scheduled_per_second = schedule(args.invitations)
            bare_1 = processes("bare", 1, 10, env)
            bare_4 = processes("bare", 4, 10, env)
            one = processes("dispatch", 1, args.seconds, env)
            four = processes("dispatch", 4, 3600, env)
            engine = build_engine(url)
            with Session(engine) as session:
                left = session.scalar(
                    select(func.count()).where(OutboundMessage.status == MessageStatus.pending)
                )
                queued = session.scalar(
                    select(func.count()).where(OutboundMessage.status == MessageStatus.queued)
                )
            engine.dispose()
        counts = httpx.get(twilio_url).json()
    finally:
        fake.terminate()
        fake.wait(10)

    def rate(result: tuple[int, float]) -> float:
        return result[0] / result[1]

    result = {
        "invitations": args.invitations,
        "scheduled_per_second": round(scheduled_per_second),
        "bare_client_1_per_second": round(rate(bare_1)),
        "bare_client_4_per_second": round(rate(bare_4)),
        "dispatch_1_worker_per_second": round(rate(one)),
        "dispatch_4_workers_per_second": round(rate(four)),
        "ratio_1_worker": round(rate(one) / rate(bare_1), 3),
        "ratio_4_workers": round(rate(four) / rate(bare_4), 3),
        "dispatched": one[0] + four[0],
        "left_pending": left,
        "stored_as_queued": queued,
        "provider_received": counts["sent"] - bare_1[0] - bare_4[0],
        "provider_distinct": counts["distinct"] - bare_1[0] - bare_4[0],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sms_dispatch.json").write_text(json.dumps(result, indent=2))
    r = result
    print(
        f"postgresql: {args.invitations:,} invitations scheduled at "
        f"{r['scheduled_per_second']}/s; dispatched {r['dispatch_1_worker_per_second']}/s by 1 "
        f"worker ({r['ratio_1_worker']:.0%} of a bare client's {r['bare_client_1_per_second']}/s) "
        f"and {r['dispatch_4_workers_per_second']}/s by 4 ({r['ratio_4_workers']:.0%} of 4 bare "
        f"clients' {r['bare_client_4_per_second']}/s); {r['provider_received']:,} texts reached "
        f"the provider, {r['provider_distinct']:,} distinct, {left} left pending"
    )
    return None


if __name__ == "__main__":
    main()
