"""The intake service: one way in for every channel, validated, stored once."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.errors import Conflict, InvalidInput
from api.models import Answer, Response
from api.models.enums import Audience, Channel, Completeness
from api.responses import intake
from tests import factories


def submit(session, **fields):
    return intake.ingest(session, submission=factories.submission(**fields))


def _count(session, model=Response):
    return session.scalar(select(func.count()).select_from(model))


def test_a_submission_is_stored_with_its_context(db):
    factories.team(db, "front-door")
    result = factories.response(db, team="front-door", collection_point="front_door", channel="sms")
    stored = result.response
    assert result.created
    assert stored.channel is Channel.sms
    assert stored.audience is Audience.parent_carer
    assert stored.completeness is Completeness.complete
    assert stored.team_id is not None and stored.collection_point_id is not None
    assert _count(db, Answer) == 10


def test_the_survey_version_is_recorded(db):
    result = factories.response(db)
    assert result.response.survey_version_id is not None


def test_the_same_idempotency_key_returns_the_first_response(db):
    first = factories.response(db, idempotency_key="form-abc")
    again = factories.response(db, idempotency_key="form-abc")
    assert first.created and not again.created
    assert again.response.id == first.response.id
    assert _count(db) == 1


def test_a_reused_key_with_different_answers_is_refused(db):
    factories.response(db, idempotency_key="form-abc")
    with pytest.raises(Conflict):
        factories.response(
            db, idempotency_key="form-abc", answers=factories.parent_answers(listened_to=1)
        )
    assert _count(db) == 1


def test_every_bad_field_is_reported_and_nothing_is_written(db):
    with pytest.raises(InvalidInput) as caught:
        submit(
            db,
            team="no-such-team",
            collection_point="nowhere",
            audience="young_person",
            answers=factories.parent_answers(listened_to=7, agreed_with_plans="maybe", shoe_size=9),
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {
        "team",
        "collection_point",
        "audience",
        "answers.listened_to",
        "answers.agreed_with_plans",
        "answers.shoe_size",
    }
    assert _count(db) == 0 and _count(db, Answer) == 0


def test_an_unknown_survey_is_a_field_error(db):
    with pytest.raises(InvalidInput) as caught:
        factories.response(db, survey="no-such-survey")
    assert caught.value.errors[0].field == "survey"


def test_answers_must_not_be_empty(db):
    with pytest.raises(InvalidInput):
        factories.response(db, answers={"listened_to": None, "most_helpful": "   "})


def test_free_text_keeps_emoji_and_welsh_and_loses_control_characters(db):
    text = "Diolch yn fawr 😊 – roedd hi'n gwrando\x00\x1b ar ŵyr"
    result = factories.response(db, answers={"most_helpful": text}, language="cy")
    stored = db.scalar(select(Answer.text).where(Answer.response_id == result.response.id))
    assert stored == "Diolch yn fawr 😊 – roedd hi'n gwrando ar ŵyr"


def test_free_text_up_to_five_thousand_characters_is_accepted_and_longer_is_not(db):
    factories.response(db, answers={"most_helpful": "a" * 5000})
    with pytest.raises(InvalidInput) as caught:
        factories.response(db, answers={"most_helpful": "a" * 5001})
    assert "5,000" in caught.value.errors[0].message


def test_script_in_free_text_is_stored_as_text_not_interpreted(db):
    result = factories.response(db, answers={"most_helpful": "<script>alert(1)</script>"})
    stored = db.scalar(select(Answer.text).where(Answer.response_id == result.response.id))
    assert stored == "<script>alert(1)</script>"


def test_a_submission_from_the_future_is_refused(db):
    with pytest.raises(InvalidInput) as caught:
        factories.response(db, submitted_at=datetime.now(UTC) + timedelta(days=1))
    assert caught.value.errors[0].field == "submitted_at"


def test_the_local_date_is_the_councils_not_utc(db):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    result = factories.response(db, submitted_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert result.response.submitted_on.isoformat() == "2026-07-01"


def test_a_partial_response_is_recorded_as_partial(db):
    result = factories.response(db, completeness="partial", answers={"listened_to": 4})
    assert result.response.completeness is Completeness.partial


def test_two_submissions_with_one_key_at_the_same_moment_store_one(fresh_database):
    """Real concurrency: two sessions, two connections, released together."""
    barrier = threading.Barrier(2)
    results: list[object] = []

    def submit() -> None:
        with Session(fresh_database.engine) as session:
            barrier.wait()
            try:
                result = intake.ingest(
                    session, submission=factories.submission(idempotency_key="same-moment")
                )
                session.commit()
                results.append(result.created)
            except Exception as exc:
                results.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results, key=str) == [False, True]
    with Session(fresh_database.engine) as session:
        assert _count(session) == 1
        assert _count(session, Answer) == 10


def test_many_prepared_submissions_are_written_together_each_with_its_own_outcome(db):
    from api.core.errors import Conflict
    from api.models import Job, TallyMark

    factories.team(db, "front-door")
    first = intake.ingest(db, submission=factories.submission(idempotency_key="k-old")).response

    def prepared(key: str | None, **answers):
        fields = {"idempotency_key": key} if key else {}
        if answers:
            fields["answers"] = factories.parent_answers(**answers)
        return intake.prepare(db, submission=factories.submission(**fields))

    batch = [
        prepared("k-1"),
        prepared("k-1"),  # the same key twice in one batch: stored once
        prepared("k-old"),  # stored before: the first response again
        prepared("k-old", listened_to=1),  # the same key, other answers: refused alone
        prepared(None),
    ]
    jobs_before = db.scalar(select(func.count()).select_from(Job))
    outcomes = intake.store_many(db, batch)
    assert [o.created if not isinstance(o, Exception) else "refused" for o in outcomes] == [
        True,
        False,
        False,
        "refused",
        True,
    ]
    assert isinstance(outcomes[3], Conflict)
    assert outcomes[1].response.id == outcomes[0].response.id
    assert outcomes[2].response.id == first.id
    assert db.scalar(select(func.count()).select_from(Response)) == 3
    assert db.scalar(select(func.count()).select_from(Job)) == jobs_before + 2  # analysis
    assert db.scalar(select(func.count()).select_from(TallyMark)) >= 2


def test_the_under_8s_three_faces_store_1_3_or_5_and_refuse_anything_between(db):
    under_8 = {"worker_listened": 5, "know_my_worker": 3, "feel_ok_talking": 1}
    stored = submit(db, survey="young-person-under-8", answers=under_8).response
    values = dict(
        db.execute(
            select(Answer.question_id, Answer.scale_value).where(
                Answer.response_id == stored.id, Answer.scale_value.is_not(None)
            )
        ).all()
    )
    assert sorted(values.values()) == [1, 3, 5]
    for between in (2, 4, "not_applicable"):
        with pytest.raises(InvalidInput) as refused:
            submit(db, survey="young-person-under-8", answers={"worker_listened": between})
        assert "must be one of 1, 3, 5" in str(refused.value.errors)
