"""Reviewing analysis: the queue (least certain first), corrections that stick, agreement."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from analysis.agreement import cohen_kappa, theme_agreement
from analysis.taxonomy import load as load_taxonomy
from api.accounts.scope import Scope
from api.core import audit
from api.core.config import get_settings
from api.core.errors import FieldError, Forbidden, InvalidInput, NotFound
from api.models import (
    Answer,
    AnswerAnalysis,
    AnswerReview,
    AnswerTheme,
    LearnedModel,
    Response,
    SafeguardingAlert,
    SurveyQuestion,
)
from api.models.enums import QuestionKind, Role
from api.reviews.schemas import (
    AgreementRead,
    QueueItem,
    ReviewCreate,
    ReviewRead,
    ThemeAgreementRead,
    ThemeChoice,
)
from api.tallies import marks as tally_marks

REVIEWERS = frozenset({Role.admin, Role.rights_team})


def _require_reviewer(scope: Scope) -> None:
    if scope.role not in REVIEWERS:
        raise Forbidden("Theme review is for the children's rights team")


def _theme_ids() -> set[str]:
    settings = get_settings()
    taxonomy = load_taxonomy(settings.taxonomy_file) if settings.taxonomy_file else load_taxonomy()
    return {t.id for t in taxonomy.themes}


def review(session: Session, scope: Scope, *, correction: ReviewCreate) -> ReviewRead:
    """Record a reviewer's themes and sentiment for an answer; they replace the automatic ones
    in every count, and re-analysis keeps them."""
    _require_reviewer(scope)
    unknown = sorted({t.id for t in correction.themes} - _theme_ids())
    if unknown:
        raise InvalidInput(
            "Unknown theme", errors=[FieldError("themes", f"not a theme: {', '.join(unknown)}")]
        )
    found = session.execute(
        select(Answer.id, Answer.response_id)
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            Response.public_id == correction.response,
            SurveyQuestion.key == correction.question,
            SurveyQuestion.kind == QuestionKind.free_text,
            scope.team_filter(Response.team_id),
        )
    ).first()
    if found is None:
        raise NotFound("There is no such free-text answer")
    answer_id, response_id = found
    day = session.scalar(select(Response.submitted_on).where(Response.id == response_id))
    assert day is not None
    tally_marks.mark(session, [day])  # its themes change
    themes = [{"id": t.id, "polarity": t.polarity} for t in correction.themes]
    row = AnswerReview(
        answer_id=answer_id,
        reviewer_user_id=scope.user_id,
        reviewer_label=scope.label,
        themes=themes,
        sentiment_label=correction.sentiment,
        note=correction.note,
    )
    session.add(row)
    session.execute(delete(AnswerTheme).where(AnswerTheme.answer_id == answer_id))
    session.add_all(
        AnswerTheme(
            answer_id=answer_id,
            response_id=response_id,
            theme=t["id"],
            polarity=t["polarity"],
            confidence=1.0,
            source="reviewer",
        )
        for t in {(t["id"], t["polarity"]): t for t in themes}.values()
    )
    session.flush()
    return ReviewRead(
        response=correction.response,
        question=correction.question,
        themes=[ThemeChoice(**t) for t in themes],
        sentiment=correction.sentiment,
        reviewed_at=row.reviewed_at,
        by=scope.label,
    )


# An analysed answer with what a reviewer sees of it: its words, response and question.
_ANSWER_UNDER_REVIEW = (
    select(
        AnswerAnalysis,
        Answer.text,
        Response.public_id,
        Response.submitted_at,
        SurveyQuestion.key,
    )
    .join(Answer, Answer.id == AnswerAnalysis.answer_id)
    .join(Response, Response.id == AnswerAnalysis.response_id)
    .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
)


def queue(session: Session, scope: Scope, *, limit: int = 50) -> list[QueueItem]:
    """Unreviewed answers, those the analysis is least sure of first: Welsh it could not tag,
    answers with no theme, then by lowest confidence. Raw text: every page is audited."""
    _require_reviewer(scope)
    reviewed = select(AnswerReview.answer_id)
    rows = session.execute(
        _ANSWER_UNDER_REVIEW.where(
            AnswerAnalysis.empty.is_(False),
            AnswerAnalysis.answer_id.not_in(reviewed),
            scope.team_filter(Response.team_id),
        )
        .order_by(AnswerAnalysis.needs_review.desc(), Response.submitted_at.desc())
        .limit(limit * 4)
    ).tuples()
    items = [_queue_item(*row) for row in rows]
    items.sort(key=lambda i: (not i.needs_review, bool(i.themes), i.lowest_confidence or 0.0))
    items = items[:limit]
    if items:
        audit.record(
            session, scope, action="reviews.view_queue", object_type="answers", count=len(items)
        )
    return items


def _queue_item(
    analysis: AnswerAnalysis, text: str | None, response: str, submitted_at: datetime, question: str
) -> QueueItem:
    confidences = [float(t["confidence"]) for t in analysis.themes]
    return QueueItem(
        response=response,
        question=question,
        text=text or "",
        language=analysis.language,
        themes=analysis.themes,
        sentiment=analysis.sentiment_label,
        lowest_confidence=min(confidences) if confidences else None,
        needs_review=analysis.needs_review,
        submitted_at=submitted_at,
    )


def item(session: Session, scope: Scope, *, response: str, question: str) -> QueueItem:
    """One free-text answer with its analysis, for a reviewer to correct; audited."""
    _require_reviewer(scope)
    row = (
        session.execute(
            _ANSWER_UNDER_REVIEW.where(
                Response.public_id == response,
                SurveyQuestion.key == question,
                scope.team_filter(Response.team_id),
            )
        )
        .tuples()
        .first()
    )
    if row is None:
        raise NotFound("There is no such free-text answer")
    audit.record(
        session, scope, action="reviews.view_answer", object_type="response", object_id=response
    )
    return _queue_item(*row)


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
    _require_reviewer(scope)
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
            ThemeAgreementRead(**vars(t))
            for t in theme_agreement(theme_pairs, sorted(_theme_ids()))
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
