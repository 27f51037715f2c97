"""How often the automatic analysis agrees with the reviewers: per-theme precision, recall
and kappa, sentiment agreement, and alerts closed as not a disclosure (council-wide)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.agreement import cohen_kappa, theme_agreement
from api.accounts.scope import Scope
from api.models import Answer, AnswerAnalysis, AnswerReview, LearnedModel, SafeguardingAlert
from api.reviews.schemas import AgreementRead, ThemeAgreementRead
from api.reviews.service import require_reviewer, theme_ids


def reviewed_pairs(session: Session) -> list[tuple[AnswerAnalysis, AnswerReview, str]]:
    """Each reviewed answer's analysis, its latest review and its text."""
    latest = (
        select(AnswerReview.answer_id, func.max(AnswerReview.id).label("review_id"))
        .group_by(AnswerReview.answer_id)
        .subquery()
    )
    return [
        (analysis, review_row, text or "")
        for analysis, review_row, text in session.execute(
            select(AnswerAnalysis, AnswerReview, Answer.text)
            .join(latest, latest.c.answer_id == AnswerAnalysis.answer_id)
            .join(AnswerReview, AnswerReview.id == latest.c.review_id)
            .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        ).tuples()
    ]


def agreement(session: Session, scope: Scope) -> AgreementRead:
    """How often the automatic analysis agrees with the reviewers (council-wide)."""
    require_reviewer(scope)
    pairs = reviewed_pairs(session)
    theme_pairs = [
        (
            {t["id"] for t in a.themes if t.get("source", "rules") not in ("model", "council")},
            {t["id"] for t in r.themes},
        )
        for a, r, _ in pairs
    ]
    automatic = [a.sentiment_label for a, _, _ in pairs]
    human = [r.sentiment_label for _, r, _ in pairs]
    raised = session.scalar(select(func.count(SafeguardingAlert.id))) or 0
    dismissed = (
        session.scalar(
            select(func.count(SafeguardingAlert.id)).where(SafeguardingAlert.not_a_disclosure)
        )
        or 0
    )
    model = session.scalar(
        select(LearnedModel).where(LearnedModel.active).order_by(LearnedModel.id.desc()).limit(1)
    )
    return AgreementRead(
        reviewed_answers=len(pairs),
        themes=[
            ThemeAgreementRead(**vars(t)) for t in theme_agreement(theme_pairs, sorted(theme_ids()))
        ],
        sentiment_kappa=cohen_kappa(automatic, human),
        sentiment_agreement=(
            sum(a == h for a, h in zip(automatic, human, strict=True)) / len(pairs)
            if pairs
            else None
        ),
        alerts_closed_as_not_a_disclosure=dismissed,
        alerts_raised=raised,
        model=None
        if model is None
        else {
            "trained_at": model.trained_at.isoformat(),
            "reviewed_answers": model.reviewed_answers,
            "metrics": model.metrics,
        },
    )
