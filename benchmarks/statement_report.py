"""The statement report over 1,000,000 responses in PostgreSQL, as a ratio to bare SQL.

Run: .venv/bin/python -m benchmarks.statement_report [--responses 1000000] [--repeats 5]
Generates parent-carer responses (8 statements each: 8,000,000 answers) in a schema of its
own, then times the report service (SQL plus all its Python) against the bare GROUP BY it
needs, alternating the two, and prints the median of each and their ratio (goal: <= 3x).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.core.db import build_engine
from api.reports import service as reports
from api.reports.schemas import GroupBy
from benchmarks.common import RESULTS, alternate, fresh_database, generate

GENERATE = """
INSERT INTO teams (slug, name, service_area, active, created_at)
SELECT 'team-' || t, 'Team ' || t, 'cin_cp', true, now() FROM generate_series(1, 6) t;

INSERT INTO responses (public_id, survey_id, survey_version_id, team_id, collection_point_id,
    audience, channel, language, completeness, submitted_at, submitted_on, created_at,
    idempotency_key, fingerprint)
SELECT md5(g::text), s.id, v.id,
       (SELECT min(id) FROM teams) + (g % 6),
       (SELECT min(id) FROM collection_points) + (g % 2),
       'parent_carer',
       (ARRAY['sms', 'web', 'qr', 'import'])[1 + g % 4],
       CASE WHEN g % 13 = 0 THEN 'cy' ELSE 'en' END,
       'complete', at, (at AT TIME ZONE 'Europe/London')::date, now(), NULL, ''
FROM generate_series(1, :n) g
-- "+ 0 * g" ties the subquery to the row: uncorrelated, PostgreSQL runs it once.
CROSS JOIN LATERAL (SELECT now() - (random() + 0 * g) * interval '365 days' AS at) t
JOIN surveys s ON s.key = 'parent-carer'
JOIN survey_versions v ON v.survey_id = s.id;

INSERT INTO answers (response_id, question_id, scale_value, not_applicable, choice, text)
SELECT r.id, q.id,
       CASE WHEN x < 0.03 THEN NULL WHEN x < 0.78 THEN 4 + (x * 100)::int % 2
            ELSE 1 + (x * 100)::int % 3 END,
       x < 0.03, NULL, NULL
FROM responses r
JOIN survey_questions q ON q.is_statement AND q.survey_version_id = r.survey_version_id
CROSS JOIN LATERAL (SELECT random() + 0 * r.id AS x) rnd;
"""

# The bare aggregates each report needs: what a hand-written query would do, nothing more.
BARE = {
    "all time": """
        SELECT a.question_id, count(*), sum(CASE WHEN a.scale_value >= 4 THEN 1 ELSE 0 END)
        FROM answers a JOIN responses r ON r.id = a.response_id
        WHERE r.survey_id = :survey AND a.scale_value IS NOT NULL
        GROUP BY a.question_id""",
    "by team, one quarter against the one before": """
        SELECT r.team_id, r.submitted_on >= :start, a.question_id, count(*),
               sum(CASE WHEN a.scale_value >= 4 THEN 1 ELSE 0 END)
        FROM answers a JOIN responses r ON r.id = a.response_id
        WHERE r.survey_id = :survey AND a.scale_value IS NOT NULL
          AND r.submitted_on >= :previous_start AND r.submitted_on <= :end
        GROUP BY 1, 2, 3""",
    "by month": """
        SELECT to_char(r.submitted_on, 'YYYY-MM'), a.question_id, count(*),
               sum(CASE WHEN a.scale_value >= 4 THEN 1 ELSE 0 END)
        FROM answers a JOIN responses r ON r.id = a.response_id
        WHERE r.survey_id = :survey AND a.scale_value IS NOT NULL
        GROUP BY 1, 2""",
}


BENCH = Scope.system("bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    end = date.today()
    start = end - timedelta(days=90)
    requests = {
        "all time": reports.ReportRequest(survey="parent-carer"),
        "by team, one quarter against the one before": reports.ReportRequest(
            survey="parent-carer", by=[GroupBy.team], start=start, end=end
        ),
        "by month": reports.ReportRequest(survey="parent-carer", by=[GroupBy.month]),
    }
    results = []
    with (
        tempfile.TemporaryDirectory() as workdir,
        fresh_database("postgresql", Path(workdir)) as url,
    ):
        engine = build_engine(url)
        took = generate(engine, GENERATE, args.responses)
        print(f"generated {args.responses:,} responses in {took:.0f} s")
        with Session(engine) as session:
            survey_id = session.scalar(sa.text("SELECT id FROM surveys WHERE key = 'parent-carer'"))
            answers = session.scalar(sa.text("SELECT count(*) FROM answers"))
            params = {
                "survey": survey_id,
                "start": start,
                "end": end,
                "previous_start": start - timedelta(days=(end - start).days + 1),
            }
            for name, request in requests.items():
                service_s, bare_s = alternate(
                    lambda r=request: reports.statements(session, BENCH, request=r),
                    lambda q=BARE[name]: session.execute(sa.text(q), params).all(),
                    args.repeats,
                    between=session.rollback,
                )
                results.append(
                    {
                        "report": name,
                        "responses": args.responses,
                        "answers": answers,
                        "service_ms": round(service_s * 1000, 1),
                        "bare_sql_ms": round(bare_s * 1000, 1),
                        "ratio": round(service_s / bare_s, 2),
                        "repeats": args.repeats,
                    }
                )
                print(
                    f"{name:>45}: report {service_s * 1000:7.0f} ms, bare SQL "
                    f"{bare_s * 1000:7.0f} ms, ratio {service_s / bare_s:.2f}x (goal <= 3x)"
                )
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "statement_report.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
