"""HTTP intake throughput and latency, as a ratio to a trivial endpoint in the same run.

Run: .venv/bin/python -m benchmarks.intake_http [--seconds 10] [--connections 32] [--rounds 3]
Needs wrk (Debian: apt-get install wrk). One uvicorn process serves; wrk loads it over loopback.
Rounds alternate trivial and intake, so drift on a noisy machine hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy.orm import Session

from api.accounts import service as accounts
from api.core.db import build_engine
from api.models import Team
from api.models.enums import Role, ServiceArea
from benchmarks.common import RESULTS, fresh_database
from tests.factories import parent_answers

SCRIPT = str(Path(__file__).parent / "load.lua")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str) -> str:
    engine = build_engine(url)
    with Session(engine) as session, session.begin():
        session.add(Team(slug="front-door", name="Front Door", service_area=ServiceArea.front_door))
        session.flush()
        user = accounts.create_user(session, email="bench@council.example", role=Role.rights_team)
        token = accounts.create_token(session, user=user)
    engine.dispose()
    return token


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "YOUSAID_DATABASE_URL": url, "YOUSAID_ENVIRONMENT": "test"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "benchmarks.app:create_bench_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def wrk(args: list[str]) -> dict[str, float]:
    output = subprocess.run(["wrk", *args], capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_backend(backend: str, seconds: int, connections: int, rounds: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as workdir, fresh_database(backend, Path(workdir)) as url:
        token = prepare(url)
        body = Path(workdir) / "body.json"
        body.write_text(
            json.dumps(
                {
                    "survey": "parent-carer",
                    "channel": "web",
                    "collection_point": "closure",
                    "team": "front-door",
                    "answers": parent_answers(),
                }
            )
        )
        port = free_port()
        server = serve(url, port)
        base = f"http://127.0.0.1:{port}"
        common = ["-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
        trivial, intake = [], []
        try:
            wrk([*common[:2], "-d2s", "-s", SCRIPT, f"{base}/bench/trivial"])  # warm
            for _ in range(rounds):
                trivial.append(wrk([*common, "-s", SCRIPT, f"{base}/bench/trivial"]))
                intake.append(
                    wrk(
                        [
                            *common,
                            "-s",
                            SCRIPT,
                            f"{base}/api/v1/responses",
                            "--",
                            "json",
                            uuid.uuid4().hex[:8],
                            token,
                            str(body),
                        ]
                    )
                )
        finally:
            server.terminate()
            server.wait(10)

    def rate(run: dict[str, float]) -> float:
        return run["requests"] / run["seconds"]

    non2xx = sum(int(r["non2xx"]) for r in intake)
    socket_errors = sum(int(r["socket_errors"]) for r in intake)
    trivial_rps = statistics.median(rate(r) for r in trivial)
    intake_rps = statistics.median(rate(r) for r in intake)
    return {
        "backend": backend,
        "trivial_rps": round(trivial_rps),
        "intake_rps": round(intake_rps),
        "ratio": round(intake_rps / trivial_rps, 3),
        "intake_p50_ms": statistics.median(r["p50_ms"] for r in intake),
        "intake_p99_ms": statistics.median(r["p99_ms"] for r in intake),
        "trivial_p50_ms": statistics.median(r["p50_ms"] for r in trivial),
        "trivial_p99_ms": statistics.median(r["p99_ms"] for r in trivial),
        "intake_non2xx": non2xx,
        "intake_socket_errors": socket_errors,
        "rounds": rounds,
        "seconds": seconds,
        "connections": connections,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("This benchmark needs wrk: apt-get install wrk")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [run_backend(b, args.seconds, args.connections, args.rounds) for b in backends]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "intake_http.json").write_text(json.dumps(results, indent=2))
    for r in results:
        print(
            f"{r['backend']:>10}: intake {r['intake_rps']} req/s"
            f" vs trivial {r['trivial_rps']} req/s"
            f" = {r['ratio']:.0%} (goal >= 40%); intake p50 {r['intake_p50_ms']:.1f} ms,"
            f" p99 {r['intake_p99_ms']:.1f} ms; non-2xx {r['intake_non2xx']},"
            f" socket errors {r['intake_socket_errors']}"
        )


if __name__ == "__main__":
    main()
