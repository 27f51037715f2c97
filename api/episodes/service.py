"""Episodes: made from case events, read side by side, and the child-and-carer agreement.

An episode is a case reference, an event, a team and the council's calendar day: the case
system may send one event per contact about the same closure, and they join one episode.
Every invitation made from its events belongs to it, and every response given through one of
those invitations. Anonymous web and QR answers never do (decision 46). Reading an episode is
reading what identifiable people said about one case, so it is for the roles that read raw
answers, within their teams, and every view is audited."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from analysis.stats import PublishedShare, shown_share
from api.accounts.scope import Scope
from api.core import audit
from api.core.config import get_settings
from api.core.errors import Forbidden, NotFound
from api.core.sql import insert_or_ignore
from api.episodes import compare
from api.models import (
    Answer,
    CollectionPoint,
    Episode,
    Invitation,
    Response,
    Survey,
    SurveyQuestion,
    Team,
)
from api.reports import service as reports
from api.surveys.shared_topics import SharedTopic, shared_topics

_INSERT = insert_or_ignore(
    cast(Table, Episode.__table__), conflict=("case_ref", "event", "team_id", "occurred_on")
)
ROLE_NAMES = {
    "en": {
        "young_person": "Young person",
        "parent": "Parent",
        "carer": "Carer",
        "partner": "Partner agency",
    },
    "cy": {
        "young_person": "Person ifanc",
        "parent": "Rhiant",
        "carer": "Gofalwr",
        "partner": "Asiantaeth bartner",
    },
}
# Children first, then the adults around them, then the professionals.
ROLE_ORDER = {"young_person": 0, "parent": 1, "carer": 2, "partner": 3}


def council_day(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(get_settings().timezone)).date()


def episode_for_event(
    session: Session,
    *,
    case_ref: str,
    event: str,
    team_id: int,
    occurred_at: datetime,
    point_id: int | None,
) -> int:
    """The episode this case event belongs to, made by the first event that names it."""
    key = {
        "case_ref": case_ref,
        "event": event,
        "team_id": team_id,
        "occurred_on": council_day(occurred_at),
    }
    inserted = (
        session.connection()
        .execute(
            _INSERT,
            {
                **key,
                "public_id": str(uuid.uuid4()),
                "collection_point_id": point_id,
                "created_at": datetime.now().astimezone(),
            },
        )
        .scalar()
    )
    if inserted is not None:
        return int(inserted)
    found = session.scalar(
        select(Episode.id).where(*(getattr(Episode, name) == value for name, value in key.items()))
    )
    if found is None:  # another request is inserting it and has not committed
        raise NotFound("That episode is being stored by another request; try again")
    return found


def _require_reader(scope: Scope) -> None:
    if not scope.raw_text:
        raise Forbidden("Episodes show what identifiable people said: ask a manager")


# -- reading episodes ----------------------------------------------------------------------


@dataclass(frozen=True)
class EpisodeSummary:
    public_id: str
    case_ref: str
    event: str
    team: str
    point: str | None
    occurred_on: date
    invited: int
    answered: int
    roles: tuple[str, ...]  # who answered, children first


@dataclass(frozen=True)
class EpisodePage:
    episodes: list[EpisodeSummary]
    total: int
    page: int
    pages: int


def _answered_roles(session: Session, episode_ids: list[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(Invitation.episode_id, Invitation.contact_role)
        .join(Response, Response.invitation_id == Invitation.id)
        .where(Invitation.episode_id.in_(episode_ids))
        .distinct()
    ).all()
    found: dict[int, list[str]] = defaultdict(list)
    for episode_id, role in rows:
        if role is not None:
            found[episode_id].append(role.value)
    return found


def listing(
    session: Session,
    scope: Scope,
    *,
    page: int = 1,
    per_page: int = 50,
    voices_at_least: int = 1,
    start: date | None = None,
    end: date | None = None,
) -> EpisodePage:
    """Episodes in scope, newest first, with how many were asked and how many answered."""
    _require_reader(scope)
    answered = (
        select(
            Invitation.episode_id.label("episode_id"),
            func.count(func.distinct(Response.invitation_id)).label("answered"),
        )
        .join(Response, Response.invitation_id == Invitation.id)
        .where(Invitation.episode_id.is_not(None))
        .group_by(Invitation.episode_id)
        .subquery()
    )
    invited = (
        select(Invitation.episode_id.label("episode_id"), func.count().label("invited"))
        .where(Invitation.episode_id.is_not(None))
        .group_by(Invitation.episode_id)
        .subquery()
    )
    conditions = [scope.team_filter(Episode.team_id)]
    if start:
        conditions.append(Episode.occurred_on >= start)
    if end:
        conditions.append(Episode.occurred_on <= end)
    answered_n = func.coalesce(answered.c.answered, 0)
    if voices_at_least > 0:
        conditions.append(answered_n >= voices_at_least)
    base = (
        select(
            Episode,
            Team.name,
            CollectionPoint.name_en,
            func.coalesce(invited.c.invited, 0),
            answered_n,
        )
        .join(Team, Team.id == Episode.team_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == Episode.collection_point_id)
        .outerjoin(invited, invited.c.episode_id == Episode.id)
        .outerjoin(answered, answered.c.episode_id == Episode.id)
        .where(*conditions)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = max(1, min(page, pages))
    rows = session.execute(
        base.order_by(Episode.occurred_on.desc(), Episode.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    roles = _answered_roles(session, [row[0].id for row in rows])
    return EpisodePage(
        [
            EpisodeSummary(
                public_id=e.public_id,
                case_ref=e.case_ref,
                event=e.event,
                team=team,
                point=point,
                occurred_on=e.occurred_on,
                invited=int(n_invited),
                answered=int(n_answered),
                roles=tuple(sorted(roles.get(e.id, []), key=lambda r: ROLE_ORDER.get(r, 9))),
            )
            for e, team, point, n_invited, n_answered in rows
        ],
        total,
        page,
        pages,
    )


@dataclass(frozen=True)
class EpisodeView:
    summary: EpisodeSummary
    voices: list[compare.Voice]
    rows: list[compare.TopicRow]
    not_answered: tuple[str, ...]  # who was asked and has not answered (labels)


def voices(
    session: Session, episode_ids: list[int], lang: str = "en"
) -> dict[int, list[compare.Voice]]:
    """Each episode's voices: one per invitation answered, its statements' values."""
    rows = session.execute(
        select(
            Invitation.episode_id,
            Invitation.id,
            Invitation.contact_role,
            Response.id,
            Response.public_id,
            Survey.key,
        )
        .join(Response, Response.invitation_id == Invitation.id)
        .join(Survey, Survey.id == Response.survey_id)
        .where(Invitation.episode_id.in_(episode_ids))
        .order_by(Invitation.id, Response.id)
    ).all()
    response_ids = [row[3] for row in rows]
    values: dict[int, dict[str, int | None]] = defaultdict(dict)
    if response_ids:
        for response_id, key, value, not_applicable in session.execute(
            select(
                Answer.response_id, SurveyQuestion.key, Answer.scale_value, Answer.not_applicable
            )
            .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
            .where(Answer.response_id.in_(response_ids), SurveyQuestion.is_statement)
        ):
            if value is not None or not_applicable:
                values[response_id][key] = None if not_applicable else int(value)
    # A conversation stopped and started again is two responses of one invitation: one voice.
    by_invitation: dict[int, tuple[int, str, str, str, dict[str, int | None]]] = {}
    for episode_id, invitation_id, role, response_id, public_id, survey in rows:
        if invitation_id in by_invitation:
            by_invitation[invitation_id][4].update(values[response_id])
        else:
            role_key = role.value if role is not None else "young_person"
            by_invitation[invitation_id] = (
                episode_id,
                role_key,
                public_id,
                survey,
                dict(values[response_id]),
            )
    grouped: dict[int, list[tuple[str, str, str, dict[str, int | None]]]] = defaultdict(list)
    for episode_id, role_key, public_id, survey, answers in by_invitation.values():
        grouped[episode_id].append((role_key, public_id, survey, answers))
    names = ROLE_NAMES.get(lang, ROLE_NAMES["en"])
    found: dict[int, list[compare.Voice]] = {}
    for episode_id, members in grouped.items():
        members.sort(key=lambda m: ROLE_ORDER.get(m[0], 9))
        per_role = Counter(m[0] for m in members)
        seen: Counter[str] = Counter()
        episode_voices = []
        for role_key, public_id, survey, answers in members:
            seen[role_key] += 1
            label = names.get(role_key, role_key)
            if per_role[role_key] > 1:
                label = f"{label} {seen[role_key]}"
            episode_voices.append(compare.Voice(label, role_key, survey, public_id, answers))
        found[episode_id] = episode_voices
    return found


def one(session: Session, scope: Scope, public_id: str, *, lang: str = "en") -> EpisodeView:
    """One episode's voices side by side; audited as a view of identifiable answers."""
    _require_reader(scope)
    row = session.execute(
        select(Episode, Team.name, CollectionPoint.name_en)
        .join(Team, Team.id == Episode.team_id)
        .outerjoin(CollectionPoint, CollectionPoint.id == Episode.collection_point_id)
        .where(Episode.public_id == public_id, scope.team_filter(Episode.team_id))
    ).first()
    if row is None:
        raise NotFound("There is no such episode")  # nor one outside your teams
    episode, team, point = row
    episode_voices = voices(session, [episode.id], lang).get(episode.id, [])
    asked = session.execute(
        select(Invitation.id, Invitation.contact_role).where(Invitation.episode_id == episode.id)
    ).all()
    answered_ids = set(
        session.scalars(
            select(Response.invitation_id).where(Response.invitation_id.in_([i for i, _ in asked]))
        )
    )
    names = ROLE_NAMES.get(lang, ROLE_NAMES["en"])
    waiting = tuple(
        names.get(role.value, role.value) if role else names["young_person"]
        for invitation_id, role in asked
        if invitation_id not in answered_ids
    )
    audit.record(
        session,
        scope,
        action="episode.view",
        object_type="episode",
        object_id=episode.public_id,
        voices=len(episode_voices),
    )
    summary = EpisodeSummary(
        public_id=episode.public_id,
        case_ref=episode.case_ref,
        event=episode.event,
        team=team,
        point=point,
        occurred_on=episode.occurred_on,
        invited=len(asked),
        answered=len(answered_ids),
        roles=tuple(v.role for v in episode_voices),
    )
    return EpisodeView(
        summary, episode_voices, compare.compare(episode_voices, shared_topics()), waiting
    )


# -- the triangulated figure ---------------------------------------------------------------


@dataclass(frozen=True)
class AgreementShown:
    topic: SharedTopic
    share: PublishedShare  # of episodes with both a child's and a carer's stance, agreeing


def agreement(
    session: Session, scope: Scope, *, start: date | None = None, end: date | None = None
) -> list[AgreementShown]:
    """For episodes with more than one voice, the share where child and carer agree, per
    shared topic: counts through the one small-number policy, as every figure is."""
    conditions = [scope.team_filter(Episode.team_id)]
    if start:
        conditions.append(Episode.occurred_on >= start)
    if end:
        conditions.append(Episode.occurred_on <= end)
    ids = list(session.scalars(select(Episode.id).where(*conditions)))
    topics = shared_topics()
    found = (
        compare.child_and_carer(voices(session, ids).values(), topics)
        if ids
        else [compare.Agreement(t, 0, 0) for t in topics]
    )
    policy = reports.policy()
    return [
        AgreementShown(a.topic, shown_share(a.agreeing, a.episodes, scope.role.value, policy))
        for a in found
    ]
