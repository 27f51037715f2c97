"""Building one forum's digest over 1,000,000 responses in PostgreSQL, as a ratio to the bare
SQL aggregates it needs (goal: at most 3x).

Run: .venv/bin/python -m benchmarks.digest_build [--responses 1000000] [--repeats 5]
Reuses the statement-report generator (parent-carer responses over a year, 8 statements each),
then gives 30% of responses a free-text answer with its analysis and a theme. Two forums: the
children's rights team's kind (every response, a quarter) and a managers' space (two teams,
negative reliability or communication themes, a week). Each digest (content.build: every query
and all its Python) is timed against the hand-written queries it needs, alternating, medians.
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
from api.digests import content
from api.forums import periods
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from benchmarks.common import RESULTS, alternate, fresh_database, generate
from benchmarks.statement_report import GENERATE

FREE_TEXT = """
INSERT INTO answers (response_id, question_id, scale_value, not_applicable, choice, text)
SELECT r.id, q.id, NULL, false, NULL, 'She never rang back when she said she would ' || r.id
FROM responses r
JOIN survey_questions q ON q.survey_version_id = r.survey_version_id
 AND q.key = 'one_thing_to_change'
WHERE r.id % 10 < 3;

INSERT INTO answer_analyses (answer_id, response_id, language, empty, sentiment_label,
    sentiment_score, themes, safeguarding_flag, safeguarding_categories, needs_review,
    taxonomy_version, redacted_text, group_key, analysed_at)
SELECT a.id, a.response_id, 'en', false,
       CASE WHEN a.id % 3 = 0 THEN 'positive' ELSE 'negative' END,
       CASE WHEN a.id % 3 = 0 THEN 0.6 ELSE -0.5 END,
       json_build_array(json_build_object(
           'id', (ARRAY['reliability','communication','consistency','caring','listened_to',
                        'timeliness'])[1 + a.id % 6],
           'polarity', CASE WHEN a.id % 3 = 0 THEN 'positive' ELSE 'negative' END)),
       false, '[]', false, 1, a.text, md5(lower(a.text)), now()
FROM answers a WHERE a.text IS NOT NULL;

INSERT INTO answer_themes (answer_id, theme, polarity, response_id, confidence, source)
SELECT a.id,
       (ARRAY['reliability','communication','consistency','caring','listened_to',
              'timeliness'])[1 + a.id % 6],
       CASE WHEN a.id % 3 = 0 THEN 'positive' ELSE 'negative' END, a.response_id, 0.8, 'rules'
FROM answers a WHERE a.text IS NOT NULL
"""

# What the digest needs, written by hand: channels, statement counts for the period and the one
# before, the six months' trend, theme counts for both periods, the quote candidates, alerts by
# status.
HEARS = {
    "everything": "true",
    "managers": """r.team_id IN (SELECT id FROM teams WHERE slug IN ('team-1', 'team-2'))
        AND EXISTS (SELECT 1 FROM answer_themes t2 WHERE t2.response_id = r.id
                    AND t2.theme IN ('reliability', 'communication')
                    AND t2.polarity = 'negative')""",
}
BARE = [
    """SELECT r.channel, count(*) FROM responses r
       WHERE {hears} AND r.submitted_on >= :first AND r.submitted_on < :after GROUP BY 1""",
    """SELECT r.survey_id FROM responses r
       WHERE {hears} AND r.submitted_on >= :first AND r.submitted_on < :after GROUP BY 1""",
    """SELECT r.submitted_on >= :first, a.question_id, count(*),
              sum(CASE WHEN a.scale_value >= 4 THEN 1 ELSE 0 END)
       FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE {hears} AND a.scale_value IS NOT NULL
         AND r.submitted_on >= :previous AND r.submitted_on < :after GROUP BY 1, 2""",
    """SELECT to_char(r.submitted_on, 'YYYY-MM'), a.question_id, count(*),
              sum(CASE WHEN a.scale_value >= 4 THEN 1 ELSE 0 END)
       FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE {hears} AND a.scale_value IS NOT NULL
         AND r.submitted_on >= :six_months AND r.submitted_on < :after GROUP BY 1, 2""",
    """SELECT t.theme, t.polarity, count(*) FROM answer_themes t
       JOIN responses r ON r.id = t.response_id
       WHERE {hears} AND r.submitted_on >= :first AND r.submitted_on < :after GROUP BY 1, 2""",
    """SELECT t.theme, t.polarity, count(*) FROM answer_themes t
       JOIN responses r ON r.id = t.response_id
       WHERE {hears} AND r.submitted_on >= :previous AND r.submitted_on < :first GROUP BY 1, 2""",
    """SELECT a.answer_id, a.redacted_text, a.sentiment_score, a.themes FROM answer_analyses a
       JOIN responses r ON r.id = a.response_id
       WHERE {hears} AND r.submitted_on >= :first AND r.submitted_on < :after
         AND NOT a.empty AND NOT a.safeguarding_flag
       ORDER BY abs(a.sentiment_score) DESC, a.answer_id LIMIT 200""",
    """SELECT s.status, count(*) FROM safeguarding_alerts s
       JOIN responses r ON r.id = s.response_id
       WHERE {hears} AND r.submitted_on >= :first AND r.submitted_on < :after GROUP BY 1""",
]
FORUMS = {
    "everything": {
        "key": "everything",
        "name": "Children's rights team (everything)",
        "schedule": {"cadence": "quarterly"},
        "rules": [{}],
    },
    "managers": {
        "key": "managers",
        "name": "Team managers",
        "schedule": {"cadence": "weekly"},
        "rules": [
            {
                "teams": ["team-1", "team-2"],
                "themes": ["reliability", "communication"],
                "polarity": "negative",
            }
        ],
    },
}


def generate_with_free_text(engine: sa.Engine, responses: int) -> None:
    """The statement report's responses, 30% with a free-text answer, its analysis and a
    theme (shared with benchmarks/overview.py)."""
    took = generate(engine, GENERATE + ";\n\n" + FREE_TEXT, responses)
    print(f"generated {responses:,} responses in {took:.0f} s")


def six_months_before(last_day: date) -> date:
    """The first day of the trend's first month (api/digests/content.py)."""
    first = last_day.replace(day=1)
    for _ in range(content.TREND_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    results = []
    with (
        tempfile.TemporaryDirectory() as workdir,
        fresh_database("postgresql", Path(workdir)) as url,
    ):
        engine = build_engine(url)
        generate_with_free_text(engine, args.responses)
        with Session(engine) as session:
            rows = {
                name: forums.create(
                    session, Scope.system("bench"), definition=ForumDefinition.model_validate(f)
                )
                for name, f in FORUMS.items()
            }
            session.commit()
            today = date.today()
            for name, row in rows.items():
                cadence = forums.definition_of(row).schedule.cadence
                period = periods.containing(today, cadence).previous(cadence)
                first, after = period.first_day, period.after_last_day
                params = {
                    "first": first,
                    "after": after,
                    "previous": first - (after - first),
                    "six_months": six_months_before(after - timedelta(days=1)),
                }
                queries = [sa.text(q.format(hears=HEARS[name])) for q in BARE]
                built = content.build(session, row, period)  # warm the caches once
                service_s, bare_s = alternate(
                    lambda r=row, p=period: content.build(session, r, p),
                    lambda qs=queries, ps=params: [session.execute(q, ps).all() for q in qs],
                    args.repeats,
                    between=session.rollback,
                )
                results.append(
                    {
                        "forum": name,
                        "period": period.key,
                        "responses_in_period": built.responses,
                        "digest_ms": round(service_s * 1000, 1),
                        "bare_sql_ms": round(bare_s * 1000, 1),
                        "ratio": round(service_s / bare_s, 2),
                    }
                )
                print(
                    f"{name:>10} {period.key}: digest {service_s * 1000:6.0f} ms, bare SQL "
                    f"{bare_s * 1000:6.0f} ms, ratio {service_s / bare_s:.2f}x (goal <= 3x); "
                    f"{built.responses} responses heard"
                )
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "digest_build.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
