"""A family answers by text, end to end: case event -> invitation through the real twilio
library to a local stand-in -> signed replies -> the worker -> intake -> analysis."""

from __future__ import annotations

from sqlalchemy import select

from api.core.config import get_settings
from api.models import (
    Answer,
    InboundMessage,
    Invitation,
    OptOut,
    Response,
    SafeguardingAlert,
)
from api.models.enums import Channel, Completeness, InvitationStatus
from tests.api.conversations.sms_world import THANKS, answer_all


def test_a_parent_answers_every_question_by_text(world):
    world.invite()
    [first] = world.received()
    assert first.startswith("Demo Council: ") and "Text STOP to stop." in first
    assert "1/10 I felt listened to and understood" in first

    answer_all(world, ["5", "agree", "4", "3", "Strongly agree", "0", "yes", "2"])
    world.text("Ring back when you say you will 😀")
    world.text("skip")

    texts = world.received()
    assert texts[-1] == THANKS
    assert len(texts) == 11  # the invitation, nine more questions, the thanks
    assert not any("Ring back" in t for t in texts)  # never an echo
    [response] = world.one(Response)
    assert response.channel is Channel.sms and response.completeness is Completeness.complete
    [invitation] = world.one(Invitation)
    assert response.invitation_id == invitation.id
    assert invitation.status is InvitationStatus.completed and invitation.answers is None
    with world.sessions() as session:
        values = {
            a.scale_value or a.text or ("n/a" if a.not_applicable else None)
            for a in session.scalars(select(Answer).where(Answer.response_id == response.id))
        }
    assert values == {5, 4, 3, "n/a", 2, "Ring back when you say you will 😀"}
    # The replies' words are not kept outside the response.
    assert all(m.body is None and m.sender_encrypted is None for m in world.one(InboundMessage))


def test_a_reply_that_is_not_an_answer_is_asked_again_once(world):
    world.invite()
    world.text("banana")
    assert world.received()[-1].startswith("Sorry, we did not understand that. Reply 1 to 5")
    world.text("purple")  # still not an answer: move on rather than nag
    assert world.received()[-1].startswith("2/10 ")
    world.text("4")
    assert world.received()[-1].startswith("3/10 ")


def test_a_disclosure_raises_an_alert_and_gets_the_same_neutral_thanks(world):
    world.invite()
    answer_all(world, ["4"] * 8)
    world.text("I am scared of my mums boyfriend, he hits me")
    world.text("no")
    assert world.received()[-1] == THANKS
    assert not any("scared" in t or "hits" in t for t in world.received())
    assert len(world.one(SafeguardingAlert)) == 1


def test_stop_ends_the_survey_keeps_what_was_said_and_start_undoes_it(world):
    world.invite()
    world.text("5")
    world.text("STOP")
    assert world.received()[-1].startswith("Demo Council: you will not get any more texts")
    [response] = world.one(Response)
    assert response.completeness is Completeness.partial
    [invitation] = world.one(Invitation)
    assert invitation.status is InvitationStatus.cancelled
    assert len(world.one(OptOut)) == 1

    sent = len(world.received())
    world.text("4")  # silence for an opted-out number
    assert len(world.received()) == sent
    world.text("START")
    assert world.received()[-2] == "Demo Council: you can get our texts again. Text STOP to stop."
    assert world.received()[-1].startswith("2/10 ")  # carried on where it stopped
    assert world.one(OptOut) == []


def test_writing_stop_texting_me_is_an_opt_out(world):
    world.invite()
    world.text("Please stop texting me")
    assert world.received()[-1].startswith("Demo Council: you will not get any more texts")
    assert len(world.one(OptOut)) == 1
    assert world.one(Response) == []  # nothing was answered, nothing is stored


def test_welsh_stop_gets_a_welsh_answer(world):
    world.invite(language="cy")
    assert world.received()[0].endswith(
        "Atebwch 1-5: 1 anghytuno'n gryf, 5 cytuno'n gryf, 0 amherthnasol."
    )
    world.text("STOPIO")
    assert world.received()[-1].startswith("Cyngor Demo: fyddwch chi ddim yn cael rhagor")


def test_help_gives_the_councils_number(world):
    world.invite()
    world.text("HELP")
    assert "01632 960000" in world.received()[-1] and "999" in world.received()[-1]


def test_when_twilio_answers_its_own_keywords_we_stay_quiet_but_still_answer_welsh(
    world, monkeypatch
):
    monkeypatch.setenv("YOUSAID_SMS_KEYWORD_REPLIES_BY_PROVIDER", "true")
    get_settings.cache_clear()
    world.invite()
    sent = len(world.received())
    world.text("STOP")
    assert len(world.received()) == sent
    assert len(world.one(OptOut)) == 1
    world.text("START")
    world.text("STOPIO")
    assert world.received()[-1].startswith("Cyngor Demo: fyddwch chi ddim")


def test_start_from_a_stranger_gets_no_reply(world):
    world.text("START", phone="+447700900999")
    assert world.received("+447700900999") == []


def test_a_duplicate_reply_is_one_answer(world):
    world.invite()
    sid = "SM" + "d" * 32
    world.text("5", sid=sid)
    world.text("5", sid=sid)  # Twilio retried
    assert world.received()[-1].startswith("2/10 ")
    assert len(world.one(InboundMessage)) == 1


def test_a_welsh_reply_to_an_english_text_is_answered_in_welsh(world):
    world.invite(language="en")
    world.text("Cytuno'n gryf")
    assert world.received()[-1].startswith("2/10 Gwnaeth fy ngweithiwr")
    [invitation] = world.one(Invitation)
    assert invitation.language.value == "cy"


def test_yes_to_the_introduction_is_not_an_answer_to_question_one(world):
    world.invite()
    world.text("Yes")
    again = world.received()[-1]
    assert again.startswith("1/10 I felt listened to and understood")  # asked again, alone
    world.text("👍")  # now an answer: Agree
    assert world.received()[-1].startswith("2/10 ")
    world.text("four")
    assert world.received()[-1].startswith("3/10 ")
    [invitation] = world.one(Invitation)
    assert list(invitation.answers.values()) == [4, 4]


def test_yes_after_the_first_answer_is_an_answer(world):
    world.invite()
    world.text("5")
    world.text("yes")
    [invitation] = world.one(Invitation)
    assert list(invitation.answers.values()) == [5, 4]
