"""Shared phones and reception tablets: nothing cached or framed, the next person asked
before a draft is resumed, the last person's words never shown to them, and a fast way out."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.models import Answer, FormDraft, Response
from api.models.enums import Completeness
from tests import factories
from tests.frontend.test_public import answer, begin, csrf

PUBLIC = [
    "/",
    "/f/young-person",
    "/f/young-person/2",
    "/f/young-person/thanks",
    "/f/no-such-survey",
    "/q/nosuchcode",
    "/i/nosuchtoken",
    "/you-said-we-did",
    "/you-said-we-did/nowhere",
]


def draft(db) -> FormDraft:
    return db.scalars(select(FormDraft).order_by(FormDraft.id.desc())).first()


def choose(client, survey, choice):
    page = client.get(f"/f/{survey}")
    assert "Carry on where you left off, or start again" in page.text
    return client.post(
        f"/f/{survey}/resume", data={"csrf": csrf(page), "choice": choice}, follow_redirects=False
    )


def idle(db, minutes=31):
    for form in db.scalars(select(FormDraft)):
        form.updated_at = datetime.now(UTC) - timedelta(minutes=minutes)
    db.flush()


@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_page_is_not_cached_framed_or_referred(client, path):
    got = client.get(path, follow_redirects=False)
    assert got.status_code < 500
    assert got.headers["cache-control"] == "no-store"
    csp = got.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert got.headers["referrer-policy"] == "no-referrer"
    assert got.headers["x-frame-options"] == "DENY"


def test_posts_and_their_errors_carry_the_headers_too(client):
    begin(client)
    forged = client.post("/f/young-person/2", data={"answer": "5"})
    assert forged.status_code == 403 and forged.headers["cache-control"] == "no-store"
    huge = client.post("/f/young-person/7", data={"answer": "x" * 2_000_000})
    assert huge.status_code == 413 and huge.headers["x-frame-options"] == "DENY"


def test_the_pages_need_no_inline_style_or_script(client):
    page = client.get("/f/young-person").text
    assert "<style" not in page and "style=" not in page
    assert '<script src="/static/exit-this-page.js" defer></script>' in page
    assert "<script>" not in page
    assert client.get("/static/exit-this-page.js").status_code == 200


def test_staff_pages_keep_their_own_strict_headers(client):
    from frontend.staff.render import STAFF_CSP

    got = client.get("/staff/login")
    assert got.headers["content-security-policy"] == STAFF_CSP
    assert got.headers["referrer-policy"] == "same-origin"
    assert "exit-this-page" not in got.text and "Exit this page" not in got.text


@pytest.mark.parametrize("survey", ["young-person", "young-person-under-8", "parent-carer"])
def test_child_and_parent_form_pages_have_an_exit_that_works_without_javascript(client, survey):
    start = client.get(f"/f/{survey}").text
    assert f'href="/f/{survey}/exit"' in start and 'rel="nofollow noreferrer"' in start
    begin(client, survey=survey)
    assert "Exit this page" in client.get(f"/f/{survey}/1").text
    gone = client.get(f"/f/{survey}/exit", follow_redirects=False)
    assert gone.status_code == 303
    assert gone.headers["location"] == "https://www.bbc.co.uk/weather"
    assert "ys_form_" in gone.headers["set-cookie"] and "Max-Age=0" in gone.headers["set-cookie"]


def test_exit_forgets_the_draft_in_this_browser_but_keeps_what_was_said(client, db):
    begin(client)
    answer(client, "young-person", 7, "he hits me")
    client.get("/f/young-person/exit", follow_redirects=False)
    assert client.get("/f/young-person/7", follow_redirects=False).status_code == 303
    assert draft(db).answers["good_things"] == "he hits me"


def test_the_exit_goes_where_settings_say(client, monkeypatch):
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_EXIT_PAGE_URL", "https://www.google.co.uk/")
    get_settings.cache_clear()
    try:
        gone = client.get("/f/parent-carer/exit", follow_redirects=False)
    finally:
        get_settings.cache_clear()
    assert gone.headers["location"] == "https://www.google.co.uk/"


def test_a_partners_form_has_no_exit(client):
    assert "Exit this page" not in client.get("/f/partner-agency").text


def test_carry_on_keeps_the_answers_and_goes_to_the_next_question(client, db):
    begin(client)
    answer(client, "young-person", 1, "no")
    answer(client, "young-person", 2, "5")
    carried = choose(client, "young-person", "carry_on")
    assert carried.headers["location"] == "/f/young-person/3"
    assert draft(db).answers == {"safe_now": "no", "worker_listened": 5}
    assert 'value="5" checked' in client.get("/f/young-person/2").text


def test_pressing_start_again_on_an_old_start_page_asks_too(client):
    begin(client)
    answer(client, "young-person", 2, "5")
    pressed = begin(client)
    assert pressed.status_code == 200
    assert "Carry on where you left off, or start again" in pressed.text


def test_start_again_with_only_choices_discards_them_and_starts_empty(client, db):
    factories.team(db, "front-door")
    begin(client, query="?team=front-door&point=closure")
    answer(client, "young-person", 2, "5")
    again = choose(client, "young-person", "start_again")
    assert again.headers["location"] == "/f/young-person"
    assert db.scalar(select(func.count()).select_from(Response)) == 0
    [fresh] = db.scalars(select(FormDraft)).all()
    assert fresh.answers == {}
    assert (fresh.context["team"], fresh.context["collection_point"]) == ("front-door", "closure")
    assert "Carry on where" not in client.get("/f/young-person").text
    assert "checked" not in client.get("/f/young-person/2").text


def test_start_again_after_words_stores_them_as_a_partial_response_first(client, db):
    begin(client)
    answer(client, "young-person", 2, "5")
    answer(client, "young-person", 7, "my step dad hits me")
    choose(client, "young-person", "start_again")
    stored = db.scalar(select(Response))
    assert stored.completeness is Completeness.partial
    assert db.scalar(select(Answer.text).where(Answer.text.is_not(None))) == "my step dad hits me"
    fresh = draft(db)
    assert fresh.response_id is None and fresh.answers == {}
    page = client.get("/f/young-person/7").text
    assert "my step dad hits me" not in page and "You wrote something here before" not in page


def test_start_again_forgets_the_last_persons_name(client, db):
    start = client.get("/f/young-person")
    client.post("/f/young-person/start", data={"csrf": csrf(start), "respondent_name": "Amy"})
    answer(client, "young-person", 2, "5")
    choose(client, "young-person", "start_again")
    assert draft(db).context["respondent_name"] is None
    restart = client.get("/f/young-person")
    client.post("/f/young-person/start", data={"csrf": csrf(restart), "respondent_name": "Bo"})
    assert draft(db).context["respondent_name"] == "Bo"


def test_start_again_keeps_a_draft_that_raised_an_alert(client, db):
    from api.alerts.raising import Subject, draft_key, raise_alert
    from api.models.enums import AlertSource, Audience, Channel

    begin(client)
    answer(client, "young-person", 2, "5")
    form = draft(db)
    raise_alert(
        db,
        subject=Subject(
            key=draft_key(form.id),
            said_at=datetime.now(UTC),
            audience=Audience.young_person,
            channel=Channel.web,
            draft_id=form.id,
        ),
        source=AlertSource.child_request,
        categories=["asked_for_help"],
    )
    choose(client, "young-person", "start_again")
    assert db.scalar(select(Response.completeness)) is Completeness.partial


def test_free_text_is_not_shown_again_after_30_idle_minutes(client, db):
    begin(client)
    answer(client, "young-person", 7, "my step dad hits me")
    assert "my step dad hits me" in client.get("/f/young-person/7").text  # the same person
    idle(db)
    page = client.get("/f/young-person/7").text
    assert "my step dad hits me" not in page
    assert "You wrote something here before. To keep it private it is not shown." in page
    assert draft(db).answers["good_things"] == "my step dad hits me"


def test_an_empty_resubmit_keeps_the_private_words_and_new_words_replace_them(client, db):
    begin(client)
    answer(client, "young-person", 7, "my step dad hits me")
    idle(db)
    kept = answer(client, "young-person", 7, "")
    assert kept.status_code == 303
    assert draft(db).answers["good_things"] == "my step dad hits me"
    answer(client, "young-person", 8, "")  # the draft is busy again: still not shown
    assert "my step dad hits me" not in client.get("/f/young-person/7").text
    answer(client, "young-person", 7, "nothing")
    assert draft(db).answers["good_things"] == "nothing"
    assert "nothing</textarea>" in client.get("/f/young-person/7").text


def test_carrying_on_after_30_idle_minutes_keeps_the_words_private(client, db):
    begin(client)
    answer(client, "young-person", 7, "secret words")
    idle(db, minutes=45)
    choose(client, "young-person", "carry_on")
    assert "secret words" not in client.get("/f/young-person/7").text


def test_the_private_answer_is_sent_when_the_form_is_finished(client, db):
    begin(client)
    answer(client, "young-person", 7, "secret words")
    idle(db)
    answer(client, "young-person", 7, "")
    answer(client, "young-person", 8, "")
    answer(client, "young-person", 9, "")
    assert db.scalar(select(Answer.text).where(Answer.text.is_not(None))) == "secret words"


@pytest.mark.parametrize(
    "data",
    [{}, {"choice": "nonsense"}, {"choice": "start_again", "website": ""}, {"choice": "x" * 5000}],
)
def test_bad_resume_posts_never_fail(client, data):
    page = client.get("/f/young-person")
    got = client.post("/f/young-person/resume", data={"csrf": csrf(page), **data})
    assert got.status_code < 500
    forged = client.post("/f/young-person/resume", data=data)
    assert forged.status_code == 403
    assert client.get("/f/no-such-survey/exit").status_code < 500
    assert client.post("/f/no-such-survey/resume", data={"csrf": csrf(page)}).status_code < 500


def test_a_childs_error_pages_keep_the_exit_button(client):
    begin(client)
    timed_out = client.post("/f/young-person/1", data={"csrf": "forged", "answer": "x"})
    assert 'href="/f/young-person/exit"' in timed_out.text
    assert 'href="/f/young-person/exit"' in client.get("/f/young-person/99").text
    assert "/exit" not in client.get("/f/partner-agency/99").text
