"""The possible concerns queue: an answer the analysis calls a concern is queued once (never on
none or alert, never twice, never beside its own alert), told to nobody, read within the
reader's teams with every showing of the words audited, and closed with who, when and what
they decided; raising it as an alert goes through the normal path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.concerns import service as concerns
from api.core.errors import Conflict, Forbidden, NotFound
from api.models import (
    AlertEvent,
    AlertNotification,
    AnswerAnalysis,
    AuditEvent,
    Job,
    PossibleConcern,
    SafeguardingAlert,
)
from api.models.enums import (
    AlertSource,
    Audience,
    Channel,
    ConcernOutcome,
    ConcernReason,
    ConcernStatus,
    Role,
    SafeguardingLevel,
)
from tests import factories
from tests.api.concerns.concerning import SCORE, WORDS, concern, only_unsure, unsure

__all__ = ["unsure"]

DISCLOSURE = "I dont feel safe at home, dad hits me"


def count(db, model, *where) -> int:
    return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


def person(db, role: Role, team: str | None = None) -> Scope:
    user = factories.staff_user(db, role, teams=[team] if team else None)
    teams = frozenset({factories.team(db, team).id}) if team else frozenset()
    return Scope(role=role, label=user.email, user_id=user.id, team_ids=teams)


@pytest.mark.usefixtures("unsure")
def test_a_concern_is_queued_once_with_what_a_reader_needs(db):
    made = concern(db)
    assert made.status is ConcernStatus.open and made.reason is ConcernReason.model
    assert made.audience is Audience.young_person and made.channel is Channel.web
    assert made.team_id == factories.team(db, "north").id and made.score == SCORE
    assert made.said_at is not None and made.due_at == concerns.due_after(made.raised_at)
    analysed = db.scalar(select(AnswerAnalysis).where(AnswerAnalysis.answer_id == made.answer_id))
    assert analysed.safeguarding_level is SafeguardingLevel.concern
    assert analysed.safeguarding_score == SCORE


@pytest.mark.usefixtures("unsure")
def test_analysing_again_never_queues_a_second(db):
    made = concern(db)
    answer_analysis.analyse_response(db, response_id=made.response_id)
    answer_analysis.analyse_response(db, response_id=made.response_id)
    assert count(db, PossibleConcern) == 1


def test_ordinary_feedback_is_not_queued(db):
    stored = factories.response(
        db, survey="young-person", answers={"worries": "Nothing, my worker is great"}
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    assert count(db, PossibleConcern) == 0
    assert db.scalar(select(AnswerAnalysis.safeguarding_level)) is SafeguardingLevel.none


@pytest.mark.usefixtures("unsure")
def test_an_alert_is_the_duty_teams_not_the_queues(db):
    stored = factories.response(db, survey="young-person", answers={"worries": DISCLOSURE})
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    assert count(db, SafeguardingAlert) == 1
    assert count(db, PossibleConcern) == 0
    assert db.scalar(select(AnswerAnalysis.safeguarding_level)) is SafeguardingLevel.alert


def test_an_answer_that_already_raised_an_alert_is_not_queued_when_analysed_again(db, monkeypatch):
    stored = factories.response(db, survey="young-person", answers={"worries": DISCLOSURE})
    answer_analysis.analyse_response(db, response_id=stored.response.id)  # an alert
    # A later model is only unsure of the same words: the duty team already has them.
    monkeypatch.setattr(answer_analysis, "analyse", only_unsure)
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    assert count(db, PossibleConcern) == 0
    assert db.scalar(select(AnswerAnalysis.safeguarding_level)) is SafeguardingLevel.concern


@pytest.mark.usefixtures("unsure")
def test_a_concern_tells_nobody(db):
    concern(db)
    assert count(db, AlertNotification) == 0
    assert count(db, Job, Job.kind.like("alerts.%")) == 0


@pytest.mark.usefixtures("unsure")
def test_another_teams_manager_is_told_it_does_not_exist(db):
    made = concern(db, team="north")
    south = person(db, Role.manager, "south")
    with pytest.raises(NotFound):
        concerns.row(db, south, public_id=made.public_id)
    with pytest.raises(NotFound):
        concerns.words(db, south, public_id=made.public_id)
    assert concerns.queue(db, south, wanted=concerns.Wanted()).total == 0
    assert count(db, AuditEvent) == 0


@pytest.mark.usefixtures("unsure")
def test_a_practitioner_cannot_read_possible_concerns(db):
    made = concern(db, team="north")
    practitioner = person(db, Role.practitioner, "north")
    with pytest.raises(Forbidden):
        concerns.words(db, practitioner, public_id=made.public_id)
    with pytest.raises(Forbidden):
        concerns.queue(db, practitioner, wanted=concerns.Wanted())


@pytest.mark.usefixtures("unsure")
def test_the_teams_manager_and_the_rights_team_read_it(db):
    made = concern(db, team="north")
    anonymous = concern(db, team=None)
    north = person(db, Role.manager, "north")
    officer = person(db, Role.rights_team)
    assert concerns.words(db, north, public_id=made.public_id) == WORDS
    assert [r.concern.id for r in concerns.queue(db, north, wanted=concerns.Wanted()).rows] == [
        made.id
    ]
    everyone = concerns.queue(db, officer, wanted=concerns.Wanted())
    assert {r.concern.id for r in everyone.rows} == {made.id, anonymous.id}


@pytest.mark.usefixtures("unsure")
def test_every_showing_of_the_words_is_audited(db):
    made = concern(db)
    officer = person(db, Role.rights_team)
    concerns.words(db, officer, public_id=made.public_id)
    concerns.words(db, officer, public_id=made.public_id)
    found = db.scalars(select(AuditEvent).where(AuditEvent.action == "concern.view_text")).all()
    assert len(found) == 2
    assert {(e.object_type, e.object_id, e.actor_user_id) for e in found} == {
        ("concern", made.public_id, officer.user_id)
    }


@pytest.mark.parametrize("public_id", ["nope", "\x00", "1" * 5000, ""])
def test_an_id_that_cannot_be_one_is_not_found(db, public_id):
    with pytest.raises(NotFound):
        concerns.row(db, person(db, Role.rights_team), public_id=public_id)


@pytest.mark.usefixtures("unsure")
def test_the_outcome_is_recorded_with_reader_and_time_once(db):
    made = concern(db)
    officer = person(db, Role.rights_team)
    before = datetime.now(UTC)
    concerns.record_outcome(
        db,
        officer,
        public_id=made.public_id,
        outcome=ConcernOutcome.passed_to_worker,
        note="Told her worker",
    )
    assert made.status is ConcernStatus.read and made.outcome is ConcernOutcome.passed_to_worker
    assert made.read_by_user_id == officer.user_id and made.read_by_label == officer.label
    assert made.read_at is not None and made.read_at >= before and made.note == "Told her worker"
    with pytest.raises(Conflict):
        concerns.record_outcome(
            db, officer, public_id=made.public_id, outcome=ConcernOutcome.other, note=None
        )
    assert count(db, SafeguardingAlert) == 0


@pytest.mark.usefixtures("unsure")
def test_raising_it_as_an_alert_tells_the_duty_team_through_the_normal_path(db):
    made = concern(db)
    officer = person(db, Role.rights_team)
    concerns.record_outcome(
        db,
        officer,
        public_id=made.public_id,
        outcome=ConcernOutcome.raised_as_alert,
        note="Spoke to the school: they know the family",
    )
    alert = db.scalar(select(SafeguardingAlert))
    assert alert is not None and made.alert_id == alert.id
    assert alert.raised_by is AlertSource.concern_review and alert.answer_id == made.answer_id
    assert alert.categories == ["read_by_a_person"] and alert.team_id == made.team_id
    assert count(db, AlertNotification) == 1
    assert count(db, Job, Job.kind == "alerts.notify") == 1
    event = db.scalar(select(AlertEvent))
    assert event.actor_user_id == officer.user_id and "possible concern" in event.note
    assert "Spoke to the school" in event.note  # the duty team sees what the reader decided


@pytest.mark.usefixtures("unsure")
def test_raising_it_when_the_response_has_an_alert_joins_that_one(db):
    stored = factories.response(
        db, survey="young-person", answers={"safe_now": "yes_talk", "worries": WORDS}
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    made = db.scalar(select(PossibleConcern))  # the child's words are read by a person too
    assert made is not None and count(db, SafeguardingAlert) == 1
    officer = person(db, Role.rights_team)
    concerns.record_outcome(
        db, officer, public_id=made.public_id, outcome=ConcernOutcome.raised_as_alert, note=None
    )
    assert count(db, SafeguardingAlert) == 1 and count(db, AlertNotification) == 1
    assert made.alert_id == db.scalar(select(SafeguardingAlert.id))


@pytest.mark.usefixtures("unsure")
def test_counts_say_open_and_overdue(db):
    late = concern(db)
    concern(db)
    done = concern(db)
    officer = person(db, Role.rights_team)
    late.due_at = datetime.now(UTC) - timedelta(minutes=1)
    concerns.record_outcome(
        db, officer, public_id=done.public_id, outcome=ConcernOutcome.ordinary_feedback, note=None
    )
    assert concerns.counts(db, officer) == {"all": 3, "open": 2, "overdue": 1, "read": 1}
    read = concerns.queue(db, officer, wanted=concerns.Wanted(status="read"))
    assert [r.concern.id for r in read.rows] == [done.id]
