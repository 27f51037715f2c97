"""Subject access: a person found by their number (keyed hash), email or case reference; a
readable copy and JSON of everything held; an erasure that leaves every published figure as
it was and is refused while safeguarding needs the data. Each step audited, by hash only."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.accounts.scope import Scope
from api.core import crypto
from api.core.errors import Conflict, Forbidden, InvalidInput
from api.models import (
    AuditEvent,
    CaseEvent,
    InboundMessage,
    Invitation,
    OutboundMessage,
    Response,
)
from api.models.enums import AlertStatus, Role
from api.responses.filters import ResponseFilters
from api.subject_access import service as subject_access
from api.tallies import counts, recount
from tests import factories
from tests.api.alerts.alerting import alert
from tests.api.retention.people import PHONE, WORDS, answered, free_text_answer, invited

ADMIN = Scope(role=Role.admin, label="dpo@council.example")


def test_a_number_finds_the_invitation_answers_and_texts_by_its_keyed_hash(db):
    parent = invited(db)
    response = answered(db, parent)
    answered(db)  # someone else's, anonymous
    found = subject_access.lookup(db, ADMIN, kind="phone", value="+44 7700 900461")
    assert found.invitation_ids == [parent.id]
    assert found.response_ids == [response.id]
    assert found.counts["messages_sent"] == 1
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "subject_access.lookup"))
    assert event.object_id == crypto.contact_hash("+447700900461")
    assert "07700" not in json.dumps(event.detail) and "900461" not in event.object_id


def test_after_the_number_is_erased_the_messages_hash_still_finds_the_answers(db):
    parent = invited(db)
    response = answered(db, parent)
    parent.contact_hash = parent.phone_encrypted = None  # the 30-day erasure
    db.flush()
    found = subject_access.lookup(db, ADMIN, kind="phone", value=PHONE)
    assert found.response_ids == [response.id]


def test_a_case_reference_finds_its_case_events_and_invitations(db):
    parent = invited(db, case_ref="CASE-7001")
    db.add(
        CaseEvent(
            event_id="ev-7001",
            case_ref="CASE-7001",
            event="case_closed",
            team_id=parent.team_id,
            occurred_at=datetime.now(UTC),
            fingerprint="f" * 64,
            outcome=[],
        )
    )
    db.flush()
    found = subject_access.lookup(db, ADMIN, kind="case_ref", value=" CASE-7001 ")
    assert found.invitation_ids == [parent.id] and len(found.case_event_ids) == 1


@pytest.mark.parametrize(
    ("kind", "value"), [("phone", "not a number"), ("email", "nobody"), ("shoe_size", "9")]
)
def test_what_cannot_be_a_key_is_refused_with_a_reason(db, kind, value):
    with pytest.raises(InvalidInput):
        subject_access.lookup(db, ADMIN, kind=kind, value=value)


def test_only_an_admin_may_look_a_person_up(db):
    with pytest.raises(Forbidden):
        subject_access.lookup(db, factories.scope_of(Role.rights_team), kind="phone", value=PHONE)


def test_the_export_holds_their_words_number_and_texts_readable_and_as_json(db):
    parent = invited(db)
    answered(db, parent, words="<b>Nobody came</b> when they said they would, three times")
    html = subject_access.export(db, ADMIN, kind="phone", value=PHONE, fmt="html")
    assert html.media_type.startswith("text/html") and html.filename.endswith(".html")
    assert "&lt;b&gt;Nobody came&lt;/b&gt;" in html.content  # escaped, never markup
    assert "+447700900461" in html.content and "Read this before it is sent" in html.content
    assert "I felt listened to and understood" in html.content
    data = json.loads(
        subject_access.export(db, ADMIN, kind="phone", value=PHONE, fmt="json").content
    )
    assert data["invitations"][0]["phone"] == PHONE
    assert data["messages_sent"][0]["words"].startswith("Tell us what it was like")
    words = [a["answer"] for a in data["responses"][0]["answers"]]
    assert "<b>Nobody came</b> when they said they would, three times" in words
    exports = db.scalars(
        select(AuditEvent.detail).where(AuditEvent.action == "subject_access.export")
    )
    assert [d["format"] for d in exports] == ["html", "json"]


def _figures(db):
    everyone = Scope.system("test")
    start, end = date(2000, 1, 1), date.today()
    survey_id = db.scalar(select(Response.survey_id))
    return (
        counts.responses(
            db, everyone, start=start, end=end, filters=ResponseFilters(), by=("day",)
        ),
        counts.themes(
            db, everyone, start=start, end=end, filters=ResponseFilters(), by=("theme", "polarity")
        ),
        counts.statements(
            db,
            everyone,
            survey_id=survey_id,
            start=start,
            end=end,
            since=start,
            filters=ResponseFilters(),
        ),
    )


def test_erasure_takes_identifiers_and_words_and_every_published_figure_stays(db):
    parent = invited(db)
    response = answered(db, parent, name="Sam")
    answered(db)
    recount.recount(db)
    before = _figures(db)
    done = subject_access.erase(db, ADMIN, kind="phone", value=PHONE)
    assert done["answers_words_removed"] >= 1
    recount.mark_everything(db)
    recount.recount(db)
    assert _figures(db) == before
    row = db.get(Invitation, parent.id)
    assert row.phone_encrypted is None and row.contact_hash is None and row.case_ref is None
    assert db.get(Response, response.id).respondent_name is None
    assert free_text_answer(db, response) is None
    message = db.scalar(select(OutboundMessage).where(OutboundMessage.invitation_id == parent.id))
    assert message.body == "" and message.recipient_encrypted is None
    # Erased, they cannot be found again: the hash went too.
    assert subject_access.lookup(db, ADMIN, kind="phone", value=PHONE).empty
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "subject_access.erase"))
    assert event.detail["invitations"] == 1 and WORDS not in json.dumps(event.detail)


def test_erasure_is_refused_while_an_alert_about_them_is_open_and_keeps_a_closed_ones_words(db):
    parent = invited(db)
    response = answered(db, parent)
    answer = free_text_answer(db, response)
    raised = alert(db, response_id=response.id, answer_id=answer.id, invitation_id=parent.id)
    with pytest.raises(Conflict, match="still open"):
        subject_access.erase(db, ADMIN, kind="phone", value=PHONE)
    assert db.get(Invitation, parent.id).phone_encrypted is not None
    raised.status = AlertStatus.closed
    db.flush()
    done = subject_access.erase(db, ADMIN, kind="phone", value=PHONE)
    assert done["alerts_kept"] == 1 and done["answers_kept_for_safeguarding"] >= 1
    assert free_text_answer(db, response).text == WORDS  # a child-protection record
    assert db.get(Invitation, parent.id).phone_encrypted is None


def test_erasure_waits_for_an_unread_text_from_them(db):
    invited(db)
    e164 = "+447700900461"
    db.add(
        InboundMessage(
            provider_id="SM-unread",
            channel="sms",
            sender_hash=crypto.contact_hash(e164),
            kept_body_encrypted=crypto.encrypt("please ring me"),
            received_at=datetime.now(UTC) - timedelta(hours=1),
        )
    )
    db.flush()
    with pytest.raises(Conflict, match="not been read"):
        subject_access.erase(db, ADMIN, kind="phone", value=PHONE)
    assert db.scalar(select(func.count()).where(AuditEvent.action == "subject_access.erase")) == 0


def test_the_language_they_prefer_is_in_the_copy_and_goes_with_the_erasure(db):
    from api.invitations import language as preference
    from api.models import ContactLanguage
    from api.models.enums import Language, LanguageSource

    parent = invited(db)
    preference.record(
        db, contact_hash=parent.contact_hash, language=Language.cy, source=LanguageSource.reply
    )
    copy = subject_access.export(db, ADMIN, kind="phone", value=PHONE, fmt="json")
    held = json.loads(copy.content)
    assert held["language_preference"] == {"language": "cy", "learned_from": "reply"}
    page = subject_access.export(db, ADMIN, kind="phone", value=PHONE, fmt="html").content
    assert "Welsh (Cymraeg)" in page
    counts = subject_access.erase(db, ADMIN, kind="phone", value=PHONE)
    assert counts["language_preference"] == 1
    assert db.scalar(select(func.count()).select_from(ContactLanguage)) == 0


def test_erasing_a_case_reference_takes_it_off_its_episodes(db):
    from api.episodes import service as episodes
    from api.models import Episode

    parent = invited(db, case_ref="CASE-8001")
    episodes.episode_for_event(
        db,
        case_ref="CASE-8001",
        event="case_closed",
        team_id=parent.team_id,
        occurred_at=datetime.now(UTC),
        point_id=None,
    )
    counts = subject_access.erase(db, ADMIN, kind="case_ref", value="CASE-8001")
    assert counts["episodes"] == 1
    assert db.scalar(select(Episode.case_ref)).startswith("(erased)")


def test_their_equality_answers_are_in_their_copy_and_go_with_the_erasure(
    db, tmp_path, monkeypatch
):
    from api.models import EqualityAnswer
    from tests.equality_library import use_equality_library

    use_equality_library(tmp_path, monkeypatch, db)
    parent = invited(db)
    result = factories.response(
        db,
        team="north",
        answers=factories.parent_answers(ethnic_group="mixed", disability="no"),
    )
    db.get(Response, result.response.id).invitation_id = parent.id
    db.flush()
    held = json.loads(
        subject_access.export(db, ADMIN, kind="phone", value=PHONE, fmt="json").content
    )
    [response] = held["responses"]
    assert response["about_you"] == [
        {"question": "What is your ethnic group?", "answer": "mixed"},
        {
            "question": "Do you have a health condition or disability that has lasted, or will "
            "last, a year or more?",
            "answer": "no",
        },
    ]
    page = subject_access.export(db, ADMIN, kind="phone", value=PHONE, fmt="html").content
    assert "What is your ethnic group?" in page
    erased = subject_access.erase(db, ADMIN, kind="phone", value=PHONE)
    assert erased["equality_answers_removed"] == 2
    assert db.scalar(select(func.count()).select_from(EqualityAnswer)) == 0
