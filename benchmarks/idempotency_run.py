"""Idempotency under load: N distinct submissions per channel, a share of them sent twice with
the same key, then the database counted. Nothing acknowledged may be missing, nothing stored
twice, and no request may fail with a 5xx.

Run: .venv/bin/python -m benchmarks.idempotency_run [--submissions 10000] [--retry-share 0.3]
     [--concurrency 200] [--backend sqlite|postgresql|both] [--channel api|form|sms|all]

One `yousaid serve`-style uvicorn process (benchmarks.app) per database, on a new SQLite file
or a new PostgreSQL schema. Channels, each as its real client would send:
- api: POST /api/v1/responses with a bearer token and an Idempotency-Key;
- form: a parent-carer draft opened with POST /f/parent-carer/start, then its last page posted
  with the draft cookie (that post sends the draft through intake; the answer is the 303 to
  the thanks page);
- sms: Twilio's inbound webhook, signed, with a MessageSid.
Half the re-sends go at the same moment as the first (two requests in flight together), half
after every first has been answered, as a client retrying a lost answer would. A request that
gets no answer at all (the connection dropped) is sent again, as a client would, up to three
times; those count in `sent` and `no_answer`. Exit status 1 if anything acknowledged was not
stored, anything was stored twice, any request got a 5xx, or one went unanswered three times.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import socket
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

import httpx
import sqlalchemy as sa
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from api.core.db import build_engine
from api.forms import service as forms
from api.models import Team
from api.responses import intake
from benchmarks.common import RESULTS, fresh_database
from benchmarks.intake_http import prepare, serve
from benchmarks.sms_webhook_http import PATH as SMS_PATH
from benchmarks.sms_webhook_http import PUBLIC, TOKEN
from tests.factories import parent_answers

PORTS = range(8271, 8280)  # the ports this benchmark may serve on
FORM = "parent-carer"  # its last page sends the draft (a young person's goes to who-reads)
CHANNELS = ("api", "form", "sms")
ATTEMPTS = 3  # a request that gets no answer is sent again, up to this many times


@dataclass
class Tally:
    """What one channel's client saw, and which submissions it was told were stored."""

    sent: int = 0
    acknowledged: int = 0
    server_errors: int = 0  # 5xx
    client_errors: int = 0  # other 4xx
    unexpected: int = 0  # any other answer (e.g. a redirect that is not the thanks page)
    no_answer: int = 0  # requests with no answer at all (dropped, timed out): sent again
    no_answer_kinds: Counter[str] = field(default_factory=Counter)
    gave_up: int = 0  # sent ATTEMPTS times and never answered
    acknowledged_keys: set[str] = field(default_factory=set)


class Channel:
    """How one channel sends submission `n`, what it counts as an acknowledgement, and how
    its stored rows are counted. `prepare` may make set-up requests that are not counted."""

    name: str

    async def prepare(self, client: httpx.AsyncClient, n: int) -> None:
        return None

    async def send(self, client: httpx.AsyncClient, n: int) -> httpx.Response:
        raise NotImplementedError

    def acknowledged(self, response: httpx.Response) -> bool:
        return response.is_success

    def key(self, n: int) -> str:
        """The key as stored."""
        raise NotImplementedError

    def count(self, conn: sa.Connection, keys: list[str]) -> tuple[set[str], int]:
        """Of these keys, those stored; and how many submissions were stored more than once."""
        raise NotImplementedError


def _responses(conn: sa.Connection, keys: list[str]) -> tuple[set[str], int]:
    """Stored keys among `keys`; duplicates found by content, not by key: every submission's
    words carry its own reference, so two rows with one fingerprint are one submission stored
    twice (the key itself is unique in the schema, so it could never show one)."""
    stored = set(conn.scalars(sa.text("SELECT idempotency_key FROM responses")).all())
    duplicated = conn.scalar(
        sa.text(
            "SELECT count(*) FROM (SELECT fingerprint FROM responses"
            " GROUP BY fingerprint HAVING count(*) > 1) AS twice"
        )
    )
    return stored & set(keys), int(duplicated or 0)


class Api(Channel):
    name = "api"

    def __init__(self, run: str, token: str, team_id: int) -> None:
        self.run, self.token, self.team_id = run, token, team_id

    async def send(self, client: httpx.AsyncClient, n: int) -> httpx.Response:
        body = {
            "survey": "parent-carer",
            "channel": "web",
            "collection_point": "closure",
            "team": "front-door",
            "answers": parent_answers(one_thing_to_change=f"Ring back (api {self.run} {n})"),
        }
        headers = {"Authorization": f"Bearer {self.token}", "Idempotency-Key": self._key(n)}
        return await client.post("/api/v1/responses", json=body, headers=headers)

    def _key(self, n: int) -> str:
        return f"{self.run}-api-{n}"

    def key(self, n: int) -> str:
        return str(intake.scoped_key(self.team_id, self._key(n)))

    def count(self, conn: sa.Connection, keys: list[str]) -> tuple[set[str], int]:
        return _responses(conn, keys)


class Form(Channel):
    """One browser per submission: its own draft cookie, sharing one CSRF cookie."""

    name = "form"

    def __init__(self, run: str, csrf_cookies: dict[str, str], csrf: str, last: int) -> None:
        self.run, self.csrf_cookies, self.csrf, self.last = run, csrf_cookies, csrf, last
        self.drafts: dict[int, str] = {}

    async def prepare(self, client: httpx.AsyncClient, n: int) -> None:
        started = await client.post(
            f"/f/{FORM}/start", data={"csrf": self.csrf}, headers=_cookie(self.csrf_cookies)
        )
        token = started.cookies.get(forms_cookie())
        if started.status_code != 303 or not token:
            raise RuntimeError(f"opening a draft answered {started.status_code}")
        self.drafts[n] = token

    async def send(self, client: httpx.AsyncClient, n: int) -> httpx.Response:
        cookies = {**self.csrf_cookies, forms_cookie(): self.drafts[n]}
        words = f"More time to play football (form {self.run} {n})"
        return await client.post(
            f"/f/{FORM}/{self.last}",
            data={"csrf": self.csrf, "answer": words},
            headers=_cookie(cookies),
        )

    def acknowledged(self, response: httpx.Response) -> bool:
        # A browser is told its answers are safe by the thanks page it is sent to.
        return response.status_code == 303 and response.headers.get("location", "").endswith(
            f"/f/{FORM}/thanks"
        )

    def key(self, n: int) -> str:
        return "form:" + hashlib.sha256(self.drafts[n].encode()).hexdigest()

    def count(self, conn: sa.Connection, keys: list[str]) -> tuple[set[str], int]:
        return _responses(conn, keys)


def _cookie(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def forms_cookie() -> str:
    from frontend.security import draft_cookie

    return draft_cookie(FORM)


class Sms(Channel):
    name = "sms"

    def __init__(self, run: str) -> None:
        self.run = run
        self.validator = RequestValidator(TOKEN)

    def _params(self, n: int) -> dict[str, str]:
        return {
            "MessageSid": self.key(n),
            "AccountSid": "AC" + "0" * 32,
            "From": f"+447700900{n % 1000:03d}",
            "To": "+447700900001",
            "Body": f"Ring back when you say you will (sms {self.run} {n})",
            "NumSegments": "1",
        }

    async def send(self, client: httpx.AsyncClient, n: int) -> httpx.Response:
        params = self._params(n)
        signature = self.validator.compute_signature(PUBLIC + SMS_PATH, params)
        return await client.post(
            SMS_PATH,
            content=urlencode(params),
            headers={
                "X-Twilio-Signature": signature,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )

    def key(self, n: int) -> str:
        return f"SM{self.run}{n:024d}"[:34]

    def count(self, conn: sa.Connection, keys: list[str]) -> tuple[set[str], int]:
        stored = set(conn.scalars(sa.text("SELECT provider_id FROM inbound_messages")).all())
        # No worker runs, so each text's words (with its own reference) are still there.
        duplicated = conn.scalar(
            sa.text(
                "SELECT count(*) FROM (SELECT body FROM inbound_messages"
                " GROUP BY body HAVING count(*) > 1) AS twice"
            )
        )
        return stored & set(keys), int(duplicated or 0)


async def drive(
    channel: Channel, base: str, submissions: int, share: float, concurrency: int
) -> tuple[Tally, float]:
    """Send every submission, the chosen share twice; what the client saw and the seconds."""
    tally = Tally()
    limit = asyncio.Semaphore(concurrency)
    chosen = random.Random(submissions).sample(range(submissions), round(submissions * share))
    at_once, after = set(chosen[::2]), chosen[1::2]

    async def one(client: httpx.AsyncClient, n: int) -> None:
        for attempt in range(1, ATTEMPTS + 1):
            async with limit:
                tally.sent += 1
                try:
                    response = await channel.send(client, n)
                    break
                except httpx.TransportError as error:
                    # As a real client does with no answer: the same request, the same key.
                    tally.no_answer += 1
                    tally.no_answer_kinds[type(error).__name__] += 1
            if attempt == ATTEMPTS:
                tally.gave_up += 1
                return
            await asyncio.sleep(0.5 * attempt)
        if channel.acknowledged(response):
            tally.acknowledged += 1
            tally.acknowledged_keys.add(channel.key(n))
        elif response.status_code >= 500:
            tally.server_errors += 1
        elif response.status_code >= 400:
            tally.client_errors += 1
        else:
            tally.unexpected += 1

    async def first(client: httpx.AsyncClient, n: int) -> None:
        async with limit:
            await channel.prepare(client, n)
        sends: list[Awaitable[None]] = [one(client, n)]
        if n in at_once:
            sends.append(one(client, n))
        await asyncio.gather(*sends)

    # No cookie jar: each request carries only the cookies its own browser would hold.
    no_jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    async with httpx.AsyncClient(
        base_url=base,
        cookies=no_jar,
        timeout=120,
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
    ) as client:
        began = time.perf_counter()
        await asyncio.gather(*(first(client, n) for n in range(submissions)))
        await asyncio.gather(*(one(client, n) for n in after))
        seconds = time.perf_counter() - began
    return tally, seconds


def _port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _csrf(base: str) -> tuple[dict[str, str], str]:
    """A browser's CSRF cookie and token, from the form's start page."""
    import re

    page = httpx.get(f"{base}/f/{FORM}")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    if found is None:
        raise SystemExit("the form's start page has no CSRF token")
    return dict(page.cookies.items()), found.group(1)


def _last_question(url: str) -> int:
    engine = build_engine(url)
    with Session(engine) as session:
        definition = forms.survey_for(session, FORM)
    engine.dispose()
    if definition.questions[-1].kind.value != "free_text":
        raise SystemExit(f"{FORM}'s last question is no longer free text")
    return len(definition.questions)


def run_backend(
    backend: str, channels: list[str], submissions: int, share: float, concurrency: int
) -> list[dict[str, object]]:
    run = uuid.uuid4().hex[:8]
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as workdir, fresh_database(backend, Path(workdir)) as url:
        token = prepare(url)
        engine = build_engine(url)
        with Session(engine) as session:
            team_id = session.scalar(sa.select(Team.id).where(Team.slug == "front-door"))
        last = _last_question(url)
        port = _port()
        server = serve(url, port)
        base = f"http://127.0.0.1:{port}"
        try:
            for name in channels:
                channel: Channel
                if name == "api":
                    channel = Api(run, token, int(team_id or 0))
                elif name == "form":
                    cookies, csrf = _csrf(base)
                    channel = Form(run, cookies, csrf, last)
                else:
                    channel = Sms(run)
                tally, seconds = asyncio.run(drive(channel, base, submissions, share, concurrency))
                keys = [channel.key(n) for n in range(submissions)]
                with engine.connect() as conn:
                    stored, duplicated = channel.count(conn, keys)
                result = {
                    "date": datetime.now(UTC).date().isoformat(),
                    "backend": backend,
                    "channel": name,
                    "submissions": submissions,
                    "resent": round(submissions * share),
                    "concurrency": concurrency,
                    "sent": tally.sent,
                    "acknowledged": tally.acknowledged,
                    "status_5xx": tally.server_errors,
                    "status_4xx": tally.client_errors,
                    "unexpected": tally.unexpected,
                    "no_answer": tally.no_answer,
                    "no_answer_kinds": dict(tally.no_answer_kinds),
                    "gave_up": tally.gave_up,
                    "stored": len(stored),
                    "duplicated": duplicated,
                    "lost": len(tally.acknowledged_keys - stored),
                    "seconds": round(seconds, 1),
                }
                print(json.dumps(result), flush=True)
                results.append(result)
        finally:
            server.terminate()
            server.wait(10)
            engine.dispose()
    return results


def failed(result: dict[str, object]) -> bool:
    return any(int(str(result[k])) for k in ("lost", "duplicated", "status_5xx", "gave_up"))


def table(results: list[dict[str, object]]) -> str:
    columns = ["backend", "channel", "submissions", "sent", "acknowledged", "stored"]
    columns += ["duplicated", "lost", "status_5xx", "status_4xx", "no_answer", "gave_up"]
    columns += ["seconds"]
    rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in results:
        cells = [f"{r[c]:,}" if isinstance(r[c], int) else str(r[c]) for c in columns]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--retry-share", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--channel", choices=[*CHANNELS, "all"], default="all")
    args = parser.parse_args()
    os.environ.update(
        {
            # One load generator is one client: lift the per-address and per-draft limits.
            "YOUSAID_FORM_POSTS_PER_10_MINUTES": str(10**9),
            "YOUSAID_FORM_POSTS_PER_DRAFT_PER_10_MINUTES": str(10**9),
            "YOUSAID_SMS_PROVIDER": "twilio",
            "YOUSAID_TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "YOUSAID_TWILIO_AUTH_TOKEN": TOKEN,
            "YOUSAID_TWILIO_FROM": "+447700900001",
            "YOUSAID_PUBLIC_BASE_URL": PUBLIC,
        }
    )
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    channels = list(CHANNELS) if args.channel == "all" else [args.channel]
    results = [
        r
        for b in backends
        for r in run_backend(b, channels, args.submissions, args.retry_share, args.concurrency)
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "idempotency_run.json").write_text(json.dumps(results, indent=2))
    print(table(results))
    if any(failed(r) for r in results):
        raise SystemExit(
            "FAILED: something acknowledged was lost or stored twice, a 5xx, or no answer"
        )


if __name__ == "__main__":
    main()
