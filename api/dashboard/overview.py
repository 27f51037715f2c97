"""The Overview: a handful of GROUP BYs over the person's scope, then pure shaping.

Every query is filtered by the same `Scope.team_filter` and `ResponseFilters` as the API, and
returns groups, not rows. Responses by day and channel, statement shares per survey (the
statement report) and theme mentions by day come from the daily tallies (api/tallies: exact,
and a few thousand rows for a year); the collection-point funnel from invitations; open alerts
live. Days are rolled up into weeks or months here, over at most a year of days.
Percentages go through the statement report's suppression; counts are shown as they are, to
staff inside the system (exports and digests suppress them; decision 21).

A bucket the period only partly covers (the week or month still running, or one the period
starts inside) says so, so a chart can draw it as part of a period rather than as a fall.
Every theme of the taxonomy is listed, mentioned or not: a statement below target must be
able to find its theme.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis import taxonomy
from api.accounts.scope import Scope
from api.core.config import get_settings
from api.dashboard import not_heard as unheard
from api.dashboard import ratings
from api.models import (
    CollectionPoint,
    Invitation,
    SafeguardingAlert,
)
from api.models.enums import AlertStatus, InvitationStatus
from api.reports import service as reports
from api.reports.schemas import StatementReport
from api.responses.filters import ResponseFilters
from api.surveys import service as surveys
from api.tallies import counts as tallies

OPEN_ALERTS = (AlertStatus.new, AlertStatus.acknowledged)


@dataclass(frozen=True)
class Bucket:
    key: str  # 2026-11 or 2026-W47
    label: str  # Nov 2026 or 16 Nov
    first_day: date
    # The days of the bucket inside the period; a part bucket has fewer than a whole one.
    start: date | None = None
    end: date | None = None
    partial: bool = False
    so_far: bool = False  # the week or month still running: its days to come are not in yet

    @property
    def note(self) -> str:
        """What a label adds for a part bucket: "so far", or the days it holds."""
        if self.so_far:
            return "so far"
        if not self.partial or self.start is None or self.end is None:
            return ""
        if self.start > self.first_day:
            return f"from {self.start.day} {self.start:%b}"
        return f"to {self.end.day} {self.end:%b}"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]  # one per bucket

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class FunnelStep:
    collection_point: str  # its name
    invited: int
    started: int
    completed: int
    responses: int  # every channel, invited or not

    @property
    def response_rate(self) -> float | None:
        """Completed invitations per invitation sent, when there were enough to say."""
        return self.completed / self.invited * 100 if self.invited >= 10 else None


@dataclass(frozen=True)
class Overview:
    start: date
    end: date
    buckets: tuple[Bucket, ...]
    responses_by_channel: tuple[Series, ...]
    statements: tuple[StatementReport, ...]
    themes: tuple[tuple[str, Series, Series], ...]  # theme, negative, positive
    funnel: tuple[FunnelStep, ...]
    open_alerts: int
    target_pct: int
    # (survey key, statement key) -> answers of 1 or 2: the "disagree" bars.
    disagreed: dict[tuple[str, str], int] = field(default_factory=dict)
    # Who we are not hearing: the case events' caseload against who answered (decision 46).
    not_heard: unheard.NotHeard | None = None

    @property
    def responses(self) -> int:
        return sum(series.total for series in self.responses_by_channel)


def overview(
    session: Session,
    scope: Scope,
    *,
    start: date,
    end: date,
    filters: ResponseFilters,
    target_pct: int,
    today: date | None = None,
) -> Overview:
    buckets = make_buckets(start, end, today)
    # One count serves three figures: by day and channel, the surveys heard, and by point.
    counted = tallies.responses(
        session,
        scope,
        start=start,
        end=end,
        filters=filters,
        by=("day", "channel", "survey_id", "collection_point_id"),
    )
    channels = _series(buckets, ((day, c.value, n) for (day, c, _, _), n in counted.items()))
    by_point: dict[int | None, int] = defaultdict(int)
    for (_, _, _, point_id), n in counted.items():
        by_point[point_id] += n
    themes_by_day = tallies.themes(
        session, scope, start=start, end=end, filters=filters, by=("day", "theme", "polarity")
    )
    return Overview(
        start=start,
        end=end,
        buckets=buckets,
        responses_by_channel=channels,
        statements=_statements(
            session, scope, start, end, filters, {survey_id for (_, _, survey_id, _) in counted}
        ),
        themes=_themes(buckets, [(*key, n) for key, n in themes_by_day.items()]),
        funnel=_funnel(session, scope, start, end, filters, by_point),
        open_alerts=session.scalar(
            select(func.count())
            .select_from(SafeguardingAlert)
            .where(
                SafeguardingAlert.status.in_(OPEN_ALERTS),
                scope.team_filter(SafeguardingAlert.team_id),
            )
        )
        or 0,
        target_pct=target_pct,
        disagreed={
            (survey, key): n
            for (survey, key, _), n in ratings.disagreed(
                session, scope, start=start, end=end, filters=filters
            ).items()
        },
        not_heard=unheard.for_scope(session, scope, start=start, end=end, filters=filters),
    )


def make_buckets(start: date, end: date, today: date | None = None) -> tuple[Bucket, ...]:
    """Weeks (from Monday) for up to three months, months beyond. A bucket the period covers
    only in part says so; the one a period up to `today` ends inside is still running
    ("so far"; without `today`, any bucket the period ends inside)."""
    buckets: list[Bucket] = []

    def add(key: str, label: str, first: date, following: date) -> None:
        last = following - timedelta(days=1)
        inside_start, inside_end = max(first, start), min(last, end)
        partial = inside_start > first or inside_end < last
        # Still running: the period runs to today, inside this bucket's days.
        so_far = inside_end < last and (today is None or end >= today)
        buckets.append(Bucket(key, label, first, inside_start, inside_end, partial, so_far))

    if (end - start).days <= 92:
        day = start - timedelta(days=start.weekday())
        while day <= end:
            iso = day.isocalendar()
            add(f"{iso.year}-W{iso.week:02d}", f"{day:%d %b}", day, day + timedelta(days=7))
            day += timedelta(days=7)
    else:
        day = start.replace(day=1)
        while day <= end:
            following = next_month(day)
            add(f"{day:%Y-%m}", f"{day:%b %y}", day, following)
            day = following
    return tuple(buckets)


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def bucket_of(buckets: tuple[Bucket, ...], day: date) -> int:
    """The index of the bucket a day falls in (buckets are in order, contiguous)."""
    index = 0
    for i, bucket in enumerate(buckets):
        if bucket.first_day <= day:
            index = i
        else:
            break
    return index


def _series(buckets: tuple[Bucket, ...], rows: Any) -> tuple[Series, ...]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    index: dict[date, int] = {}  # day -> bucket, worked out once per day
    for day, name, n in rows:
        day = as_date(day)
        where = index.get(day)
        if where is None:
            where = index[day] = bucket_of(buckets, day)
        totals[name][where] += int(n)
    return tuple(
        Series(name, tuple(values))
        for name, values in sorted(totals.items(), key=lambda kv: -sum(kv[1]))
    )


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _themes(buckets: tuple[Bucket, ...], rows: Any) -> tuple[tuple[str, Series, Series], ...]:
    def by_theme(polarity: str) -> dict[str, Series]:
        mentions = ((d, t, n) for d, t, p, n in rows if p.value == polarity)
        return {s.name: s for s in _series(buckets, mentions)}

    negative, positive = by_theme("negative"), by_theme("positive")
    empty = Series("", tuple(0 for _ in buckets))
    # Every theme people can be heard on, then any of an older taxonomy still in the tallies.
    names = sorted(
        {*theme_ids(), *negative, *positive},
        key=lambda t: (-(negative.get(t, empty).total + positive.get(t, empty).total), t),
    )
    return tuple((name, negative.get(name, empty), positive.get(name, empty)) for name in names)


def theme_ids() -> tuple[str, ...]:
    """The council's themes (its own taxonomy if it has one), in the taxonomy's order."""
    chosen = taxonomy.load(get_settings().taxonomy_file or taxonomy.DEFAULT_TAXONOMY)
    return tuple(theme.id for theme in chosen.themes)


def _statements(
    session: Session,
    scope: Scope,
    start: date,
    end: date,
    filters: ResponseFilters,
    heard: set[int],
) -> tuple[StatementReport, ...]:
    names = surveys.survey_keys(session)
    keys = sorted(names[survey_id] for survey_id in heard if survey_id in names)
    return tuple(
        reports.statements(
            session,
            scope,
            request=reports.ReportRequest(survey=key, start=start, end=end, filters=filters),
            from_tallies=True,
        )
        for key in keys
    )


def _funnel(
    session: Session,
    scope: Scope,
    start: date,
    end: date,
    filters: ResponseFilters,
    responses: dict[int | None, int],
) -> tuple[FunnelStep, ...]:
    points = surveys.collection_point_names(session)
    zone = ZoneInfo(get_settings().timezone)
    # Sending times are instants; the period is the council's days.
    since = datetime.combine(start, time(0), zone)
    before = datetime.combine(end + timedelta(days=1), time(0), zone)
    invitation_query = select(
        Invitation.collection_point_id, Invitation.status, func.count()
    ).where(
        scope.team_filter(Invitation.team_id),
        Invitation.sent_at >= since,
        Invitation.sent_at < before,
    )
    if filters.narrowed:
        invitation_query = _filter_invitations(invitation_query, filters)
    invited: dict[int | None, dict[InvitationStatus, int]] = defaultdict(dict)
    for point_id, status, n in session.execute(
        invitation_query.group_by(Invitation.collection_point_id, Invitation.status)
    ):
        invited[point_id][status] = int(n)
    steps = []
    for point_id in sorted({*invited, *responses}, key=lambda p: points.get(p, "~") if p else "~"):
        statuses = invited.get(point_id, {})
        completed = statuses.get(InvitationStatus.completed, 0)
        started = completed + statuses.get(InvitationStatus.started, 0)
        steps.append(
            FunnelStep(
                collection_point=points.get(point_id, "Unknown") if point_id else "None given",
                invited=sum(statuses.values()),
                started=started,
                completed=completed,
                responses=int(responses.get(point_id, 0)),
            )
        )
    return tuple(steps)


def _filter_invitations(query: Any, filters: ResponseFilters) -> Any:
    from api.models import Team

    if filters.teams:
        query = query.where(
            Invitation.team_id.in_(select(Team.id).where(Team.slug.in_(filters.teams)))
        )
    if filters.points:
        query = query.where(
            Invitation.collection_point_id.in_(
                select(CollectionPoint.id).where(CollectionPoint.key.in_(filters.points))
            )
        )
    if filters.audiences:
        query = query.where(Invitation.audience.in_(filters.audiences))
    if filters.channels:
        query = query.where(Invitation.channel.in_(filters.channels))
    return query
