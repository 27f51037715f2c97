"""A survey by text: its free-text answer is analysed on arrival for alerts only (there is no
answer to queue yet); once the answers are stored as a response, the response's own analysis
puts a concern in the queue, with the text's channel, audience and team."""

from __future__ import annotations

from api.answer_analysis import service as answer_analysis
from api.conversations import safety as on_arrival
from api.models import AlertNotification, Invitation, PossibleConcern, Response
from api.models.enums import Audience, Channel, ConcernStatus
from tests.api.concerns.concerning import WORDS, concerned
from tests.api.conversations.sms_world import THANKS, answer_all, world

__all__ = ["world"]


def test_a_text_answer_is_queued_once_its_survey_is_stored(world, monkeypatch):
    monkeypatch.setattr(answer_analysis, "analyse", concerned)
    monkeypatch.setattr(on_arrival, "analyse", concerned)  # unsure there too: no alert
    world.invite()
    answer_all(world, ["4"] * 8 + [WORDS])
    assert world.one(PossibleConcern) == []  # still a conversation: nothing stored to read
    world.text("skip")
    assert world.received()[-1] == THANKS

    [response] = world.one(Response)
    [invitation] = world.one(Invitation)
    [concern] = world.one(PossibleConcern)
    assert concern.response_id == response.id and concern.status is ConcernStatus.open
    assert concern.channel is Channel.sms and concern.audience is Audience.parent_carer
    assert concern.team_id == invitation.team_id
    assert world.one(AlertNotification) == []
    assert not any("shouts" in t for t in world.received())  # never an echo
