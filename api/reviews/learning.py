"""The council's own model: trained from its reviewers' corrections and its labelled history,
applied beside the rules and the shipped base model.

It is the same kind of model as the shipped one (analysis.base_model.BaseModel, chosen and
trained by the same `select` and `train`), kept in `learned_models` as its .npz bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from analysis import council_evaluation
from analysis.base_model import BaseModel
from analysis.labelled import Labelled
from api.core import reference_cache
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.models import Answer, AnswerReview, LearnedModel, Response, SurveyQuestion

LEARN = "analysis.learn"
RETRAIN_EVERY = 50  # reviews


def maybe_queue_training(session: Session) -> None:
    """Queue training at the threshold and every RETRAIN_EVERY reviews after it."""
    reviews = session.scalar(select(func.count(func.distinct(AnswerReview.answer_id)))) or 0
    threshold = get_settings().learning_min_reviews
    if reviews >= threshold and (reviews - threshold) % RETRAIN_EVERY == 0:
        jobs.enqueue(session, kind=LEARN, unique_key=f"{LEARN}:{reviews}")


def reviewed_items(session: Session) -> list[Labelled]:
    """Each reviewed answer as a labelled answer: its text, question key and audience, and its
    latest review's themes (with polarity) and sentiment. Reviews say nothing of safeguarding."""
    latest = (
        select(AnswerReview.answer_id, func.max(AnswerReview.id).label("review_id"))
        .group_by(AnswerReview.answer_id)
        .subquery()
    )
    rows = session.execute(
        select(Answer.id, Answer.text, SurveyQuestion.key, Response.audience, AnswerReview)
        .join(latest, latest.c.answer_id == Answer.id)
        .join(AnswerReview, AnswerReview.id == latest.c.review_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .join(Response, Response.id == Answer.response_id)
        .order_by(Answer.id)
    ).tuples()
    return [
        Labelled(
            text=text or "",
            question=question,
            audience=audience.value,
            themes=frozenset((t["id"], t["polarity"]) for t in review.themes),
            sentiment=review.sentiment_label.value,
            safeguarding=None,
            id=f"answer:{answer_id}",
        )
        for answer_id, text, question, audience, review in rows
        if (text or "").strip()
    ]


def train_model(session: Session, *, labelled: Sequence[Labelled] = ()) -> LearnedModel | None:
    """Train on the labelled answers given (a council's file) and every reviewed answer, and
    make it the active model. None when there is nothing to learn from: without a file, fewer
    reviews than YOUSAID_LEARNING_MIN_REVIEWS; or too few labels to train on at all."""
    reviewed = reviewed_items(session)
    if not labelled and len(reviewed) < get_settings().learning_min_reviews:
        return None
    items = [*labelled, *reviewed]
    try:
        model, measured = council_evaluation.fit(items)
    except ValueError:
        return None  # too few answers, or a single sentiment: nothing a head can learn
    session.execute(update(LearnedModel).values(active=False))
    row = LearnedModel(
        reviewed_answers=len(reviewed),
        model_npz=model.to_bytes(),
        metrics=_metrics(model, measured, items, from_file=len(labelled)),
        active=True,
    )
    session.add(row)
    session.flush()
    return row


def _metrics(
    model: BaseModel, measured: dict[str, Any], items: Sequence[Labelled], *, from_file: int
) -> dict[str, Any]:
    examples = {label: sum(label in _labels(i) for i in items) for label in model.theme_labels}
    return {
        "answers": len(items),
        "labelled_file_answers": from_file,
        "reviewed_answers": len(items) - from_file,
        "labels": examples,
        "settings": {k: v for k, v in vars(model.settings).items() if v is not None},
        "cross_validation_on_training_data": measured,
    }


def _labels(item: Labelled) -> set[str]:
    return {f"{theme}:{polarity}" for theme, polarity in item.themes}


def active_model(session: Session) -> BaseModel | None:
    """The active council model, read once a minute per process (reference_cache)."""
    model_id = session.scalar(
        select(LearnedModel.id).where(LearnedModel.active).order_by(LearnedModel.id.desc())
    )
    if model_id is None:
        return None

    def load() -> BaseModel | None:
        data = session.scalar(select(LearnedModel.model_npz).where(LearnedModel.id == model_id))
        return BaseModel.from_bytes(data) if data else None

    return reference_cache.for_session(session).get(("council_model", model_id), load)


def trained_with_a_file(session: Session) -> bool:
    """Whether the active model learned from a labelled file as well as from reviews."""
    metrics = session.scalar(
        select(LearnedModel.metrics).where(LearnedModel.active).order_by(LearnedModel.id.desc())
    )
    return bool((metrics or {}).get("labelled_file_answers"))


@jobs.handler(LEARN)
def learn(session: Session, payload: dict[str, Any]) -> None:
    # The file is not kept (it is the council's raw history): retraining from reviews alone
    # would drop what it taught, so a model that learned from a file is retrained only by
    # `yousaid learn --from FILE`, which takes the file and every review.
    if not trained_with_a_file(session):
        train_model(session)
