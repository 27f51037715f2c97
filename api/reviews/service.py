"""Reviewing analysis: the queue (least certain first), corrections that stick, agreement."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

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
    Response,
    Survey,
    SurveyQuestion,
    SurveyVersion,
    Team,
)
from api.models.enums import Audience, QuestionKind, Role
from api.reviews import effective
from api.reviews import queue as review_queue
from api.reviews.schemas import (
    QueueItem,
    ReviewCreate,
    ReviewedRead,
    ReviewRead,
    SuggestionRead,
    ThemeChoice,
)
from api.tallies import marks as tally_marks

REVIEWERS = frozenset({Role.admin, Role.rights_team})


def require_reviewer(scope: Scope) -> None:
    if scope.role not in REVIEWERS:
        raise Forbidden("Theme review is for the children's rights team")


def theme_ids() -> set[str]:
    settings = get_settings()
    taxonomy = load_taxonomy(settings.taxonomy_file) if settings.taxonomy_file else load_taxonomy()
    return {t.id for t in taxonomy.themes}


def review(
    session: Session, scope: Scope, *, correction: ReviewCreate, identical: bool = False
) -> ReviewRead:
    """Record a reviewer's themes and sentiment for an answer; they replace the automatic ones
    in every count, and re-analysis keeps them. With `identical`, every answer in scope with the
    same words to the same question gets the same review, in this one transaction."""
    require_reviewer(scope)
    unknown = sorted({t.id for t in correction.themes} - theme_ids())
    if unknown:
        raise InvalidInput(
            "Unknown theme", errors=[FieldError("themes", f"not a theme: {', '.join(unknown)}")]
        )
    found = session.execute(
        select(Answer.id, Answer.response_id, Response.submitted_on)
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            Response.public_id == correction.response,
            SurveyQuestion.key == correction.question,
            SurveyQuestion.kind == QuestionKind.free_text,
            scope.team_filter(Response.team_id),
            scope.words_filter(Answer.visibility),
        )
    ).first()
    if found is None:
        raise NotFound("There is no such free-text answer")
    answer_id, response_id, day = found
    targets = {answer_id: (response_id, day)}
    if identical:
        targets |= {
            m.answer_id: (m.response_id, m.submitted_on)
            for m in _identical(session, scope, answer_id)
        }
    themes = [{"id": t.id, "polarity": t.polarity} for t in correction.themes]
    # One moment for the whole group: they were reviewed together, in one act.
    at = datetime.now(UTC)
    tally_marks.mark(session, sorted({d for _, d in targets.values()}))  # their themes change
    for target, (target_response, _) in targets.items():
        _write(session, scope, target, target_response, themes, correction, at)
    if len(targets) > 1:
        audit.record(
            session,
            scope,
            action="reviews.review_identical",
            object_type="response",
            object_id=correction.response,
            question=correction.question,
            count=len(targets),
        )
    session.flush()
    return ReviewRead(
        response=correction.response,
        question=correction.question,
        themes=[ThemeChoice(**t) for t in themes],
        sentiment=correction.sentiment,
        reviewed_at=at,
        by=scope.label,
        answers=len(targets),
    )


def _identical(session: Session, scope: Scope, answer_id: int) -> list[review_queue.Member]:
    """The answers in scope with the same words as this one that share its review: those not
    yet reviewed, and those still carrying the same review as this one (they were reviewed
    with it). One a person reviewed differently keeps its own review. This answer included."""
    group = review_queue.group_of(session, scope, answer_id)
    if group is None:
        return []
    members = review_queue.members(session, scope, question=group[0], key=group[1])
    reviews = effective.latest_reviews(session, [m.answer_id for m in members])
    own = reviews.get(answer_id)
    return [
        m
        for m in members
        if m.answer_id == answer_id
        or m.answer_id not in reviews
        or (own is not None and effective.same_review(own, reviews[m.answer_id]))
    ]


@dataclass(frozen=True)
class Identical:
    """An answer as a reviewer sees it, with the identical answers its review is saved on."""

    item: QueueItem
    size: int
    teams: list[tuple[str, int]]
    audiences: list[tuple[str, int]]
    # It was skipped earlier and came back because only skipped answers are left.
    came_back: bool = False


def _identical_view(
    session: Session, scope: Scope, item: QueueItem, answer_id: int, came_back: bool = False
) -> Identical:
    members = _identical(session, scope, answer_id)
    teams = Counter(m.team or "No team" for m in members)
    audiences = Counter(m.audience for m in members)
    return Identical(
        item=item,
        size=max(len(members), 1),
        teams=teams.most_common(),
        audiences=audiences.most_common(),
        came_back=came_back,
    )


def next_up(session: Session, scope: Scope, *, skipped: list[tuple[str, str]]) -> Identical | None:
    """The next answer to review, least certain first, passing over the skipped ones (each a
    (response, question)); None when every answer in scope is reviewed. Audited (raw text)."""
    require_reviewer(scope)
    group, came_back = review_queue.next_group(
        session, scope, skipped=review_queue.groups_named(session, scope, skipped)
    )
    if group is None:
        return None
    found = _items(session, scope, [group.answer_id])
    if not found:
        return None
    audit.record(
        session,
        scope,
        action="reviews.view_answer",
        object_type="response",
        object_id=found[0].response,
    )
    return _identical_view(session, scope, found[0], group.answer_id, came_back)


def identical(session: Session, scope: Scope, *, response: str, question: str) -> Identical:
    """One answer (audited, as item()) with the identical answers its review would be saved on."""
    shown = item(session, scope, response=response, question=question)
    answer_id = answer_id_of(session, scope, response=response, question=question)
    assert answer_id is not None  # item() found it
    return _identical_view(session, scope, shown, answer_id)


def _write(
    session: Session,
    scope: Scope,
    answer_id: int,
    response_id: int,
    themes: list[dict[str, str]],
    correction: ReviewCreate,
    at: datetime,
) -> None:
    session.add(
        AnswerReview(
            answer_id=answer_id,
            reviewer_user_id=scope.user_id,
            reviewer_label=scope.label,
            reviewed_at=at,
            themes=themes,
            sentiment_label=correction.sentiment,
            note=correction.note,
        )
    )
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


# An analysed answer with what a reviewer sees of it: its words, response, question, team.
_ANSWER_UNDER_REVIEW = (
    select(
        AnswerAnalysis,
        Answer.text,
        Response.public_id,
        Response.submitted_at,
        SurveyQuestion.key,
        Team.slug,
        Response.audience,
        Survey.key,
        SurveyVersion.version,
    )
    .join(Answer, Answer.id == AnswerAnalysis.answer_id)
    .join(Response, Response.id == AnswerAnalysis.response_id)
    .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
    .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
    .join(Survey, Survey.id == SurveyVersion.survey_id)
    .outerjoin(Team, Team.id == Response.team_id)
)


def queue(session: Session, scope: Scope, *, limit: int = 50) -> list[QueueItem]:
    """Unreviewed answers, those the analysis is least sure of first, over every unreviewed
    answer in scope: Welsh it could not tag, answers with no theme, then by lowest confidence.
    Raw text: every page is audited."""
    require_reviewer(scope)
    ids = review_queue.ordered_answers(session, scope, limit=limit)
    items = _items(session, scope, ids)
    if items:
        audit.record(
            session, scope, action="reviews.view_queue", object_type="answers", count=len(items)
        )
    return items


def _items(session: Session, scope: Scope, answer_ids: list[int]) -> list[QueueItem]:
    if not answer_ids:
        return []
    rows = {
        row[0].answer_id: row
        for row in session.execute(
            _ANSWER_UNDER_REVIEW.where(
                AnswerAnalysis.answer_id.in_(answer_ids),
                scope.team_filter(Response.team_id),
                scope.words_filter(Answer.visibility),
            )
        ).tuples()
    }
    reviews = effective.latest_reviews(session, rows)
    return [_queue_item(*rows[i], review=reviews.get(i)) for i in answer_ids if i in rows]


def _queue_item(
    analysis: AnswerAnalysis,
    text: str | None,
    response: str,
    submitted_at: datetime,
    question: str,
    team: str | None,
    audience: Audience,
    survey: str,
    version: int,
    *,
    review: effective.Review | None,
) -> QueueItem:
    shown = effective.effective(analysis, review)
    assert shown is not None  # the analysis is there
    machine = list(analysis.themes)
    confidences = [float(t["confidence"]) for t in machine]
    return QueueItem(
        response=response,
        question=question,
        text=text or "",
        language=analysis.language,
        themes=machine if review is None else effective.as_dicts(shown.themes),
        sentiment=shown.sentiment or analysis.sentiment_label,
        lowest_confidence=min(confidences) if confidences else None,
        needs_review=analysis.needs_review,
        submitted_at=submitted_at,
        team=team,
        audience=audience,
        survey=survey,
        survey_version=version,
        reviewed=None if review is None else ReviewedRead(by=review.by, at=review.at),
        note=None if review is None else review.note,
        suggested=SuggestionRead(themes=machine, sentiment=analysis.sentiment_label),
    )


def item(session: Session, scope: Scope, *, response: str, question: str) -> QueueItem:
    """One free-text answer with its themes (a reviewer's, once reviewed) and what the analysis
    suggested, for a reviewer to accept or correct; audited."""
    require_reviewer(scope)
    answer_id = answer_id_of(session, scope, response=response, question=question)
    found = _items(session, scope, [answer_id]) if answer_id is not None else []
    if not found:
        raise NotFound("There is no such free-text answer")
    audit.record(
        session, scope, action="reviews.view_answer", object_type="response", object_id=response
    )
    return found[0]


def answer_id_of(session: Session, scope: Scope, *, response: str, question: str) -> int | None:
    """The answer a (response, question) pair names, within scope."""
    return session.scalar(
        select(Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            Response.public_id == response,
            SurveyQuestion.key == question,
            scope.team_filter(Response.team_id),
            scope.words_filter(Answer.visibility),
        )
    )
