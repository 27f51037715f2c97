"""The council's learned theme model: trained from reviews, applied beside the rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from analysis.learned import LearnedModel as Model
from analysis.learned import train
from api import jobs, reference_cache
from api.config import get_settings
from api.models import AnswerReview, LearnedModel
from api.reviews.service import reviewed_pairs

LEARN = "analysis.learn"
RETRAIN_EVERY = 50  # reviews


def maybe_queue_training(session: Session) -> None:
    """Queue training at the threshold and every RETRAIN_EVERY reviews after it."""
    reviews = session.scalar(select(func.count(func.distinct(AnswerReview.answer_id)))) or 0
    threshold = get_settings().learning_min_reviews
    if reviews >= threshold and (reviews - threshold) % RETRAIN_EVERY == 0:
        jobs.enqueue(session, kind=LEARN, unique_key=f"{LEARN}:{reviews}")


def train_model(session: Session) -> LearnedModel | None:
    """Train on every reviewed answer and make it the active model; None if too few."""
    pairs = reviewed_pairs(session)
    if len(pairs) < get_settings().learning_min_reviews:
        return None
    texts = [text for _, _, text in pairs]
    labels = [{f"{t['id']}:{t['polarity']}" for t in review.themes} for _, review, _ in pairs]
    try:
        model, metrics = train(texts, labels)
    except ValueError:
        return None  # no theme has enough examples yet
    session.execute(update(LearnedModel).values(active=False))
    row = LearnedModel(
        reviewed_answers=len(pairs), parameters=model.to_json(), metrics=metrics, active=True
    )
    session.add(row)
    session.flush()
    return row


def active_model(session: Session) -> Model | None:
    """The active model, parsed once per process (a model's numbers never change)."""
    model_id = session.scalar(
        select(LearnedModel.id).where(LearnedModel.active).order_by(LearnedModel.id.desc())
    )
    if model_id is None:
        return None

    def load() -> Model | None:
        parameters = session.scalar(
            select(LearnedModel.parameters).where(LearnedModel.id == model_id)
        )
        return Model.from_json(parameters) if parameters else None

    return reference_cache.for_session(session).get(("learned_model", model_id), load)


@jobs.handler(LEARN)
def learn(session: Session, payload: dict[str, Any]) -> None:
    train_model(session)
