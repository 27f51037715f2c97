"""Nothing said by text is lost: a text outside a survey is kept encrypted, analysed, can raise
an alert, and gets one "this number is not watched" reply a day; inside a survey only a keyword
on its own opts out, a reply that sounds like stop is asked about once, and START resumes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text, update

from api.core import crypto
from api.models import (
    Answer,
    InboundMessage,
    Invitation,
    OptOut,
    Response,
    SafeguardingAlert,
    Team,
)
from api.models.base import Base
from api.models.enums import AlertSource, Audience, Channel, Completeness, InvitationStatus
from tests.api.conversations.sms_world import NOT_WATCHED, THANKS, World, answer_all
from tests.twilio_fake import inbound_params, signed

DISCLOSURE = "also he has a knife and says he will hurt them tonight"
STRANGER = "+447700900777"
ASK_IF_STOP = "Do you want us to stop texting you? Reply STOP. Or reply with your answer."


def finish_survey(world: World) -> None:
    world.invite()
    answer_all(world, ["4"] * 8 + ["Ring back when you say you will", "skip"])
    assert world.received()[-1] == THANKS


def nowhere_in_the_database(world: World, words: str) -> bool:
    """No table holds the words in plain text (they are Fernet tokens or gone)."""
    with world.sessions() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(text(f"SELECT * FROM {table.name}")):
                if any(words in str(value) for value in row):
                    return False
    return True


def test_a_text_after_the_thank_you_is_kept_encrypted_analysed_and_raises_one_alert(world):
    finish_survey(world)
    world.text(DISCLOSURE)

    assert world.received()[-1] == NOT_WATCHED
    assert not any("knife" in t for t in world.received())  # never an echo
    [invitation] = world.one(Invitation)
    kept = world.one(InboundMessage, InboundMessage.kept_body_encrypted.is_not(None))
    [message] = kept
    assert crypto.decrypt(message.kept_body_encrypted) == DISCLOSURE
    assert message.body is None and message.invitation_id == invitation.id
    assert nowhere_in_the_database(world, "knife")
    [alert] = world.one(SafeguardingAlert, SafeguardingAlert.inbound_message_id == message.id)
    [team] = world.one(Team)
    assert alert.channel is Channel.sms and alert.audience is Audience.parent_carer
    assert alert.team_id == team.id and alert.invitation_id == invitation.id
    assert alert.raised_by is AlertSource.analysis
    assert alert.survey_id == invitation.survey_id
    assert alert.said_at is not None


def test_the_not_watched_reply_goes_once_a_day(world):
    finish_survey(world)
    world.text("hello are you there")
    world.text("hello??")
    assert world.received().count(NOT_WATCHED) == 1
    assert len(world.one(InboundMessage, InboundMessage.kept_body_encrypted.is_not(None))) == 2
    with world.sessions() as session, session.begin():
        yesterday = datetime.now(UTC) - timedelta(days=1, hours=1)
        session.execute(update(InboundMessage).values(handled_at=yesterday))
    world.text("anyone?")
    assert world.received().count(NOT_WATCHED) == 2


def test_a_text_from_an_unknown_number_is_kept_and_raises_an_alert_without_an_invitation(world):
    world.text(DISCLOSURE, phone=STRANGER)
    assert world.received(STRANGER) == [NOT_WATCHED]
    [message] = world.one(InboundMessage)
    assert message.invitation_id is None and message.kept_body_encrypted
    [alert] = world.one(SafeguardingAlert)
    assert alert.inbound_message_id == message.id and alert.invitation_id is None
    assert alert.audience is None and alert.team_id is None and alert.channel is Channel.sms


def test_a_welsh_text_from_an_unknown_number_gets_the_welsh_reply(world):
    welsh = "Helo, dw i eisiau siarad gyda rhywun am fy mhlentyn os gwelwch yn dda"
    world.text(welsh, phone=STRANGER)
    [reply] = world.received(STRANGER)
    assert reply.startswith("Cyngor Demo: does neb yn gwylio'r rhif hwn drwy'r amser.")


def test_a_text_from_a_number_that_opted_out_is_kept_but_not_answered(world):
    world.invite()
    world.text("STOP")
    sent = len(world.received())
    world.text(DISCLOSURE)
    assert len(world.received()) == sent
    assert len(world.one(SafeguardingAlert)) == 1


def test_leave_me_alone_in_a_sentence_is_an_answer_not_an_opt_out(world):
    world.invite()
    answer_all(world, ["4"] * 8)
    world.text("I wish they would leave me alone and stop judging me")
    world.text("skip")
    assert world.received()[-1] == THANKS
    assert world.one(OptOut) == []
    [response] = world.one(Response)
    assert response.completeness is Completeness.complete
    texts = {a.text for a in world.one(Answer) if a.text}
    assert texts == {"I wish they would leave me alone and stop judging me"}


def test_a_reply_that_sounds_like_stop_is_asked_about_once(world):
    world.invite()
    world.text("please stop")
    assert world.received()[-1] == ASK_IF_STOP
    assert world.one(OptOut) == []
    world.text("please stop")  # asked once only: now it is just not an answer
    assert world.received()[-1].startswith("Sorry, we did not understand that.")
    world.text("4")
    assert world.received()[-1].startswith("2/10 ")
    # Neither "please stop" was thrown away: they are kept for a person to read.
    assert len(world.one(InboundMessage, InboundMessage.kept_body_encrypted.is_not(None))) == 2


def test_on_the_free_text_question_the_ambiguous_reply_is_kept_as_the_answer(world):
    world.invite()
    answer_all(world, ["4"] * 8)
    world.text("leave me alone")
    assert world.received()[-1] == ASK_IF_STOP
    world.text("skip")
    assert world.received()[-1].startswith("10/10 ")
    world.text("skip")
    assert world.received()[-1] == THANKS
    assert {a.text for a in world.one(Answer) if a.text} == {"leave me alone"}


def test_after_asking_a_stop_ends_the_survey_with_the_words_kept(world):
    world.invite()
    answer_all(world, ["4"] * 8)
    world.text("take me off your list")
    world.text("STOP")
    [response] = world.one(Response)
    assert response.completeness is Completeness.partial
    assert {a.text for a in world.one(Answer) if a.text} == {"take me off your list"}


@pytest.mark.parametrize("word", ["START", "DECHRAU", "unstop", "Yes"])
def test_stop_then_start_resumes_at_the_same_question(world, word):
    world.invite()
    answer_all(world, ["5", "4"])
    world.text("STOP")
    [invitation] = world.one(Invitation)
    assert invitation.status is InvitationStatus.cancelled
    world.text(word)
    assert world.received()[-1].startswith("3/10 ")
    answer_all(world, ["3"] * 6 + ["They listened", "skip"])
    assert world.received()[-1] == THANKS
    [invitation] = world.one(Invitation)
    assert invitation.status is InvitationStatus.completed
    # The answers before STOP and after START are all kept (two responses, none rewritten).
    values = sorted(a.scale_value for a in world.one(Answer) if a.scale_value)
    assert values == [3, 3, 3, 3, 3, 3, 4, 5]


def test_start_does_not_resume_an_expired_survey(world):
    world.invite()
    world.text("5")
    world.text("STOP")
    with world.sessions() as session, session.begin():
        session.execute(
            update(Invitation).values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    world.text("START")
    assert world.received()[-1] == "Demo Council: you can get our texts again. Text STOP to stop."
    [invitation] = world.one(Invitation)
    assert invitation.status is InvitationStatus.cancelled


@pytest.mark.parametrize(
    "body",
    [
        "😀🔪😢" * 50,
        "before\x00after",
        "Dw i'n poeni am fy mhlentyn â ŵ ŷ",
        "<script>alert(1)</script>",
        "",
    ],
    ids=["emoji", "nul", "welsh", "script", "empty"],
)
def test_strange_bodies_outside_a_survey_never_fail(world, body):
    world.text(body, phone=STRANGER)
    [message] = world.one(InboundMessage)
    assert message.handled_at is not None
    replies = world.received(STRANGER)
    assert all("script" not in r and "\x00" not in r for r in replies)


def test_a_ten_megabyte_text_is_refused_with_413_not_a_500(world):
    params = inbound_params(STRANGER, "x" * (10 * 1024 * 1024))
    path = "/sms/twilio/inbound"
    response = world.client.post(path, data=params, headers=signed(path, params))
    assert response.status_code == 413
    assert world.one(InboundMessage) == []


def test_a_long_text_is_kept_up_to_what_a_text_can_hold(world):
    world.text("I need help. " * 300, phone=STRANGER)
    [message] = world.one(InboundMessage)
    assert crypto.decrypt(message.kept_body_encrypted).startswith("I need help.")
