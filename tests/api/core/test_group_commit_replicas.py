"""Two `yousaid serve` replicas on one PostgreSQL: last pages posted to both at once, the
same draft's and different drafts' (sharing a day's tallies), never show a person an error
(a deadlock or serialization failure is retried inside the server) and store each once."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.forms import service as forms
from api.models import FormDraft, Response
from api.models.enums import Role
from tests import factories

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    """A port no one is listening on: xdist runs tests side by side, so fixed ports clash (two
    tests' replicas on one port sent one test's answers to the other's database)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The parents' form: its last page sends the answers (a young person's who wrote something
# go on to the who-reads page, which sends, decision 44).
SURVEY = "parent-carer"
PAIRS = 150
YOUSAID = (sys.executable, "-c", "from api.cli import app; app()")


def serve(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "YOUSAID_DATABASE_URL": url,
        "YOUSAID_ENVIRONMENT": "test",
        "YOUSAID_WORKER_IN_PROCESS": "false",
        "YOUSAID_FORM_POSTS_PER_10_MINUTES": str(10**9),
        "YOUSAID_FORM_POSTS_PER_DRAFT_PER_10_MINUTES": str(10**9),
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*YOUSAID, "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"the server on {port} did not start: {log.read_text()}")


@pytest.fixture
def replicas(fresh_database, tmp_path) -> Iterator[tuple[list[str], Session]]:
    if fresh_database.backend != "postgresql":
        pytest.skip("replicas share one PostgreSQL")
    ports = (free_port(), free_port())
    servers = [serve(fresh_database.url, port, tmp_path / f"{port}.log") for port in ports]
    try:
        yield [f"http://127.0.0.1:{port}" for port in ports], fresh_database
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)


async def open_draft(base: str) -> tuple[str, str]:
    """Start the form as a browser would: its Cookie header and CSRF token."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as browser:
        page = await browser.get(f"/f/{SURVEY}")
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, page.text[:500]
        started = await browser.post(f"/f/{SURVEY}/start", data={"csrf": found.group(1)})
        assert started.status_code == 303, started.text[:500]
        return "; ".join(f"{k}={v}" for k, v in browser.cookies.items()), found.group(1)


@pytest.mark.timeout(300)
def test_last_pages_posted_to_two_replicas_at_once_never_fail_and_store_once(replicas):
    bases, database = replicas
    with Session(database.engine) as session:
        last = len(forms.survey_for(session, SURVEY).questions)

    async def pair(clients: list[httpx.AsyncClient], n: int) -> list[int]:
        cookie, token = await open_draft(bases[n % 2])
        answer = {"csrf": token, "answer": f"I wish I could see my nan more ({n})"}
        both = await asyncio.gather(
            *(
                c.post(f"/f/{SURVEY}/{last}", data=answer, headers={"Cookie": cookie})
                for c in clients
            )
        )
        return [r.status_code for r in both]

    async def run() -> list[int]:
        clients = [httpx.AsyncClient(base_url=base, timeout=60) for base in bases]
        try:
            statuses: list[int] = []
            # Twenty pairs at a time: each replica's group commit takes several drafts' last
            # pages in one transaction, which is where the order of locks matters.
            for start in range(0, PAIRS, 20):
                done = await asyncio.gather(
                    *(pair(clients, n) for n in range(start, min(start + 20, PAIRS)))
                )
                statuses += [s for pair_statuses in done for s in pair_statuses]
            return statuses
        finally:
            for c in clients:
                await c.aclose()

    statuses = Counter(asyncio.run(run()))
    assert statuses == {303: 2 * PAIRS}, statuses
    with Session(database.engine) as session:
        assert session.scalar(select(func.count(Response.id))) == PAIRS
        assert (
            session.scalar(
                select(func.count(FormDraft.id)).where(FormDraft.response_id.is_not(None))
            )
            == PAIRS
        )


@pytest.mark.timeout(300)
def test_api_submissions_with_one_key_posted_to_two_replicas_at_once_store_once(replicas):
    bases, database = replicas
    with Session(database.engine) as session, session.begin():
        factories.team(session, "front-door")
        headers = factories.auth(session, Role.rights_team)
    body = {"survey": "parent-carer", "team": "front-door", "answers": factories.parent_answers()}

    async def run() -> list[int]:
        clients = [httpx.AsyncClient(base_url=base, timeout=60) for base in bases]
        try:

            async def pair(n: int) -> list[int]:
                keyed = {**headers, "Idempotency-Key": f"case-event-{n}"}
                both = await asyncio.gather(
                    *(c.post("/api/v1/responses", json=body, headers=keyed) for c in clients)
                )
                return [r.status_code for r in both]

            statuses: list[int] = []
            for start in range(0, PAIRS, 30):
                done = await asyncio.gather(
                    *(pair(n) for n in range(start, min(start + 30, PAIRS)))
                )
                statuses += [s for p in done for s in p]
            return statuses
        finally:
            for c in clients:
                await c.aclose()

    statuses = Counter(asyncio.run(run()))
    assert statuses == {201: PAIRS, 200: PAIRS}, statuses  # stored once, found once
    with Session(database.engine) as session:
        assert session.scalar(select(func.count(Response.id))) == PAIRS
