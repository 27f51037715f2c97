"""Web form speed: a question page's render and saving an answer, over HTTP with concurrent
clients, as ratios to a trivial endpoint in the same run.

Run: .venv/bin/python -m benchmarks.forms_http [--seconds 10] [--connections 32] [--rounds 3]
Needs wrk. SQLite (the embedded default) unless --backend postgresql.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
from pathlib import Path

import httpx

from benchmarks.common import RESULTS, fresh_database
from benchmarks.intake_http import SCRIPT, free_port, serve, wrk


def open_form(base: str) -> tuple[str, str]:
    """Start a young-person form as a browser would; the cookies and the CSRF token."""
    with httpx.Client(base_url=base) as client:
        page = client.get("/f/young-person")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        client.post("/f/young-person/start", data={"csrf": token})
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return cookie, token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    # One load generator is one client on one draft: lift both limits, or it measures 429s.
    os.environ["YOUSAID_FORM_POSTS_PER_10_MINUTES"] = str(10**9)
    os.environ["YOUSAID_FORM_POSTS_PER_DRAFT_PER_10_MINUTES"] = str(10**9)
    runs: dict[str, list[dict[str, float]]] = {"trivial": [], "page": [], "save": []}
    with (
        tempfile.TemporaryDirectory() as workdir,
        fresh_database(args.backend, Path(workdir)) as url,
    ):
        port = free_port()
        server = serve(url, port)
        base = f"http://127.0.0.1:{port}"
        try:
            cookie, token = open_form(base)
            common = [
                "-t2",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--latency",
                "--timeout",
                "10s",
            ]
            wrk([*common[:2], "-d2s", "-s", SCRIPT, f"{base}/bench/trivial"])
            page = f"{base}/f/young-person/1"
            loads = {
                "trivial": [f"{base}/bench/trivial"],
                "page": [page, "--", "form-get", cookie],
                "save": [page, "--", "form-post", cookie, token],
            }
            for _ in range(args.rounds):
                for name, target in loads.items():
                    runs[name].append(wrk([*common, "-s", SCRIPT, *target]))
        finally:
            server.terminate()
            server.wait(10)

    def rate(name: str) -> float:
        return statistics.median(r["requests"] / r["seconds"] for r in runs[name])

    result = {
        "backend": args.backend,
        "trivial_rps": round(rate("trivial")),
        "page_rps": round(rate("page")),
        "save_rps": round(rate("save")),
        "page_ratio": round(rate("page") / rate("trivial"), 3),
        "save_ratio": round(rate("save") / rate("trivial"), 3),
        "page_p50_ms": statistics.median(r["p50_ms"] for r in runs["page"]),
        "page_p99_ms": statistics.median(r["p99_ms"] for r in runs["page"]),
        "save_p50_ms": statistics.median(r["p50_ms"] for r in runs["save"]),
        "save_p99_ms": statistics.median(r["p99_ms"] for r in runs["save"]),
        # The answer posts answer with a 303 to the next page: those are the expected status.
        "page_errors": sum(int(r["non2xx"] + r["socket_errors"]) for r in runs["page"]),
        "save_errors": sum(int(r["non2xx"] + r["socket_errors"]) for r in runs["save"]),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "forms_http.json").write_text(json.dumps(result, indent=2))
    print(
        f"{args.backend}: question page {result['page_rps']} req/s ({result['page_ratio']:.0%} of "
        f"trivial {result['trivial_rps']}), p50 {result['page_p50_ms']:.1f} ms, p99 "
        f"{result['page_p99_ms']:.1f} ms; saving an answer {result['save_rps']} req/s "
        f"({result['save_ratio']:.0%}), p50 {result['save_p50_ms']:.1f} ms, p99 "
        f"{result['save_p99_ms']:.1f} ms (goal >= 40%); errors {result['page_errors']}/"
        f"{result['save_errors']}"
    )


if __name__ == "__main__":
    main()
