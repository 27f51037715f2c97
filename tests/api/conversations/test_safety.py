"""A text conversation's safeguarding while it is still going: a worrying reply that is not an
answer gets the "not watched, where help is now" line as well as the question again; a
worrying free-text answer raises its alert when it arrives, not when the survey ends, and the
finished survey joins that alert rather than raising a second."""

from __future__ import annotations

from api.core.config import get_settings
from api.models import InboundMessage, Invitation, Response, SafeguardingAlert
from api.models.enums import AlertSource, Audience, Channel
from tests.api.conversations.sms_world import (
    NOT_WATCHED,
    NOT_WATCHED_YOUNG,
    THANKS,
    answer_all,
)

DISCLOSURE = "he has a knife and says he will hurt them tonight"


def test_a_disclosure_instead_of_a_number_is_kept_alerted_and_told_where_help_is(world):
    world.invite()
    answer_all(world, ["4"] * 4)
    world.text(DISCLOSURE)

    *_, told, again = world.received()
    assert told == NOT_WATCHED
    assert again.startswith("Sorry, we did not understand that.")
    assert not any("knife" in t for t in world.received())  # never an echo
    [message] = world.one(InboundMessage, InboundMessage.kept_body_encrypted.is_not(None))
    assert message.told_not_watched and message.outcome == "reasked"
    [alert] = world.one(SafeguardingAlert)
    assert alert.inbound_message_id == message.id and alert.channel is Channel.sms


def test_the_line_goes_once_a_day_however_many_replies_are_not_answers(world):
    world.invite()
    world.text("what is this")
    world.text("who are you")
    world.text("hello?")
    assert world.received().count(NOT_WATCHED) == 1
    told = [m.told_not_watched for m in world.one(InboundMessage)]
    assert told == [True, False, False]


def test_a_free_text_disclosure_raises_its_alert_before_the_survey_ends(world):
    world.invite()
    answer_all(world, ["4"] * 8)
    world.text(DISCLOSURE)  # question 9, free text; question 10 is never answered

    [alert] = world.one(SafeguardingAlert)
    [invitation] = world.one(Invitation)
    assert world.one(Response) == []
    assert alert.subject_key == f"conversation:{invitation.id}"
    assert alert.invitation_id == invitation.id and alert.raised_by is AlertSource.analysis
    assert alert.audience is Audience.parent_carer and alert.team_id == invitation.team_id
    assert alert.said_at is not None


def test_finishing_the_survey_moves_that_alert_to_the_response_and_raises_no_second(world):
    world.invite()
    answer_all(world, ["4"] * 8 + [DISCLOSURE, "skip"])
    assert world.received()[-1] == THANKS

    [response] = world.one(Response)
    [alert] = world.one(SafeguardingAlert)
    assert alert.subject_key == f"response:{response.id}" and alert.response_id == response.id


def test_out_of_hours_the_line_names_the_out_of_hours_number(world, monkeypatch):
    monkeypatch.setenv("YOUSAID_OFFICE_HOURS", "")  # never open
    get_settings.cache_clear()
    world.invite()
    world.text("what is this")
    assert NOT_WATCHED.replace("01632 960001", "01632 960002") in world.received()


def test_a_young_person_who_texts_back_to_their_link_is_told_of_childline(world):
    world.invite(role="young_person")
    world.text(DISCLOSURE)
    assert world.received()[-1] == NOT_WATCHED_YOUNG
    [alert] = world.one(SafeguardingAlert)
    assert alert.audience is Audience.young_person


def test_a_young_person_is_answered_in_welsh_as_ti(world):
    world.invite(role="young_person", language="cy")
    [invitation_text] = world.received()
    assert "Tecstia STOPIO" in invitation_text and "Tecstiwch" not in invitation_text
    world.text("STOPIO")
    assert "fyddi di ddim" in world.received()[-1]
