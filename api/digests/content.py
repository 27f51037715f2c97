"""What goes in a forum's digest for a period: query -> pure aggregation (aggregate.py).

Everything here is already in its published form: counts of respondents through the one
suppression function (decision 33), quotes from the redacted copy with their language,
safeguarding alerts as exact numbers by status (never their words; alert_counts.py),
possible concerns waiting to be read as numbers, and answers flagged for safeguarding never
quoted. Statement figures and trends are in figures.py; links into the dashboard in links.py;
names from the one vocabulary (api/surveys/names.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from analysis.stats import LEAVES_THE_SYSTEM, SuppressionPolicy, shown_count
from api.accounts.scope import words_may_leave
from api.core.config import get_settings
from api.digests import alert_counts, figures, links
from api.digests import not_heard as unheard
from api.digests.aggregate import Candidate, ThemeChange, representative_quotes, theme_changes
from api.digests.alert_counts import TeamAlerts
from api.digests.figures import Months, StatementTable, Trend
from api.digests.words import Words
from api.forums import service as forums
from api.forums.definitions import Cadence, DigestLanguage, ForumDefinition
from api.forums.periods import Period
from api.forums.query import figures_scope, heard
from api.forums.routing import below_target
from api.models import (
    Action,
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    Forum,
    PossibleConcern,
    Response,
    Survey,
    Team,
)
from api.models.enums import ActionStatus, ConcernStatus
from api.reports import service as reports
from api.reports.schemas import StatementReport
from api.responses import effective_themes
from api.surveys import names
from api.surveys.names import Lang

DIGEST_SCOPE = figures.DIGEST_SCOPE
__all__ = ["DigestContent", "Months", "Quote", "StatementTable", "TeamAlerts", "Trend", "build"]
Published = int | str  # a count, or "<5"
BASELINE_WEEKS = 13


@dataclass(frozen=True)
class ThemeLine:
    theme: str
    polarity: str
    label: str  # "Same worker (worries)"
    now: Published  # responses that mentioned it in the period
    before: Published  # and in the baseline
    link: str  # those responses, on the responses page


@dataclass(frozen=True)
class ActionLine:
    you_said: str
    we_did: str
    due_on: date | None
    status: str


@dataclass(frozen=True)
class Quote:
    text: str
    language: str  # the answer's stored language: "cy" is marked lang="cy" in the email


@dataclass(frozen=True)
class ChannelLine:
    name: str  # "Text message"
    count: Published
    link: str


@dataclass(frozen=True)
class DigestContent:
    forum_key: str
    forum_name: str
    # False for a forum that follows only statements' figures (below target): no count of
    # "responses heard" to show, as it hears none by design.
    hears_responses: bool
    period: str  # the key, "2026-W48"
    period_label: str  # "Week of 23 November 2026"
    first_day: date
    last_day: date
    responses: Published
    responses_link: str
    by_channel: list[ChannelLine]
    statements: list[StatementReport]  # the period's own report, as the API gives it
    wide: Months  # the last full months, whose shares stand beside the period's counts
    tables: list[StatementTable]
    below_target: list[tuple[str, str, float]]  # survey, statement label, share %
    baseline: str  # what rising and falling compare with: "the 13 weeks before (…)"
    rising: list[ThemeLine]
    falling: list[ThemeLine]
    quotes: list[Quote]
    alerts: list[TeamAlerts]
    open_actions: list[ActionLine]
    trends: list[Trend]
    # Possible concerns about what the forum hears, still waiting for a person to read them
    # when the digest was made, and how many of those are overdue (decision 29).
    concerns_waiting: tuple[Published, Published] = (0, 0)
    # The two lines at the top: what moved clearly (beyond chance, the digest's one rule)
    # for the better and for the worse, in words.
    better: tuple[str, ...] = ()
    worse: tuple[str, ...] = ()
    language: Lang = "en"
    # Who we are not hearing over the wide window (decision 46); None when no case event
    # named anyone the forum hears from.
    not_heard: unheard.NotHeardLines | None = None
    # A bilingual digest's second language: the same digest, every word in that language.
    also: DigestContent | None = None

    @property
    def empty(self) -> bool:
        return self.responses == 0 and not self.below_target


def _baseline_start(period: Period, cadence: Cadence) -> date:
    """Where the comparison for rising and falling themes starts: the 13 weeks before a week
    or fortnight, the three periods before a month or quarter."""
    if cadence in ("weekly", "fortnightly"):
        return period.first_day - timedelta(weeks=BASELINE_WEEKS)
    earlier = period
    for _ in range(3):
        earlier = earlier.previous(cadence)
    return earlier.first_day


def languages(setting: DigestLanguage) -> tuple[Lang, ...]:
    """The digest's languages in the order they are shown: a bilingual digest follows the
    council's order (YOUSAID_LANGUAGE_ORDER)."""
    if setting != "both":
        return (setting,)
    return ("cy", "en") if get_settings().language_order == "cy-en" else ("en", "cy")


def build(session: Session, forum: Forum, period: Period) -> DigestContent:
    """The digest of one forum for one period (the council's time zone's dates), in the
    forum's language, or in both (the second as `also`).

    Everything in it leaves the system, so every count of respondents goes through the one
    suppression function as LEAVES_THE_SYSTEM; alerts are exact (alert_counts.py)."""
    definition = forums.definition_of(forum)
    first, *others = languages(definition.language)
    built = _build(session, forum, definition, period, first)
    for lang in others:
        built = replace(built, also=_build(session, forum, definition, period, lang))
    return built


def _build(
    session: Session, forum: Forum, definition: ForumDefinition, period: Period, lang: Lang
) -> DigestContent:
    w = Words(lang)
    policy = reports.policy()
    first, after = period.first_day, period.after_last_day
    last = after - timedelta(days=1)
    baseline_first = _baseline_start(period, definition.schedule.cadence)
    hears = heard(list(definition.rules))
    in_period = and_(hears, Response.submitted_on >= first, Response.submitted_on < after)
    before = and_(hears, Response.submitted_on >= baseline_first, Response.submitted_on < first)

    channels = session.execute(
        select(Response.channel, func.count()).where(in_period).group_by(Response.channel)
    ).all()
    total = sum(n for _, n in channels)
    # Statement figures count every rating from the forum's teams, points and audiences, not
    # only the answers whose words it hears (forums.query.figures_scope says why).
    rated = figures_scope(list(definition.rules))
    statements = _statements(session, definition, rated, first, after)
    watches_figures = any(rule.statements_below_target is not None for rule in definition.rules)
    wide, tables = figures.tables(
        session, definition, statements, true() if watches_figures else rated, last, lang
    )
    start, end = period.bounds(get_settings().timezone)
    baseline_last = first - timedelta(days=1)
    themes = _themes(session, definition, in_period, before, first, last, lang)
    better, worse = _summary(tables, themes, w)
    return DigestContent(
        forum_key=forum.key,
        forum_name=(forum.name_cy or forum.name) if lang == "cy" else forum.name,
        hears_responses=any(r.statements_below_target is None for r in definition.rules),
        period=period.key,
        period_label=names.period(period.key, first, after, lang),
        first_day=first,
        last_day=last,
        responses=shown_count(total, LEAVES_THE_SYSTEM, policy),
        responses_link=links.responses(definition, first, last),
        by_channel=[
            ChannelLine(
                names.channel(channel.value, lang),
                shown_count(n, LEAVES_THE_SYSTEM, policy),
                links.responses(definition, first, last, channel=channel.value),
            )
            for channel, n in sorted(channels, key=lambda row: names.channel(row[0].value, lang))
        ],
        statements=statements,
        wide=wide,
        tables=tables,
        below_target=_below_target(definition, statements, lang),
        baseline=(
            w(
                "baseline_weeks",
                n=(first - baseline_first).days // 7,
                first=names.day(baseline_first, lang),
                last=names.day(baseline_last, lang),
            )
            if definition.schedule.cadence in ("weekly", "fortnightly")
            else names.months(baseline_first, baseline_last, lang)
        ),
        rising=themes["rising"],
        falling=themes["falling"],
        quotes=_quotes(session, in_period),
        alerts=alert_counts.for_forum(session, definition, start, end, lang),
        open_actions=_open_actions(session, definition, lang),
        concerns_waiting=_concerns_waiting(session, hears, policy),
        trends=figures.trends(session, definition, statements, rated, last, lang),
        better=better,
        worse=worse,
        language=lang,
        not_heard=unheard.lines(session, definition, wide, lang),
    )


def _summary(
    tables: list[StatementTable], themes: dict[str, list[ThemeLine]], w: Words
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What got clearly better and clearly worse, by the rule the digest already uses for
    themes (Fisher's exact test on the counts, p < 0.05): a statement's share in the quarter
    against the quarter before; praise mentioned more or worries less often is better."""
    better: list[str] = []
    worse: list[str] = []
    for table in tables:
        for line in table.lines:
            if line.direction and line.change is not None:
                item = f"{line.label} ({w.change(line.change)})"
                (better if line.direction > 0 else worse).append(item)
    for key, direction in (("rising", 1), ("falling", -1)):
        for theme in themes[key]:
            sign = {"positive": 1, "negative": -1}.get(theme.polarity, 0)
            if sign:
                words = w(
                    "mentioned_more" if direction > 0 else "mentioned_less", theme=theme.label
                )
                (better if sign * direction > 0 else worse).append(words)
    return tuple(better), tuple(worse)


def _concerns_waiting(
    session: Session, hears: ColumnElement[bool], policy: SuppressionPolicy
) -> tuple[Published, Published]:
    now = datetime.now(UTC)
    waiting, overdue = session.execute(
        select(
            func.count(PossibleConcern.id),
            func.coalesce(func.sum(case((PossibleConcern.due_at < now, 1), else_=0)), 0),
        )
        .join(Response, Response.id == PossibleConcern.response_id)
        .where(hears, PossibleConcern.status == ConcernStatus.open)
    ).one()
    # Exact, as alerts are: work waiting for a person, not respondents' views (decision 33).
    del policy
    return int(waiting), int(overdue or 0)


def _statements(
    session: Session,
    definition: ForumDefinition,
    hears: ColumnElement[bool],
    first: date,
    after: date,
) -> list[StatementReport]:
    """A statement report per survey the forum heard from, on the forum's responses: in the
    period, or in the months whose shares stand beside it (a quiet week still shows them)."""
    since = figures.full_months_to(after - timedelta(days=1)).first
    recent = and_(hears, Response.submitted_on >= since, Response.submitted_on < after)
    surveys = session.scalars(
        select(Survey.key).where(Survey.id.in_(select(Response.survey_id).where(recent)))
    ).all()
    if any(rule.statements_below_target is not None for rule in definition.rules):
        # A forum that watches figures watches every survey's, whatever else it hears.
        surveys = session.scalars(select(Survey.key).where(Survey.active.is_(True))).all()
        hears = true()
    return [
        reports.statements(
            session,
            DIGEST_SCOPE,
            request=reports.ReportRequest(
                survey=key, start=first, end=after - timedelta(days=1), condition=hears
            ),
        )
        for key in sorted(set(surveys))
    ]


def _below_target(
    definition: ForumDefinition, statements: list[StatementReport], lang: Lang
) -> list[tuple[str, str, float]]:
    found: list[tuple[str, str, float]] = []
    for rule in definition.rules:
        for report in statements:
            figures = {f.key: f for f in report.statements or []}
            shares = {
                key: (f.top_two_box_pct / 100 if f.top_two_box_pct is not None else None)
                for key, f in figures.items()
            }
            for key in below_target(rule, shares):
                pct = figures[key].top_two_box_pct
                assert pct is not None
                label = (
                    figures[key].label
                    if lang == "en"
                    else names.statement(report.survey, key, lang)
                )
                found.append((report.survey, label, pct))
    return sorted(set(found))


def _themes(
    session: Session,
    definition: ForumDefinition,
    in_period: ColumnElement[bool],
    before: ColumnElement[bool],
    first: date,
    last: date,
    lang: Lang = "en",
) -> dict[str, list[ThemeLine]]:
    """Themes mentioned in a larger or smaller share of responses than in the baseline,
    beyond noise; counted as responses (a long answer naming a theme twice is one)."""

    def count(condition: ColumnElement[bool]) -> tuple[dict[tuple[str, str], int], int]:
        rows = session.execute(
            select(
                AnswerTheme.theme,
                AnswerTheme.polarity,
                func.count(func.distinct(AnswerTheme.response_id)),
            )
            .join(Response, Response.id == AnswerTheme.response_id)
            .where(condition, effective_themes.is_effective())  # a reviewer's word wins
            .group_by(AnswerTheme.theme, AnswerTheme.polarity)
        )
        heard_total = session.scalar(select(func.count(Response.id)).where(condition)) or 0
        return {(theme, polarity.value): n for theme, polarity, n in rows}, int(heard_total)

    policy = reports.policy()
    (now, now_total), (then, then_total) = count(in_period), count(before)
    rising, falling = theme_changes(now, now_total, then, then_total)

    def line(change: ThemeChange) -> ThemeLine:
        return ThemeLine(
            change.theme,
            change.polarity,
            f"{names.theme(change.theme, lang)} ({names.polarity(change.polarity, lang)})",
            shown_count(change.now, LEAVES_THE_SYSTEM, policy),
            shown_count(change.before, LEAVES_THE_SYSTEM, policy),
            links.responses(definition, first, last, theme=change.theme, polarity=change.polarity),
        )

    return {"rising": [line(c) for c in rising], "falling": [line(c) for c in falling]}


def _quotes(session: Session, in_period: ColumnElement[bool]) -> list[Quote]:
    rows = session.execute(
        select(
            AnswerAnalysis.answer_id,
            AnswerAnalysis.redacted_text,
            AnswerAnalysis.sentiment_score,
            AnswerAnalysis.themes,
            Response.language,
        )
        .join(Response, Response.id == AnswerAnalysis.response_id)
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .where(
            in_period,
            AnswerAnalysis.empty.is_(False),
            # A possible disclosure is for the duty team, never a digest.
            AnswerAnalysis.safeguarding_flag.is_(False),
            # A digest leaves the system: only words the child let anyone read (decision 44).
            words_may_leave(Answer.visibility),
        )
        .order_by(func.abs(AnswerAnalysis.sentiment_score).desc(), AnswerAnalysis.answer_id)
        .limit(200)
    ).all()
    candidates = [
        Candidate(
            answer_id=answer_id,
            text=text,
            sentiment=score,
            themes=tuple(sorted({str(t.get("id")) for t in themes or [] if t.get("id")})),
            language=language.value,
        )
        for answer_id, text, score, themes, language in rows
    ]
    return [Quote(c.text, c.language) for c in representative_quotes(candidates)]


def _open_actions(
    session: Session, definition: ForumDefinition, lang: Lang = "en"
) -> list[ActionLine]:
    teams = {slug for rule in definition.rules for slug in rule.teams}
    query = select(Action).where(Action.status != ActionStatus.done)
    if teams:
        query = query.where(Action.team_id.in_(select(Team.id).where(Team.slug.in_(teams))))
    rows = session.scalars(query.order_by(Action.due_on.is_(None), Action.due_on).limit(10))
    # Published actions carry their Welsh; one still a draft falls back to its English.
    return [
        ActionLine(
            (a.you_said_cy if lang == "cy" else None) or a.you_said_en,
            (a.we_did_cy if lang == "cy" else None) or a.we_did_en,
            a.due_on,
            a.status.value,
        )
        for a in rows
    ]
