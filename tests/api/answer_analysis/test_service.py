"""Every free-text answer stored through intake is analysed; a disclosure raises an alert and
tells the duty team by email at once - a link, never the words."""

import time
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from analysis.base_model import BaseModel
from api.accounts import service as accounts
from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.jobs import queue as jobs
from api.jobs import worker
from api.models import (
    AlertEvent,
    AnswerAnalysis,
    AnswerTheme,
    Job,
    PossibleConcern,
    SafeguardingAlert,
)
from api.models.enums import AlertStatus, JobStatus, Role
from tests import factories
from tests.live import live_server
from tests.smtp import smtp_server

DISCLOSURE = "I dont feel safe at home, dad hits me"


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_intake_queues_analysis_only_when_there_is_free_text(db):
    factories.response(db, answers={"listened_to": 4})
    assert count(db, Job) == 0
    factories.response(db, answers={"listened_to": 4, "most_helpful": "Being listened to"})
    assert db.scalar(select(Job.kind)) == answer_analysis.ANALYSE


def test_analysis_stores_themes_sentiment_and_a_redacted_copy(db):
    stored = factories.response(
        db,
        answers={
            "one_thing_to_change": "Sarah never rings back, call 07700 900123",
            "most_helpful": "Nothing",
        },
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    rows = {r.redacted_text: r for r in db.scalars(select(AnswerAnalysis))}
    change = rows["[name] never rings back, call [phone]"]
    assert change.sentiment_label == "negative"
    assert change.themes[0]["id"] == "communication"
    assert ("communication", "negative") in {
        (t.theme, t.polarity) for t in db.scalars(select(AnswerTheme))
    }
    assert rows["Nothing"].sentiment_label == "negative"  # "what helped most?" - nothing


def test_a_disclosure_raises_one_alert_and_queues_its_notification(db):
    stored = factories.response(
        db, team="front-door", answers={"worries": DISCLOSURE}, survey="young-person"
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    answer_analysis.analyse_response(db, response_id=stored.id)  # analysed again: still one
    alert = db.scalar(select(SafeguardingAlert))
    assert alert.status is AlertStatus.new
    assert set(alert.categories) >= {"unsafe_at_home", "physical_abuse"}
    assert alert.team_id == stored.team_id
    assert count(db, SafeguardingAlert) == 1
    assert db.scalar(select(AlertEvent.actor_label)) == "analysis"
    assert db.scalar(select(func.count()).where(Job.kind == "alerts.notify")) == 1


def test_words_of_comfort_raise_no_alert(db):
    stored = factories.response(
        db, survey="young-person", answers={"good_things": "My worker helped me feel safe again"}
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    assert count(db, SafeguardingAlert) == 0


@pytest.fixture
def duty_settings(monkeypatch, tmp_path, fresh_database, use_database):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_DUTY_EMAILS", "duty@council.example, mash@council.example")
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("YOUSAID_PUBLIC_BASE_URL", "https://yousaid.council.example")
    get_settings.cache_clear()
    return fresh_database


def store_disclosure(database) -> None:
    with Session(database.engine) as session, session.begin():
        factories.response(
            session,
            team="front-door",
            survey="young-person",
            answers={"worries": DISCLOSURE},
            idempotency_key="d-1",
        )


def test_the_worker_emails_the_duty_team_a_link_and_never_the_words(duty_settings, monkeypatch):
    with smtp_server() as (port, received):
        monkeypatch.setenv("YOUSAID_EMAIL_PROVIDER", "smtp")
        monkeypatch.setenv("YOUSAID_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("YOUSAID_SMTP_PORT", str(port))
        get_settings.cache_clear()
        store_disclosure(duty_settings)
        runner = jobs.Worker(sessionmaker(bind=duty_settings.engine), "test")
        assert runner.run_until_idle() == 2  # analyse, then notify
    (message,) = received.messages
    with Session(duty_settings.engine) as session:
        alert = session.scalar(select(SafeguardingAlert))
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == "duty@council.example, mash@council.example"
    assert "safeguarding alert" in message["Subject"].lower()
    assert f"https://yousaid.council.example/staff/alerts/{alert.public_id}" in body
    assert "Physical abuse" in body  # the kind of concern, to help triage
    for words in ("dad", "hits", "dont feel", DISCLOSURE):
        assert words not in body and words not in message["Subject"]


def test_without_duty_contacts_the_notification_fails_visibly(duty_settings, monkeypatch):
    monkeypatch.setenv("YOUSAID_DUTY_EMAILS", "")
    get_settings.cache_clear()
    store_disclosure(duty_settings)
    jobs.Worker(sessionmaker(bind=duty_settings.engine), "test").run_until_idle()
    with Session(duty_settings.engine) as session:
        notify = session.scalar(select(Job).where(Job.kind == "alerts.notify"))
    assert "No duty contacts" in notify.last_error


def test_an_alert_exists_and_is_sent_within_ten_seconds_of_the_answer(duty_settings):
    """Through HTTP and the in-process worker, as `yousaid serve` runs them."""
    with Session(duty_settings.engine) as session, session.begin():
        factories.team(session, "front-door")
        user = accounts.create_user(session, email="api@council.example", role=Role.rights_team)
        token = accounts.create_token(session, user=user)
    background, stop = worker.start_in_thread(poll_seconds=0.2)
    try:
        with live_server() as base:
            stored_at = time.monotonic()
            answer = httpx.post(
                f"{base}/api/v1/responses",
                headers={"Authorization": f"Bearer {token}"},
                json={
                    "survey": "young-person",
                    "team": "front-door",
                    "collection_point": "closure",
                    "submitted_at": datetime.now(UTC).isoformat(),
                    "answers": {"worries": DISCLOSURE},
                },
            )
            assert answer.status_code == 201
            outbox = get_settings().outbox_dir
            while time.monotonic() - stored_at < 10 and not list(outbox.glob("*.eml")):
                time.sleep(0.05)
            elapsed = time.monotonic() - stored_at
    finally:
        stop.set()
        background.join(timeout=5)
    assert list(outbox.glob("*.eml")), "no notification within 10 seconds"
    assert elapsed < 10


# -- the second reading, with the sentence encoder (decision 50) ------------------------------
@pytest.fixture
def second_reading(monkeypatch):
    monkeypatch.setenv("YOUSAID_SECOND_READING", "true")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def encoded_model_with(monkeypatch, **thresholds):
    """The shipped slow-lane model with the thresholds a test needs (its words unchanged)."""
    from dataclasses import replace

    from analysis import pipeline
    from analysis.base_model import BaseModel

    shipped = pipeline.shipped_encoded_model()
    changed = BaseModel(shipped.arrays, replace(shipped.settings, **thresholds))
    monkeypatch.setattr(pipeline, "shipped_encoded_model", lambda: changed)
    monkeypatch.setattr(answer_analysis, "shipped_encoded_model", lambda: changed)
    return changed


QUIET_WORDS = "My worker came on Tuesday and we talked about school"


def test_the_fast_lane_queues_the_second_reading_behind_everything_else(db, second_reading):
    stored = factories.response(db, survey="young-person", answers={"worries": DISCLOSURE})
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    reread = db.scalar(select(Job).where(Job.kind == answer_analysis.REREAD))
    assert reread.payload == {"response_id": stored.response.id}
    assert reread.priority == jobs.LOW
    notify = db.scalar(select(Job).where(Job.kind == "alerts.notify"))
    assert notify.priority == jobs.URGENT  # the duty team is told before anything else


def test_without_the_second_reading_nothing_more_is_queued(db):
    stored = factories.response(db, survey="young-person", answers={"worries": DISCLOSURE})
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    assert db.scalar(select(Job).where(Job.kind == answer_analysis.REREAD)) is None


def test_the_second_reading_raises_an_alert_the_fast_lane_did_not(db, second_reading, monkeypatch):
    stored = factories.response(db, survey="parent-carer", answers={"most_helpful": QUIET_WORDS})
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    assert count(db, SafeguardingAlert) == 0
    encoded_model_with(monkeypatch, alert=0.0)  # the slow lane's model is sure
    answer_analysis.run_reread(db, {"response_id": stored.response.id})
    alert = db.scalar(select(SafeguardingAlert))
    assert alert.categories == ["possible_harm"]
    assert alert.answer_id is not None
    assert db.scalar(select(func.count()).where(Job.kind == "alerts.notify")) == 1
    row = db.scalar(select(AnswerAnalysis))
    assert row.safeguarding_level.value == "alert"
    # The second reading is not read a third time.
    assert db.scalar(select(func.count()).where(Job.kind == answer_analysis.REREAD)) == 1


def test_the_second_reading_never_takes_back_an_alert(db, second_reading, monkeypatch):
    stored = factories.response(db, survey="young-person", answers={"worries": DISCLOSURE})
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    encoded_model_with(monkeypatch, alert=1.0, concern=1.0, ordinary=1.0)  # it sees nothing
    answer_analysis.run_reread(db, {"response_id": stored.response.id})
    assert count(db, SafeguardingAlert) == 1
    assert db.scalar(select(func.count()).where(Job.kind == "alerts.notify")) == 1  # told once
    assert db.scalar(select(AnswerAnalysis)).safeguarding_flag


def test_an_adults_possible_concern_is_the_second_readings_to_queue(
    db, second_reading, monkeypatch
):
    """Decision 51: the fast lane stores its reading and raises alerts at once; whether an
    adult's words are a possible concern waits for the reading that also reads the encoder."""
    from analysis import pipeline

    shipped = pipeline.shipped_model()
    worried = BaseModel(shipped.arrays, replace(shipped.settings, concern=0.0, ordinary=0.0))
    monkeypatch.setattr(pipeline, "shipped_model", lambda: worried)
    stored = factories.response(db, survey="parent-carer", answers={"most_helpful": QUIET_WORDS})
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    assert db.scalar(select(AnswerAnalysis)).safeguarding_level.value == "concern"
    assert count(db, PossibleConcern) == 0  # not yet: the second reading decides
    encoded_model_with(monkeypatch, alert=1.0, concern=1.0, ordinary=1.0)  # ordinary words
    answer_analysis.run_reread(db, {"response_id": stored.response.id})
    assert db.scalar(select(AnswerAnalysis)).safeguarding_level.value == "none"
    assert count(db, PossibleConcern) == 0
    encoded_model_with(monkeypatch, alert=1.0, concern=0.0)  # the second reading is worried
    answer_analysis.run_reread(db, {"response_id": stored.response.id})
    assert count(db, PossibleConcern) == 1


def test_when_the_second_reading_fails_for_good_the_fast_lanes_concern_is_queued(
    fresh_database, second_reading, monkeypatch
):
    from analysis import pipeline

    shipped = pipeline.shipped_model()
    worried = BaseModel(shipped.arrays, replace(shipped.settings, concern=0.0, ordinary=0.0))
    monkeypatch.setattr(pipeline, "shipped_model", lambda: worried)

    def broken(*args, **kwargs):
        raise RuntimeError("the encoder's engine crashed")

    sessions = sessionmaker(bind=fresh_database.engine, expire_on_commit=False)
    with sessions() as session, session.begin():
        stored = factories.response(
            session, survey="parent-carer", answers={"most_helpful": QUIET_WORDS}
        )
    monkeypatch.setattr(pipeline, "shipped_encoded_model", broken)
    runner = jobs.Worker(sessions, "test-worker")
    for _ in range(6):  # the fast lane, then the second reading's five attempts
        with sessions() as session, session.begin():
            for job in session.scalars(select(Job).where(Job.kind == answer_analysis.REREAD)):
                job.run_after = datetime.now(UTC)
        runner.run_until_idle()
    with sessions() as session:
        reread = session.scalar(select(Job).where(Job.kind == answer_analysis.REREAD))
        assert reread.status is JobStatus.failed
        concern = session.scalar(select(PossibleConcern))
        assert concern is not None and concern.response_id == stored.response.id


# Exploitation told indirectly, in Welsh ("older boys give me things if I carry bags for
# them"): no rule matches it; the shipped slow lane's model is sure of it (0.88 against its
# alert threshold of 0.55 on 2026-12-03).
WELSH_INDIRECT = "Mae bechgyn hŷn yn rhoi pethau i fi os dw i'n cario bagiau iddyn nhw"


def test_a_welsh_disclosure_no_rule_knows_reaches_the_duty_team_on_the_second_reading(
    fresh_database, second_reading
):
    """The shipped models, the real encoder and the worker's own queue, end to end."""
    sessions = sessionmaker(bind=fresh_database.engine, expire_on_commit=False)
    with sessions() as session, session.begin():
        stored = factories.response(
            session, survey="young-person", answers={"worries": WELSH_INDIRECT}
        )
    runner = jobs.Worker(sessions, "test-worker")
    assert runner.run_until_idle() >= 2  # the fast analysis, then the second reading
    with sessions() as session:
        alert = session.scalar(select(SafeguardingAlert))
        assert alert is not None and alert.response_id == stored.response.id
        assert session.scalar(select(AnswerAnalysis.language)) == "cy"
        kinds = session.scalars(select(Job.kind).order_by(Job.id)).all()
        assert kinds.count(answer_analysis.REREAD) == 1
        assert "alerts.notify" in kinds
