"""Analysing a response's free text: store what analysis found; raise alerts at once; queue
possible concerns for a person to read within a working day (decision 29).

Two lanes (decision 50): `responses.analyse` runs the rules and the fast model as soon as an
answer is stored; `responses.reread` then reads the same answers again with the sentence
encoder, at low priority. The second can raise an alert the first did not, and replaces the
themes and sentiment with its better-informed ones; it never takes back an alert. Possible
concerns are queued by the second reading when one follows (decision 51): below an alert it
decides whether an adult's words need a person, and a child's words stay with a person unless
both readings find them ordinary."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from analysis.pipeline import Analysis, analyse, shipped_encoded_model
from api.alerts import raising
from api.concerns import service as concerns
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.models import (
    Answer,
    AnswerAnalysis,
    AnswerReview,
    AnswerTheme,
    Response,
    StaffUser,
    SurveyQuestion,
)
from api.models.enums import AlertSource, QuestionKind, SafeguardingLevel
from api.reviews import learning
from api.surveys import service as surveys
from api.tallies import marks as tally_marks

ANALYSE = "responses.analyse"
REREAD = "responses.reread"


def queue(session: Session, *, response_id: int) -> None:
    """Queue a response's analysis in the transaction that stored it (the worker runs it)."""
    jobs.enqueue(session, kind=ANALYSE, payload={"response_id": response_id})


def queue_many(session: Session, *, response_ids: list[int]) -> None:
    """The same for many responses, in one statement."""
    jobs.enqueue_many(session, kind=ANALYSE, payloads=[{"response_id": i} for i in response_ids])


def analyse_response(
    session: Session,
    *,
    response_id: int,
    reread: bool = False,
    second_reading: bool | None = None,
) -> list[AnswerAnalysis]:
    """Analyse every free-text answer of a response; replace earlier results; raise alerts;
    queue possible concerns. The fast lane queues the slow one (`reread`) when this machine
    has the sentence encoder, the setting allows it (`second_reading`, by default the
    service's setting) and the response has words to read; possible concerns are then the
    second reading's to queue (decision 51), alerts are raised at once either way."""
    response = session.get(Response, response_id)
    if response is None:
        return []
    if second_reading is None:
        second_reading = get_settings().second_reading
    follows = not reread and second_reading and shipped_encoded_model() is not None
    if not reread:
        raise_requests_for_help(session, response)
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
    council = learning.active_model(session)
    stored = []
    for answer, question in rows:
        result = analyse(
            answer.text or "",
            question=question,
            audience=response.audience.value,
            known_names=[*names, *(response.respondent_name or "").split()],
            taxonomy_file=get_settings().taxonomy_file,
            council=council,
            reread="shipped" if reread else "none",
        )
        stored.append(_store(session, answer, response, result))
        if result.safeguarding.flag:
            raising.raise_alert(
                session,
                subject=raising.for_response(response, answer_id=answer.id),
                source=AlertSource.analysis,
                categories=list(result.safeguarding.categories),
            )
        elif not follows:
            concerns.queue_concern(session, answer, response, result)  # only a concern queues
    if stored and follows:
        jobs.enqueue(
            session,
            kind=REREAD,
            payload={"response_id": response_id},
            priority=jobs.LOW,
        )
    return stored


def raise_requests_for_help(session: Session, response: Response) -> None:
    """A person who chose "Yes, I want someone to talk to me" gets an alert with no text
    analysis at all (decision 25); the words, if any, may then join it."""
    choices = session.execute(
        select(Answer.id, SurveyQuestion.key, Answer.choice)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            Answer.response_id == response.id,
            SurveyQuestion.kind == QuestionKind.choice,
            Answer.choice.is_not(None),
        )
    ).tuples()
    definition = surveys.definition_of_version(session, response.survey_version_id)
    for answer_id, key, choice in choices:
        question = definition.question(key)
        if question is not None and question.asks_for_help(choice):
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
        safeguarding_level=SafeguardingLevel(result.safeguarding.level.value),
        safeguarding_score=result.safeguarding.score,
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


def fast_lane_concerns(session: Session, payload: dict[str, Any]) -> None:
    """The second reading failed for good: the fast lane's own reading (stored, and its
    concerns queued) stands, so that no answer waits for a reading that will not come."""
    analyse_response(session, response_id=int(payload["response_id"]), second_reading=False)


@jobs.handler(REREAD, failed_for_good=fast_lane_concerns)
def run_reread(session: Session, payload: dict[str, Any]) -> None:
    analyse_response(session, response_id=int(payload["response_id"]), reread=True)
