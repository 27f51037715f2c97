"""Twilio's inbound webhook: throughput and p99 at 50 connections, as a ratio to a trivial
endpoint in the same run. Every request is a new text (a new MessageSid), signed the way
Twilio signs it, so each one is checked, stored and queued for the worker.

Run: .venv/bin/python -m benchmarks.sms_webhook_http [--seconds 10] [--connections 50]
     [--rounds 3] [--backend sqlite|postgresql]
Needs wrk. Goal: >= 40% of trivial, p99 < 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from benchmarks.common import RESULTS, fresh_database
from benchmarks.intake_http import SCRIPT, free_port, serve, wrk

PUBLIC = "https://bench.yousaid.example"
TOKEN = "bench-auth-token"
PATH = "/sms/twilio/inbound"
THREADS = 2


def signed_bodies(path: Path, count: int) -> None:
    """`count` distinct incoming texts from 1,000 numbers, each with Twilio's signature."""
    validator = RequestValidator(TOKEN)
    with path.open("w") as out:
        for n in range(count):
            params = {
                "MessageSid": "SM" + uuid.uuid4().hex,
                "AccountSid": "AC" + "0" * 32,
                "From": f"+447700900{n % 1000:03d}",
                "To": "+447700900001",
                "Body": ["4", "agree", "Ring back when you say you will", "STOP"][n % 4],
                "NumSegments": "1",
            }
            signature = validator.compute_signature(PUBLIC + PATH, params)
            out.write(f"{signature}\t{urlencode(params)}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    os.environ.update(
        {
            "YOUSAID_SMS_PROVIDER": "twilio",
            "YOUSAID_TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "YOUSAID_TWILIO_AUTH_TOKEN": TOKEN,
            "YOUSAID_TWILIO_FROM": "+447700900001",
            "YOUSAID_PUBLIC_BASE_URL": PUBLIC,
        }
    )
    runs: dict[str, list[dict[str, float]]] = {"trivial": [], "webhook": []}
    with (
        tempfile.TemporaryDirectory() as workdir,
        fresh_database(args.backend, Path(workdir)) as url,
    ):
        bodies = Path(workdir) / "signed.txt"
        # More than any round can send, so every request is a new text.
        signed_bodies(bodies, 40_000 * args.seconds // 10 + 1000)
        port = free_port()
        server = serve(url, port)
        base = f"http://127.0.0.1:{port}"
        common = [f"-t{THREADS}", f"-c{args.connections}", f"-d{args.seconds}s", "--latency"]
        try:
            wrk([*common[:2], "-d2s", "-s", SCRIPT, f"{base}/bench/trivial"])  # warm up
            for n in range(args.rounds):
                runs["trivial"].append(wrk([*common, "-s", SCRIPT, f"{base}/bench/trivial"]))
                # Each round its own bodies: a repeated MessageSid would be a cheap duplicate.
                round_file = Path(workdir) / f"round-{n}.txt"
                lines = bodies.read_text().splitlines()
                share = len(lines) // args.rounds
                round_file.write_text("\n".join(lines[n * share : (n + 1) * share]) + "\n")
                runs["webhook"].append(
                    wrk(
                        [
                            *common,
                            "-s",
                            SCRIPT,
                            f"{base}{PATH}",
                            "--",
                            "signed",
                            str(round_file),
                            str(THREADS),
                        ]
                    )
                )
        finally:
            server.terminate()
            server.wait(10)

    def rate(name: str) -> float:
        return statistics.median(r["requests"] / r["seconds"] for r in runs[name])

    stored_per_round = [r["requests"] for r in runs["webhook"]]
    result = {
        "backend": args.backend,
        "connections": args.connections,
        "trivial_rps": round(rate("trivial")),
        "webhook_rps": round(rate("webhook")),
        "ratio": round(rate("webhook") / rate("trivial"), 3),
        "webhook_p50_ms": statistics.median(r["p50_ms"] for r in runs["webhook"]),
        "webhook_p99_ms": statistics.median(r["p99_ms"] for r in runs["webhook"]),
        "trivial_p99_ms": statistics.median(r["p99_ms"] for r in runs["trivial"]),
        "errors": sum(int(r["non2xx"] + r["socket_errors"]) for r in runs["webhook"]),
        "requests_per_round": stored_per_round,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"sms_webhook_http_{args.backend}.json").write_text(json.dumps(result, indent=2))
    print(
        f"{args.backend}: inbound webhook {result['webhook_rps']} req/s = {result['ratio']:.0%} of "
        f"trivial {result['trivial_rps']} (goal >= 40%), p50 {result['webhook_p50_ms']:.1f} ms, "
        f"p99 {result['webhook_p99_ms']:.1f} ms (goal < 150 ms) at {args.connections} "
        f"connections; errors {result['errors']}"
    )


if __name__ == "__main__":
    main()
