"""The staff download of a year's responses (/staff/export/responses.csv), in PostgreSQL:
the streamed export against the in-memory export it replaced, both as ratios to the bare SQL
that reads the same rows, and the memory each holds at its peak.

Run: .venv/bin/python -m benchmarks.responses_export [--responses 20000] [--repeats 5]
The statement report's generator (parent-carer responses over a year, 8 statements each) with
a free-text answer, its analysis and a theme on 30% of them (as benchmarks/digest_build.py).
"before" is the old route's work: csv_io.export_responses (one session, ORM objects, text
redacted again) joined into one string by csv_export.to_csv. "after" is csv_stream: batches
of 500 in their own transactions, encoded chunk by chunk (every chunk is consumed, as the
client would). "bare" is one hand-written query for the responses and their answers.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from api.accounts.scope import Scope
from api.core.db import build_engine
from api.reports import csv_export
from api.responses import csv_io, csv_stream
from api.responses.browse import Listing
from api.responses.filters import ResponseFilters, ResponseMatch
from benchmarks.common import RESULTS, alternate, fresh_database, generate
from benchmarks.digest_build import FREE_TEXT
from benchmarks.statement_report import GENERATE
from frontend.staff import labels

# The statement report's generator joins every version of the survey, which now has two: one
# response per number, in the latest version.
ONE_VERSION = GENERATE.replace(
    "JOIN survey_versions v ON v.survey_id = s.id;",
    "JOIN survey_versions v ON v.survey_id = s.id"
    " AND v.version = (SELECT max(version) FROM survey_versions WHERE survey_id = s.id);",
)
BARE = """
SELECT r.public_id, r.submitted_at, r.team_id, r.audience, r.channel, r.language,
       a.question_id, a.scale_value, a.not_applicable, a.text
FROM responses r JOIN answers a ON a.response_id = r.id
WHERE r.survey_id = (SELECT id FROM surveys WHERE key = 'parent-carer')
  AND r.submitted_on >= :start AND r.submitted_on <= :end
ORDER BY r.submitted_at, r.id
"""


def peak_mib(function: Callable[[], object]) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scope = Scope.system("bench")
    end = date.today()
    start = end - timedelta(days=365)
    with tempfile.TemporaryDirectory() as tmp, fresh_database("postgresql", Path(tmp)) as url:
        engine = build_engine(url)
        took = generate(engine, ONE_VERSION + ";\n\n" + FREE_TEXT, args.responses)
        print(f"generated {args.responses:,} responses in {took:.0f} s")
        sessions = sessionmaker(bind=engine, expire_on_commit=False)

        def before() -> int:
            with sessions() as session:
                rows = csv_io.export_responses(
                    session, scope, survey_key="parent-carer", start=start, end=end
                )
                body = csv_export.to_csv(rows)
                session.rollback()  # leave no audit rows between repeats
            return len(body)

        export = csv_stream.Export(
            survey_key="parent-carer",
            listing=Listing(scope, start, end, ResponseFilters(), ResponseMatch()),
        )
        first_chunk: list[float] = []

        def after() -> int:
            began = time.perf_counter()
            size = 0
            for chunk in csv_stream.encoded(
                csv_stream.rows(sessions, export, theme_label=labels.theme)
            ):
                if not size:
                    first_chunk.append(time.perf_counter() - began)
                size += len(chunk)
            return size

        def bare() -> int:
            with engine.connect() as conn:
                return len(conn.execute(sa.text(BARE), {"start": start, "end": end}).all())

        with Session(engine) as session:
            rows = session.scalar(
                sa.text(
                    "SELECT count(*) FROM responses WHERE submitted_on >= :start"
                    " AND submitted_on <= :end"
                ),
                {"start": start, "end": end},
            )
        old, bare_before = alternate(before, bare, args.repeats)
        new, bare_after = alternate(after, bare, args.repeats)
        baseline = (bare_before + bare_after) / 2
        results = {
            "responses_in_12_months": rows,
            "before_s": round(old, 3),
            "after_s": round(new, 3),
            "bare_s": round(baseline, 3),
            "before_x_bare": round(old / baseline, 2),
            "after_x_bare": round(new / baseline, 2),
            "after_over_before": round(new / old, 2),
            "after_first_chunk_s": round(sorted(first_chunk)[len(first_chunk) // 2], 3),
            "before_peak_mib": round(peak_mib(before), 1),
            "after_peak_mib": round(peak_mib(after), 1),
        }
        engine.dispose()
    print(json.dumps(results, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "responses_export.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
