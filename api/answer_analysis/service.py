"""Analysing a response's free text: store what analysis found; raise alerts at once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from analysis.pipeline import Analysis, analyse
from api import jobs
from api.alerts import raising
from api.config import get_settings
from api.forms import safety
from api.models import (
    Answer,
    AnswerAnalysis,
    AnswerReview,
    AnswerTheme,
    Response,
    StaffUser,
    SurveyQuestion,
)
from api.models.enums import AlertSource, QuestionKind
from api.reviews import learning
from api.tallies import marks as tally_marks

ANALYSE = "responses.analyse"


def queue(session: Session, *, response_id: int) -> None:
    """Queue a response's analysis in the transaction that stored it (the worker runs it)."""
    jobs.enqueue(session, kind=ANALYSE, payload={"response_id": response_id})


def queue_many(session: Session, *, response_ids: list[int]) -> None:
    """The same for many responses, in one statement."""
    jobs.enqueue_many(session, kind=ANALYSE, payloads=[{"response_id": i} for i in response_ids])


def analyse_response(session: Session, *, response_id: int) -> list[AnswerAnalysis]:
    """Analyse every free-text answer of a response; replace earlier results; raise alerts."""
    response = session.get(Response, response_id)
    if response is None:
        return []
    rows = session.execute(
        select(Answer, SurveyQuestion.key)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            Answer.response_id == response_id,
            SurveyQuestion.kind == QuestionKind.free_text,
            Answer.text.is_not(None),
        )
    ).tuples()
    names = known_names(session)
    learned = learning.active_model(session)
    stored = []
    for answer, question in rows:
        result = analyse(
            answer.text or "",
            question=question,
            audience=response.audience.value,
            known_names=[*names, *(response.respondent_name or "").split()],
            taxonomy_file=get_settings().taxonomy_file,
            learned=learned,
        )
        stored.append(_store(session, answer, response, result))
        if result.safeguarding.flag:
            raising.raise_alert(
                session,
                subject=raising.for_response(response, answer_id=answer.id),
                source=AlertSource.analysis,
                categories=list(result.safeguarding.categories),
            )
    _raise_if_asked_for_help(session, response)
    return stored


def _raise_if_asked_for_help(session: Session, response: Response) -> None:
    """ "Yes, I want someone to talk to me" raises the alert without any words, however the
    response came (API, import); a web form's, raised as its page was saved, is joined."""
    answer_id = session.scalar(
        select(Answer.id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            Answer.response_id == response.id,
            SurveyQuestion.key == safety.SAFETY_QUESTION,
            Answer.choice == safety.ASKED,
        )
    )
    if answer_id is not None:
        raising.raise_alert(
            session,
            subject=raising.for_response(response, answer_id=answer_id),
            source=AlertSource.child_request,
            categories=[raising.ASKED_FOR_HELP],
        )


def _store(
    session: Session, answer: Answer, response: Response, result: Analysis
) -> AnswerAnalysis:
    reviewed = session.scalar(select(AnswerReview.id).where(AnswerReview.answer_id == answer.id))
    if not reviewed:  # a reviewer's themes stand until a reviewer changes them
        session.execute(delete(AnswerTheme).where(AnswerTheme.answer_id == answer.id))
    session.execute(delete(AnswerAnalysis).where(AnswerAnalysis.answer_id == answer.id))
    themes: list[dict[str, Any]] = [
        {
            "id": t.id,
            "polarity": t.polarity,
            "evidence": list(t.evidence),
            "confidence": t.confidence,
            "source": t.source,
        }
        for t in result.themes
    ]
    row = AnswerAnalysis(
        answer_id=answer.id,
        response_id=response.id,
        language=result.language,
        empty=result.empty,
        sentiment_label=result.sentiment.label,
        sentiment_score=result.sentiment.score,
        themes=themes,
        safeguarding_flag=result.safeguarding.flag,
        safeguarding_categories=list(result.safeguarding.categories),
        needs_review=result.needs_review,
        taxonomy_version=result.taxonomy_version,
        redacted_text=result.redacted,
    )
    session.add(row)
    if not reviewed:
        tally_marks.mark(session, [response.submitted_on])  # its themes are new
        session.add_all(
            AnswerTheme(
                answer_id=answer.id,
                response_id=response.id,
                theme=t.id,
                polarity=t.polarity,
                confidence=t.confidence,
                source=t.source,
            )
            for t in result.themes
        )
    session.flush()
    return row


def known_names(session: Session) -> list[str]:
    """Staff names the system knows, so a worker named in feedback is redacted."""
    names: set[str] = set()
    for display_name in session.scalars(select(StaffUser.display_name)):
        names.update(part for part in display_name.replace(".", " ").split() if len(part) > 2)
    return sorted(names)


@jobs.handler(ANALYSE)
def run(session: Session, payload: dict[str, Any]) -> None:
    analyse_response(session, response_id=int(payload["response_id"]))
