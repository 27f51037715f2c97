"""Daily tallies: every change marks its day; the recount brings the day's tallies up to date;
the counts read are exact before and after, and a recount never counts twice."""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.models import (
    Response,
    ResponseTally,
    StatementTally,
    TallyMark,
    ThemeTally,
)
from api.models.enums import Channel, Role
from api.responses.filters import ResponseFilters
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate
from api.tallies import counts, recount
from tests import factories

EVERYONE = Scope.system("test")
START, END = date(2026, 10, 1), date(2026, 11, 22)


def respond(db, day: date, team="north", text="She never rang back", channel=Channel.web, **s):
    result = factories.response(
        db,
        team=team,
        channel=channel,
        submitted_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        answers=factories.parent_answers(one_thing_to_change=text, **s),
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)
    return result.response


def read(db, scope=EVERYONE, filters=ResponseFilters()):
    survey_id = db.scalar(select(Response.survey_id))
    return (
        counts.responses(db, scope, start=START, end=END, filters=filters, by=("day", "channel")),
        counts.themes(db, scope, start=START, end=END, filters=filters, by=("theme", "polarity")),
        counts.statements(
            db,
            scope,
            survey_id=survey_id,
            start=date(2026, 11, 1),
            end=END,
            since=START,
            filters=filters,
        ),
    )


def marks(db) -> int:
    return db.scalar(select(func.count()).select_from(TallyMark))


def test_intake_and_analysis_mark_the_day_and_the_recount_clears_it(db):
    respond(db, date(2026, 11, 3))
    assert marks(db) >= 2  # the response, then each answer's themes
    assert recount.recount(db) == 1
    assert marks(db) == 0
    assert db.scalar(select(func.sum(ResponseTally.responses))) == 1
    assert db.scalar(select(func.count()).select_from(StatementTally)) == 7  # one not applicable
    assert db.scalar(select(func.count()).select_from(ThemeTally)) >= 1


def test_counts_are_the_same_before_and_after_the_recount(db):
    rng = random.Random(7)
    for _ in range(40):
        day = START + timedelta(days=rng.randrange((END - START).days + 1))
        respond(
            db,
            day,
            team=rng.choice(["north", "south"]),
            channel=rng.choice([Channel.web, Channel.sms, Channel.qr]),
            text=rng.choice(["She never rang back", "She was kind and listened", "ok"]),
            listened_to=rng.choice([1, 2, 3, 4, 5]),
        )
    north = factories.team(db, "north")
    manager = Scope(role=Role.manager, label="m", user_id=1, team_ids=frozenset({north.id}))
    before = [read(db), read(db, manager), read(db, filters=ResponseFilters(channel=Channel.sms))]
    recount.recount(db, limit=5)  # some days recounted, others still marked
    middle = [read(db), read(db, manager), read(db, filters=ResponseFilters(channel=Channel.sms))]
    while recount.recount(db):
        pass
    after = [read(db), read(db, manager), read(db, filters=ResponseFilters(channel=Channel.sms))]
    assert before == middle == after
    assert marks(db) == 0
    assert sum(before[0][0].values()) == 40


def test_a_reviewers_correction_marks_the_day_and_is_counted(db):
    response = respond(db, date(2026, 11, 10), text="She never rang back")
    while recount.recount(db):
        pass
    reviews.review(
        db,
        Scope(role=Role.rights_team, label="r", user_id=None),
        correction=ReviewCreate(
            response=response.public_id,
            question="one_thing_to_change",
            themes=[{"id": "caring", "polarity": "positive"}],
            sentiment="positive",
        ),
    )
    assert marks(db) == 1
    _, themes, _ = read(db)
    assert ("caring", "positive") in {(t, p.value) for t, p in themes}
    while recount.recount(db):
        pass
    assert read(db)[1] == themes


def test_two_workers_recounting_at_once_count_each_day_once(fresh_database):
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
    with sessions() as session, session.begin():
        for n in range(30):
            respond(session, START + timedelta(days=n))

    def work():
        with sessions() as session, session.begin():
            recount.recount(session)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with sessions() as session, session.begin():
        while recount.recount(session):
            pass
    with sessions() as session:
        assert session.scalar(select(func.sum(ResponseTally.responses))) == 30
        per_day = session.execute(
            select(ResponseTally.day, func.count()).group_by(ResponseTally.day)
        ).all()
        assert all(n == 1 for _, n in per_day)
