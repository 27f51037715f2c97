"""A draft on a shared device: its free text goes private after 30 idle minutes, not before;
starting again keeps words and discards choices."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from api.forms import resume
from api.forms import service as forms
from api.models import FormDraft, Response


def a_draft(db, answers):
    token = forms.start(db, survey_key="young-person", context=forms.FormContext())
    form = forms.draft(db, token=token, survey_key="young-person")
    form.answers = answers
    db.flush()
    return form


def test_free_text_stays_shown_for_29_minutes_and_goes_private_at_30(db):
    form = a_draft(db, {"worker_listened": 5, "good_things": "kind words"})
    definition = forms.survey_for(db, "young-person")
    resume.keep_private_if_idle(form, definition, now=form.updated_at + timedelta(minutes=29))
    assert not resume.is_private(form, "good_things")
    resume.keep_private_if_idle(form, definition, now=form.updated_at + timedelta(minutes=30))
    assert resume.is_private(form, "good_things")
    assert not resume.is_private(form, "worker_listened")  # choices are not hidden
    assert form.answers["good_things"] == "kind words"


def test_an_empty_draft_has_no_answers_and_a_skipped_question_is_not_one(db):
    assert not resume.has_answers(a_draft(db, {}))
    assert not resume.has_answers(a_draft(db, {"good_things": None}))
    assert resume.has_answers(a_draft(db, {"worker_listened": 5}))


def test_starting_again_with_words_sends_them_and_gives_a_new_empty_draft(db):
    form = a_draft(db, {"good_things": "kind words"})
    form.updated_at = datetime.now(UTC) - timedelta(hours=1)
    token = resume.start_again(db, form, forms.survey_for(db, "young-person"))
    assert db.scalar(select(func.count()).select_from(Response)) == 1
    fresh = forms.draft(db, token=token, survey_key="young-person")
    assert fresh.id != form.id and fresh.answers == {}


def test_starting_again_with_only_blank_text_discards_the_draft(db):
    form = a_draft(db, {"worker_listened": 5, "good_things": "   "})
    resume.start_again(db, form, forms.survey_for(db, "young-person"))
    assert db.scalar(select(func.count()).select_from(Response)) == 0
    assert db.scalar(select(func.count()).select_from(FormDraft)) == 1
