"""`yousaid demo`: a realistic synthetic council, so the product can be tried at once."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.accounts import service as accounts
from api.core.config import get_settings
from api.demo import caseload, episodes, text
from api.forms.safety import SAFETY_QUESTION
from api.forums import service as forums
from api.models import PossibleConcern, Response, StaffUser, Team
from api.models.enums import (
    Audience,
    Channel,
    Completeness,
    ConcernOutcome,
    ConcernStatus,
    Language,
    QuestionKind,
    Role,
    ServiceArea,
)
from api.responses import intake
from api.responses.schemas import NOT_APPLICABLE, AnswerValue, Submission
from api.surveys import service as surveys

# Demo only: `yousaid demo` refuses to run in production.
DEMO_PASSWORD = "yousaid-demo"  # noqa: S105
DEMO_DOMAIN = "demo.yousaid.local"


@dataclass(frozen=True)
class DemoTeam:
    slug: str
    name: str
    name_cy: str  # for the Welsh language officer's review, like all the drafted Welsh
    area: ServiceArea
    satisfaction: float
    points: tuple[str, ...]


TEAMS = (
    DemoTeam(
        "front-door",
        "Front Door and MASH",
        "Drws Ffrynt a MASH",
        ServiceArea.front_door,
        0.80,
        ("front_door", "closure"),
    ),
    DemoTeam(
        "assessment",
        "Assessment Team",
        "Tîm Asesu",
        ServiceArea.assessment,
        0.74,
        ("front_door", "closure"),
    ),
    DemoTeam(
        "cin-cp",
        "Child in Need and Child Protection",
        "Plant mewn Angen ac Amddiffyn Plant",
        ServiceArea.cin_cp,
        0.70,
        ("cp_conference", "closure"),
    ),
    DemoTeam(
        "children-in-care",
        "Children in Care",
        "Plant mewn Gofal",
        ServiceArea.children_in_care,
        0.76,
        ("cla_review", "closure"),
    ),
)
USERS = (
    ("admin", Role.admin, ()),
    ("rights.officer", Role.rights_team, ()),
    ("manager.frontdoor", Role.manager, ("front-door", "assessment")),
    ("practitioner.cincp", Role.practitioner, ("cin-cp",)),
)
# Some statements run lower than others, as in the published study.
STATEMENT_OFFSET = {
    "does_what_they_say": -0.08,
    "time_with_children": -0.08,
    "agreed_with_plans": -0.05,
    "clear_about_concerns": 0.04,
    "know_my_worker": 0.05,
    "worker_did_what_they_said": -0.07,
    "outcome_explained": -0.10,
    "consistent_worker": -0.12,
}


def demo_users() -> list[tuple[str, Role]]:
    return [(f"{name}@{DEMO_DOMAIN}", role) for name, role, _ in USERS]


def has_demo_data(session: Session) -> bool:
    return bool(session.scalar(select(func.count(Response.id))))


def load(session: Session, *, responses: int = 3000, seed: int = 20261122) -> int:
    """Teams, staff and about `responses` responses over the last 12 months. Returns how many."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not secrets
    for team in TEAMS:
        row = session.scalar(select(Team).where(Team.slug == team.slug))
        if row is None:
            row = Team(slug=team.slug, name=team.name, service_area=team.area)
            session.add(row)
        row.name_cy = row.name_cy or team.name_cy  # a demo loaded before Welsh names gets them
    session.flush()
    forums.sync_file(session, forums.DEMO_FORUMS)
    for email, role, slugs in ((f"{n}@{DEMO_DOMAIN}", r, s) for n, r, s in USERS):
        if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is None:
            accounts.create_user(
                session, email=email, role=role, team_slugs=list(slugs), password=DEMO_PASSWORD
            )
    published = {
        key: surveys.published(session, key)
        for key in ("parent-carer", "young-person", "young-person-under-8", "partner-agency")
    }
    now = datetime.now(UTC)
    stored = 0
    disclosures = _disclosures(now)[:responses]
    for number in range(responses - len(disclosures)):
        submission = _submission(rng, number, now, published)
        with session.begin_nested():
            stored += intake.ingest(session, submission=submission).created
    for submission in disclosures:
        with session.begin_nested():
            stored += intake.ingest(session, submission=submission).created
    _read_the_older_concerns(session, now)
    caseload.load(session, rng, now, {team.slug: team.points for team in TEAMS})
    episodes.load(session)
    return stored


# A council that has used YouSaid for a year has read its older possible concerns; only the
# last few days' wait for a person, which is what someone trying the demo should see.
STILL_TO_READ = timedelta(days=3)


def _read_the_older_concerns(session: Session, now: datetime) -> None:
    """Analyse the older answers now (the worker does the rest, and analysing again adds
    nothing) and mark their possible concerns read, as ordinary feedback, by the demo."""
    from api.answer_analysis import service as answer_analysis

    second_reading = get_settings().second_reading
    older = session.scalars(
        select(Response.id).where(Response.submitted_at < now - STILL_TO_READ)
    ).all()
    for response_id in older:
        answer_analysis.analyse_response(session, response_id=response_id)
        if second_reading:  # its concerns are read too, not left for the worker to raise
            answer_analysis.analyse_response(session, response_id=response_id, reread=True)
    session.execute(
        update(PossibleConcern)
        .where(
            PossibleConcern.status == ConcernStatus.open,
            PossibleConcern.said_at < now - STILL_TO_READ,
        )
        .values(
            status=ConcernStatus.read,
            outcome=ConcernOutcome.ordinary_feedback,
            read_by_label="the demo's rights team",
            read_at=now,
            note="Demo data: read before the demo began.",
        )
    )


def _disclosures(now: datetime) -> list[Submission]:
    """The few recent answers that raise alerts, so the queue looks like a council's week."""
    found = []
    for number, (survey, channel, team, point, hours_ago, question, words) in enumerate(
        text.DISCLOSURES
    ):
        chosen = TEAMS[team]
        found.append(
            Submission(
                survey=survey,
                channel=Channel(channel),
                collection_point=chosen.points[point],
                team=chosen.slug,
                language=Language.en,
                completeness=Completeness.complete,
                submitted_at=now - timedelta(hours=hours_ago),
                answers={question: words},
                idempotency_key=f"demo:disclosure:{number}",
            )
        )
    return found


def _submission(
    rng: random.Random, number: int, now: datetime, published: dict[str, surveys.PublishedSurvey]
) -> Submission:
    team = rng.choices(TEAMS, weights=(4, 3, 3, 2))[0]
    days_ago = rng.uniform(0, 365)
    # Practice improves a little over the year, as councils hope.
    satisfaction = team.satisfaction + 0.06 * (1 - days_ago / 365) + rng.gauss(0, 0.18)
    audience = rng.choices(list(Audience), weights=(30, 55, 15))[0]
    survey_key = {
        Audience.parent_carer: "parent-carer",
        Audience.young_person: "young-person-under-8" if rng.random() < 0.2 else "young-person",
        Audience.partner: "partner-agency",
    }[audience]
    channel = _channel(rng, audience, days_ago)
    language = Language.cy if rng.random() < 0.08 else Language.en
    definition = published[survey_key].definition
    answers: dict[str, AnswerValue] = {}
    for question in definition.questions:
        if not question.ask_by_text and channel is Channel.sms:
            continue  # never asked by text
        if question.key == SAFETY_QUESTION:
            # Mostly "no": a "yes" raises an alert, and the demo's alerts are a handful.
            answers[question.key] = "no" if rng.random() < 0.9 else "rather_not_say"
        elif question.is_scaled:
            value: AnswerValue = _scale(rng, satisfaction + STATEMENT_OFFSET.get(question.key, 0))
            if question.scale == "three_faces":
                # Sad 1, OK 3, happy 5 (no "I don't know": skipped); the same share agreeing.
                value = ON_THREE_FACES.get(value) if isinstance(value, int) else None
            answers[question.key] = value
        elif question.kind is QuestionKind.choice:
            answers[question.key] = rng.choice(question.options).value
        elif rng.random() < 0.7:
            answers[question.key] = _free_text(rng, question.key, audience, language, satisfaction)
    partial = channel in (Channel.sms, Channel.web) and rng.random() < 0.06
    if partial:
        keep = rng.randint(1, 3)
        answers = dict(list(answers.items())[:keep])
    return Submission(
        survey=survey_key,
        audience=audience,
        channel=channel,
        collection_point=rng.choice(team.points),
        team=team.slug,
        language=language,
        completeness=Completeness.partial if partial else Completeness.complete,
        submitted_at=now - timedelta(days=days_ago, minutes=rng.randint(0, 600)),
        answers=answers,
        idempotency_key=f"demo:{number}",
    )


def _channel(rng: random.Random, audience: Audience, days_ago: float) -> Channel:
    if audience is Audience.young_person:
        return rng.choices([Channel.qr, Channel.web], weights=(6, 4))[0]
    if audience is Audience.partner:
        return rng.choices([Channel.email, Channel.web], weights=(7, 3))[0]
    if days_ago > 300:
        return Channel.import_  # last year's paper surveys, typed up
    return rng.choices([Channel.sms, Channel.web, Channel.qr], weights=(5, 3, 1))[0]


ON_THREE_FACES = {1: 1, 2: 1, 3: 3, 4: 5, 5: 5}


def _scale(rng: random.Random, satisfaction: float) -> int | str:
    roll = rng.random()
    if roll < 0.03:
        return NOT_APPLICABLE
    if rng.random() < max(0.05, min(0.97, satisfaction)):
        return 5 if rng.random() < 0.45 else 4
    return rng.choices([3, 2, 1], weights=(40, 35, 25))[0]


def _free_text(
    rng: random.Random, key: str, audience: Audience, language: Language, satisfaction: float
) -> str:
    happy = rng.random() < satisfaction
    welsh = language is Language.cy
    pools: dict[str, list[str]]
    if audience is Audience.parent_carer:
        pools = {
            "one_thing_to_change": (
                text.PARENT_CHANGE_CY
                if welsh
                else text.PARENT_CHANGE_SATISFIED
                if happy
                else text.PARENT_CHANGE_UNHAPPY
            ),
            "most_helpful": text.PARENT_HELPFUL_CY if welsh else text.PARENT_HELPFUL,
        }
    elif audience is Audience.young_person:
        pools = {
            "good_things": text.YP_GOOD_CY if welsh else text.YP_GOOD,
            "worries": text.YP_WORRIES_CY if welsh else text.YP_WORRIES,
            "wishes": text.YP_WISHES_CY if welsh else text.YP_WISHES,
        }
    else:
        pools = {
            "what_worked_well": text.PARTNER_WELL_CY if welsh else text.PARTNER_WELL,
            "one_thing_to_change": text.PARTNER_CHANGE_CY if welsh else text.PARTNER_CHANGE,
        }
    return rng.choice(pools[key])
