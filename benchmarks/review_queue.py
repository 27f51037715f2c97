"""The theme review page on the demo's data (SQLite, as `make run` serves it): before and
after the grouping key was stored (issue 14; migration 0021).

Run: .venv/bin/python -m benchmarks.review_queue [--responses 3000] [--repeats 15]
Loads the demo (about 3,000 responses over a year) into a fresh SQLite database and analyses
every answer, as the worker does. A rights officer (every team) is signed in; each request is
`GET /staff/review` through the app in process, rendered whole, and its time is the page's own
`Server-Timing`. **Before** puts the old fold back in the queue's place: the words folded in
SQL (lower case, quotes and apostrophes dropped, commas and whitespace runs folded, trailing
punctuation trimmed) for every unreviewed answer on every request. **After** reads the stored
`answer_analyses.group_key`. The two alternate in one run, so the ratio is what to read.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.db import build_engine
from benchmarks.common import RESULTS, fresh_database

TRAILING = " .,;:!?…"


def folded_in_sql() -> Any:
    """The fold as the queue computed it before (api/reviews/queue.py until 3 December 2026)."""
    from api.models import AnswerAnalysis

    folded: Any = AnswerAnalysis.redacted_text
    for character in ("'", "\u2019", '"', "\u201c", "\u201d"):
        folded = func.replace(folded, character, "")
    for character in ("\r", "\n", "\t", ","):
        folded = func.replace(folded, character, " ")
    for _ in range(6):
        folded = func.replace(folded, "  ", " ")
    return func.rtrim(func.ltrim(func.lower(folded)), TRAILING)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, fresh_database("sqlite", Path(workdir)) as url:
        engine = build_engine(url)
        os.environ["YOUSAID_DATABASE_URL"] = url
        from fastapi.testclient import TestClient

        from api.accounts import service as accounts
        from api.accounts import signin
        from api.answer_analysis import service as answer_analysis
        from api.core.config import get_settings
        from api.core.db import reset_engine
        from api.demo import load
        from api.main import create_served_app
        from api.models import Response
        from api.models.enums import Role
        from api.reviews import queue

        get_settings.cache_clear()
        reset_engine()
        began = time.perf_counter()
        with Session(engine) as session, session.begin():
            load.load(session, responses=args.responses)
        with Session(engine) as session, session.begin():
            for response_id in session.scalars(select(Response.id)).all():
                answer_analysis.analyse_response(session, response_id=response_id)
        print(f"loaded and analysed the demo in {time.perf_counter() - began:.0f} s")
        with Session(engine) as session, session.begin():
            user = accounts.create_user(
                session, email="bench@council.example", role=Role.rights_team
            )
            token = signin.start_session(session, user)
        client = TestClient(create_served_app())
        client.cookies.set("ys_staff", token)
        stored = queue.group_key

        def page(times: list[float]) -> str:
            response = client.get("/staff/review")
            assert response.status_code == 200, response.text[:300]
            times.append(float(response.headers["server-timing"].split("dur=")[1]))
            return response.text

        before: list[float] = []
        after: list[float] = []
        pages: dict[str, str] = {}
        for _ in range(args.repeats + 1):  # the first of each warms up and is dropped
            queue.group_key = folded_in_sql  # type: ignore[assignment]
            pages["before"] = page(before)
            queue.group_key = stored  # type: ignore[assignment]
            pages["after"] = page(after)
        before, after = before[1:], after[1:]
        # The same queue either way: the same progress line and the same first answer.
        assert pages["before"].split("<main")[1][:2000] == pages["after"].split("<main")[1][:2000]
        row = {
            "responses": args.responses,
            "before_p50_ms": round(statistics.median(before), 1),
            "after_p50_ms": round(statistics.median(after), 1),
            "before_max_ms": round(max(before), 1),
            "after_max_ms": round(max(after), 1),
        }
        row["after_over_before"] = round(row["after_p50_ms"] / row["before_p50_ms"], 3)
        print(
            f"GET /staff/review: before {row['before_p50_ms']} ms, after {row['after_p50_ms']}"
            f" ms (p50 of {args.repeats}); after / before = {row['after_over_before']}"
        )
        client.close()
        reset_engine()
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "review_queue.json").write_text(json.dumps(row, indent=2))


if __name__ == "__main__":
    main()
