"""Equality monitoring: how many people chose each answer, as suppressed counts only.

Equality answers are special-category data (UK GDPR Art. 9). No page shows one person's
(they are stored apart from a response's answers: api/models/equality.py); this report is the
one way out, and every count in it passes `shown_count` as a figure leaving the system, for
every role: a small exact count beside a team and a month can name a person (decision 48).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.stats import LEAVES_THE_SYSTEM, shown_count
from api.accounts.scope import Scope
from api.models import EqualityAnswer, Response, SurveyQuestion
from api.reports.schemas import EqualityOption, EqualityQuestion, EqualityReport, Suppression
from api.reports.service import policy
from api.surveys import library
from api.surveys import service as surveys
from api.surveys.definitions import QuestionDefinition


def report(
    session: Session,
    scope: Scope,
    *,
    survey: str,
    start: date | None = None,
    end: date | None = None,
) -> EqualityReport:
    """Per equality question of a survey: the count per answer, small numbers suppressed."""
    survey_row = surveys.survey_by_key(session, survey)
    query = (
        select(SurveyQuestion.key, EqualityAnswer.choice, func.count())
        .select_from(EqualityAnswer)
        .join(Response, Response.id == EqualityAnswer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == EqualityAnswer.question_id)
        .where(Response.survey_id == survey_row.id, scope.team_filter(Response.team_id))
        .group_by(SurveyQuestion.key, EqualityAnswer.choice)
    )
    if start is not None:
        query = query.where(Response.submitted_on >= start)
    if end is not None:
        query = query.where(Response.submitted_on <= end)
    counted: dict[tuple[str, str], int] = {
        (key, choice): count for key, choice, count in session.execute(query).tuples()
    }
    rules = policy()
    questions = []
    for question in equality_questions(survey):
        counts = [counted.get((question.key, o.value), 0) for o in question.options]
        questions.append(
            EqualityQuestion(
                key=question.key,
                text_en=question.text.render_en(),
                answered=shown_count(sum(counts), LEAVES_THE_SYSTEM, rules),
                options=[
                    EqualityOption(
                        value=o.value,
                        label_en=o.en,
                        count=shown_count(count, LEAVES_THE_SYSTEM, rules),
                    )
                    for o, count in zip(question.options, counts, strict=True)
                ],
            )
        )
    return EqualityReport(
        survey=survey,
        start=start,
        end=end,
        questions=questions,
        suppression=Suppression(pct_below=rules.pct_min_n, count_below=rules.count_min),
    )


def csv_rows(report: EqualityReport) -> list[list[object]]:
    """The report as a spreadsheet: one row per question and answer, counts as suppressed."""
    rows: list[list[object]] = [["question", "answer", "count"]]
    for question in report.questions:
        rows += [[question.text_en, o.label_en, o.count] for o in question.options]
        rows.append([question.text_en, "(answered)", question.answered])
    return rows


def surveys_asking() -> list[str]:
    """The surveys of the library with an equality question in any version."""
    return sorted({d.key for d in library.survey_library() if any(q.equality for q in d.questions)})


def equality_questions(survey: str) -> list[QuestionDefinition]:
    """A survey's equality questions over all its versions, newest wording first."""
    found: dict[str, QuestionDefinition] = {}
    for definition in sorted(
        (d for d in library.survey_library() if d.key == survey), key=lambda d: -d.version
    ):
        for question in definition.questions:
            if question.equality and question.key not in found:
                found[question.key] = question
    return list(found.values())
