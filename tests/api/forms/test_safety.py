"""A web form's safeguarding while it is filled in: "yes" raises at once, saved words are
analysed within seconds, and one alert follows the form to its response."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from api.alerts import raising
from api.forms import safety
from api.forms import service as forms
from api.jobs import queue as jobs
from api.models import CollectionPoint, FormDraft, Job, SafeguardingAlert, Team
from api.models.enums import AlertSource, Audience, Channel, JobStatus
from tests import factories

DISCLOSURE = "my step dad hits me when mum is out"


def open_draft(session: Session, survey: str = "young-person") -> FormDraft:
    if session.scalar(select(Team.id).where(Team.slug == "front-door")) is None:
        factories.team(session, "front-door")
    token = forms.start(
        session,
        survey_key=survey,
        context=forms.FormContext(team="front-door", collection_point="front_door"),
    )
    found = forms.draft(session, token=token, survey_key=survey)
    assert found is not None
    return found


def say(session: Session, form: FormDraft, key: str, value: str) -> None:
    question = forms.survey_for(session, form.survey_key).question(key)
    assert question is not None
    forms.save_answer(session, form, question=question, value=value)


def alerts(session: Session) -> list[SafeguardingAlert]:
    return list(session.scalars(select(SafeguardingAlert)))


def queued(session: Session, kind: str) -> int:
    return session.scalar(select(func.count()).select_from(Job).where(Job.kind == kind)) or 0


def test_yes_raises_one_alert_at_once_marked_as_the_childs_request(db):
    form = open_draft(db)
    before = datetime.now(UTC)
    say(db, form, "safe_now", "yes_talk")
    (alert,) = alerts(db)
    assert alert.raised_by is AlertSource.child_request
    assert alert.categories == [raising.ASKED_FOR_HELP]
    assert alert.subject_key == raising.draft_key(form.id) and alert.draft_id == form.id
    assert (alert.audience, alert.channel) == (Audience.young_person, Channel.web)
    assert alert.team_id == db.scalar(select(Team.id).where(Team.slug == "front-door"))
    assert alert.collection_point_id == db.scalar(
        select(CollectionPoint.id).where(CollectionPoint.key == "front_door")
    )
    said_at = alert.said_at.replace(tzinfo=alert.said_at.tzinfo or UTC)
    assert before - timedelta(seconds=1) <= said_at <= datetime.now(UTC)
    assert queued(db, "alerts.notify") == 1


def test_yes_again_is_the_same_alert_and_nobody_is_told_twice(db):
    form = open_draft(db)
    say(db, form, "safe_now", "yes_talk")
    say(db, form, "safe_now", "yes_talk")
    assert len(alerts(db)) == 1 and queued(db, "alerts.notify") == 1


@pytest.mark.parametrize("answer", ["no", "rather_not_say", ""])
def test_no_or_rather_not_say_raises_nothing(db, answer):
    form = open_draft(db)
    say(db, form, "safe_now", answer)
    assert alerts(db) == [] and queued(db, "alerts.notify") == 0


def test_changing_yes_to_no_does_not_take_the_request_back(db):
    form = open_draft(db)
    say(db, form, "safe_now", "yes_talk")
    say(db, form, "safe_now", "no")
    assert len(alerts(db)) == 1


def test_an_adult_saying_yes_raises_an_alert_for_their_audience(db):
    form = open_draft(db, survey="parent-carer")
    say(db, form, "safe_now", "yes_talk")
    (alert,) = alerts(db)
    assert alert.audience is Audience.parent_carer
    assert alert.raised_by is AlertSource.child_request


def test_saved_free_text_queues_its_analysis_and_an_empty_one_does_not(db):
    form = open_draft(db)
    say(db, form, "good_things", "")
    assert queued(db, safety.ANALYSE_DRAFT) == 0
    say(db, form, "worries", DISCLOSURE)
    (job,) = db.scalars(select(Job).where(Job.kind == safety.ANALYSE_DRAFT))
    assert job.payload["draft_id"] == form.id and job.payload["question"] == "worries"
    assert DISCLOSURE not in str(job.payload)  # the words stay in the draft, not the queue


def test_the_offered_contact_is_kept_encrypted_on_the_alert_only(db):
    from api.core import crypto

    form = open_draft(db)
    say(db, form, "safe_now", "yes_talk")
    assert safety.offer_contact(db, form, value="  Sam, Ysgol y Graig  ")
    (alert,) = alerts(db)
    assert alert.offered_contact_encrypted and "Sam" not in alert.offered_contact_encrypted
    assert crypto.decrypt(alert.offered_contact_encrypted) == "Sam, Ysgol y Graig"
    assert "Sam" not in str(form.answers)
    assert not safety.offer_contact(db, form, value="   ")  # skipped: nothing more kept


# With the worker: each step commits, as in production.


@pytest.fixture
def sessions(fresh_database, use_database):
    use_database(fresh_database)
    return sessionmaker(bind=fresh_database.engine, expire_on_commit=False)


def start_and_say(sessions, answers: dict[str, str]) -> int:
    with sessions() as session, session.begin():
        form = open_draft(session)
        for key, value in answers.items():
            say(session, form, key, value)
        return form.id


def worker(sessions) -> int:
    return jobs.Worker(sessions, "test").run_until_idle()


def the_alerts(sessions) -> list[SafeguardingAlert]:
    with sessions() as session:
        return alerts(session)


def finish_stale(sessions) -> None:
    with sessions() as session, session.begin():
        for form in session.scalars(select(FormDraft)):
            form.updated_at = datetime.now(UTC) - timedelta(days=3)
        session.flush()
        forms.finish_stale(session, {})


def test_an_abandoned_disclosure_raises_one_alert_and_finishing_it_later_none_more(sessions):
    draft_id = start_and_say(sessions, {"worries": DISCLOSURE})
    assert the_alerts(sessions) == []  # analysed by the worker, not in the page's request
    worker(sessions)
    (alert,) = the_alerts(sessions)
    assert alert.raised_by is AlertSource.analysis and "physical_abuse" in alert.categories
    assert alert.subject_key == raising.draft_key(draft_id)
    finish_stale(sessions)  # the draft becomes a partial response, analysed again
    worker(sessions)
    (after,) = the_alerts(sessions)
    assert after.id == alert.id and after.response_id is not None
    assert after.subject_key == raising.response_key(after.response_id)
    assert after.answer_id is not None  # the response's analysis found the same words
    with sessions() as session:
        told = session.scalar(
            select(func.count()).select_from(Job).where(Job.kind == "alerts.notify")
        )
    assert told == 1


def test_a_sent_form_with_a_disclosure_analysed_already_keeps_one_alert(sessions):
    draft_id = start_and_say(sessions, {"worries": DISCLOSURE})
    worker(sessions)
    with sessions() as session, session.begin():
        form = session.get(FormDraft, draft_id)
        assert form is not None
        forms.submit(session, form)
    worker(sessions)
    (alert,) = the_alerts(sessions)
    assert alert.response_id is not None and alert.draft_id == draft_id


def test_a_form_sent_before_its_words_were_analysed_raises_one_alert(sessions):
    draft_id = start_and_say(sessions, {"worries": DISCLOSURE})
    with sessions() as session, session.begin():
        form = session.get(FormDraft, draft_id)
        assert form is not None
        forms.submit(session, form)
    worker(sessions)  # the draft's job finds it sent and leaves it to the response's analysis
    (alert,) = the_alerts(sessions)
    assert alert.subject_key == raising.response_key(alert.response_id or 0)
    with sessions() as session:
        statuses = set(session.scalars(select(Job.status).where(Job.kind == safety.ANALYSE_DRAFT)))
    assert statuses == {JobStatus.done}


def test_yes_and_a_disclosure_make_one_alert_raised_by_both(sessions):
    start_and_say(sessions, {"safe_now": "yes_talk", "worries": DISCLOSURE})
    worker(sessions)
    (alert,) = the_alerts(sessions)
    assert alert.raised_by is AlertSource.both
    assert set(alert.categories) >= {raising.ASKED_FOR_HELP, "physical_abuse"}


def test_kind_words_raise_nothing(sessions):
    start_and_say(sessions, {"good_things": "she was kind and took me bowling"})
    worker(sessions)
    assert the_alerts(sessions) == []


def test_a_yes_that_arrives_through_the_api_raises_its_alert_when_analysed(db):
    from api.answer_analysis import service as answer_analysis

    factories.team(db, "front-door")
    stored = factories.response(
        db, team="front-door", survey="young-person", answers={"safe_now": "yes_talk"}
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    (alert,) = alerts(db)
    assert alert.raised_by is AlertSource.child_request and alert.answer_id is not None
    assert alert.subject_key == raising.response_key(stored.response.id)


def test_a_sent_form_that_said_yes_keeps_its_one_alert_when_analysed(db):
    from api.answer_analysis import service as answer_analysis

    form = open_draft(db)
    say(db, form, "safe_now", "yes_talk")
    result = forms.submit(db, form)
    assert result is not None
    answer_analysis.analyse_response(db, response_id=result.response.id)
    (alert,) = alerts(db)
    assert alert.raised_by is AlertSource.child_request  # the same request, not "both"
    assert alert.response_id == result.response.id and queued(db, "alerts.notify") == 1
