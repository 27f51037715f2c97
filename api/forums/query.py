"""A forum's routing rules as SQL: which responses it hears. The digests and the dashboard
select with this; api/forums/routing.py is the same rule for one response already in hand."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import aliased

from api.forums.definitions import RoutingRule
from api.models import AnswerAnalysis, AnswerTheme, CollectionPoint, Response, Team


def rule_condition(rule: RoutingRule) -> ColumnElement[bool]:
    """Every condition the rule gives, on Response (the caller adds the period and scope)."""
    conditions: list[ColumnElement[bool]] = []
    if rule.teams:
        conditions.append(Response.team_id.in_(select(Team.id).where(Team.slug.in_(rule.teams))))
    if rule.collection_points:
        conditions.append(
            Response.collection_point_id.in_(
                select(CollectionPoint.id).where(CollectionPoint.key.in_(rule.collection_points))
            )
        )
    if rule.audiences:
        conditions.append(Response.audience.in_(rule.audiences))
    # Aliased and correlated to Response only: the caller's query may itself select from
    # answer_themes or answer_analysis (a digest counting themes), which must not be
    # correlated into these subqueries.
    if rule.themes or rule.polarity is not None:
        theme = aliased(AnswerTheme)
        mention = [theme.response_id == Response.id]
        if rule.themes:
            mention.append(theme.theme.in_(rule.themes))
        if rule.polarity is not None:
            mention.append(theme.polarity == rule.polarity)
        conditions.append(select(theme.response_id).where(*mention).correlate(Response).exists())
    if rule.sentiments:
        analysis = aliased(AnswerAnalysis)
        conditions.append(
            select(analysis.response_id)
            .where(
                analysis.response_id == Response.id,
                analysis.sentiment_label.in_(rule.sentiments),
            )
            .correlate(Response)
            .exists()
        )
    return and_(true(), *conditions)


def heard(rules: list[RoutingRule]) -> ColumnElement[bool]:
    """What any of a forum's rules matches. Rules about statements falling below a target
    are judged on a period's figures, so they hear no single response."""
    about_responses = [r for r in rules if r.statements_below_target is None]
    if not about_responses:
        return false()
    return or_(*(rule_condition(r) for r in about_responses))


def figures_scope(rules: list[RoutingRule]) -> ColumnElement[bool]:
    """Whose ratings a forum's statement figures count: everyone its rules' teams, collection
    points and audiences heard from, whatever their words were about. A forum that hears
    complaints about reliability must still see its teams' share who felt listened to from
    all their answers: a share among complainers only would read as the teams' result and
    mislead (and no dashboard page could reproduce it)."""
    about_responses = [r for r in rules if r.statements_below_target is None]
    if not about_responses:
        return false()
    return or_(
        *(
            rule_condition(r.model_copy(update={"themes": [], "polarity": None, "sentiments": []}))
            for r in about_responses
        )
    )
