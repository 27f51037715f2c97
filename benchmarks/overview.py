"""The staff Overview page over 1,000,000 responses in PostgreSQL: its server time (goal: p95
at most 300 ms) and its ratio to the bare SQL aggregates it needs (goal: at most 3x).

Run: .venv/bin/python -m benchmarks.overview [--responses 1000000] [--repeats 30]
The statement report's generator (parent-carer responses over a year, 8 statements each) plus
a free-text answer, its analysis and a theme on 30% of responses (as the digest benchmark),
then every day counted into the daily tallies, as the worker does (decision 23).
A rights officer (every team) is signed in; each request is `GET /staff?period=...` through
the app in process, rendered whole: session check, every query, charts, template. Server time
is the page's own `Server-Timing` (the transaction from session check to rendered page); the
time with HTTP is the client's, in process (no network). The bare side runs the hand-written
queries the page needs. The two alternate; medians and 95th percentiles of each, per period.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from api.core.db import build_engine
from benchmarks.common import RESULTS, fresh_database
from benchmarks.digest_build import generate_with_free_text

# What the Overview needs, by hand, from the daily tallies (decision 23): the marked days,
# responses by day and channel, the surveys heard, the statement counts for the period and the
# one before, theme mentions by day, the funnel (invitations by point and status, responses by
# point), open alerts.
BARE = [
    """SELECT DISTINCT day FROM tally_marks WHERE day >= :previous AND day <= :end""",
    """SELECT day, channel, sum(responses) FROM response_tallies
       WHERE day >= :start AND day <= :end GROUP BY 1, 2""",
    """SELECT survey_id, sum(responses) FROM response_tallies
       WHERE day >= :start AND day <= :end GROUP BY 1""",
    """SELECT day >= :start, question_id, sum(answered), sum(agreed) FROM statement_tallies
       WHERE survey_id = (SELECT id FROM surveys WHERE key = 'parent-carer')
         AND day >= :previous AND day <= :end GROUP BY 1, 2""",
    """SELECT day, theme, polarity, sum(mentions) FROM theme_tallies
       WHERE day >= :start AND day <= :end GROUP BY 1, 2, 3""",
    """SELECT i.collection_point_id, i.status, count(*) FROM invitations i
       WHERE i.sent_at >= :start AND i.sent_at < :after GROUP BY 1, 2""",
    """SELECT collection_point_id, sum(responses) FROM response_tallies
       WHERE day >= :start AND day <= :end GROUP BY 1""",
    """SELECT count(*) FROM safeguarding_alerts WHERE status IN ('new', 'acknowledged')""",
]
PERIODS = {"month": None, "3m": 91, "12m": 365}


def period_dates(name: str, today: date) -> tuple[date, date]:
    if name == "month":
        return today.replace(day=1), today
    return today - timedelta(days=PERIODS[name] or 0), today


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    results = []
    with (
        tempfile.TemporaryDirectory() as workdir,
        fresh_database("postgresql", Path(workdir)) as url,
    ):
        engine = build_engine(url)
        generate_with_free_text(engine, args.responses)
        from api.tallies import recount

        began = time.perf_counter()
        with Session(engine) as session, session.begin():
            days = recount.mark_everything(session)
        while True:
            with Session(engine) as session, session.begin():
                if not recount.recount(session, limit=400):
                    break
        with engine.connect() as connection:
            connection.execute(sa.text("ANALYZE"))
            connection.commit()
        print(f"counted {days} days into the tallies in {time.perf_counter() - began:.0f} s")
        os.environ["YOUSAID_DATABASE_URL"] = url
        from fastapi.testclient import TestClient

        from api.accounts import service as accounts
        from api.accounts import signin
        from api.core.config import get_settings
        from api.core.db import reset_engine
        from api.main import create_served_app
        from api.models.enums import Role

        get_settings.cache_clear()
        reset_engine()
        with Session(engine) as session, session.begin():
            user = accounts.create_user(
                session, email="bench@council.example", role=Role.rights_team
            )
            token = signin.start_session(session, user)
        client = TestClient(create_served_app())  # as `yousaid serve` runs it
        client.cookies.set("ys_staff", token)
        today = date.today()
        with engine.connect() as connection:
            for name in PERIODS:
                start, end = period_dates(name, today)
                params = {
                    "start": start,
                    "end": end,
                    "previous": start - (end - start) - timedelta(days=1),
                    "after": end + timedelta(days=1),
                }
                queries = [sa.text(q) for q in BARE]

                server: list[float] = []

                def page(name: str = name, server: list[float] = server) -> None:
                    response = client.get(f"/staff?period={name}")
                    assert response.status_code == 200, response.text[:300]
                    timing = response.headers["server-timing"]  # app;dur=12.3
                    server.append(float(timing.split("dur=")[1]) / 1000)

                def bare(qs: list[sa.TextClause] = queries, ps: dict = params) -> None:
                    for query in qs:
                        connection.execute(query, ps).all()
                    connection.rollback()

                page()
                bare()  # warm both
                server.clear()
                page_times, bare_times = [], []
                for _ in range(args.repeats):
                    for function, times in ((page, page_times), (bare, bare_times)):
                        began = time.perf_counter()
                        function()
                        times.append(time.perf_counter() - began)
                row = {
                    "period": name,
                    "page_p50_ms": round(statistics.median(page_times) * 1000, 1),
                    "page_p95_ms": round(percentile(page_times, 0.95) * 1000, 1),
                    "server_p50_ms": round(statistics.median(server) * 1000, 1),
                    "server_p95_ms": round(percentile(server, 0.95) * 1000, 1),
                    "bare_p50_ms": round(statistics.median(bare_times) * 1000, 1),
                    "bare_p95_ms": round(percentile(bare_times, 0.95) * 1000, 1),
                }
                row["ratio_p50"] = round(row["server_p50_ms"] / row["bare_p50_ms"], 2)
                results.append(row)
                print(
                    f"{name:>6}: server p50 {row['server_p50_ms']:5.1f} ms, p95 "
                    f"{row['server_p95_ms']:5.1f} ms (goal <= 300; with HTTP p50 "
                    f"{row['page_p50_ms']:.0f}, p95 {row['page_p95_ms']:.0f}); bare SQL p50 "
                    f"{row['bare_p50_ms']:5.1f} ms; ratio {row['ratio_p50']:.2f}x (goal <= 3x)"
                )
        client.close()
        reset_engine()
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "overview.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
