"""Welsh Language Standards by text: a person whose language nobody knows is written to in
both languages until they show which; what they show is recorded and used from then on."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from api.models import ContactLanguage, Invitation
from api.models.enums import Language, LanguageSource
from tests.api.conversations.sms_world import PHONE


def test_unknown_language_the_invitation_comes_in_both_english_first_by_default(world):
    world.invite(language=None)
    [first] = world.received()
    english, welsh = first.split("\n\n")
    assert english.startswith("Demo Council: ") and "1/10 " in english
    assert welsh.startswith("Cyngor Demo: ") and "1/10 " in welsh
    [invitation] = world.one(Invitation)
    assert invitation.language_known is False


def test_a_welsh_council_writes_welsh_first(world, monkeypatch):
    monkeypatch.setenv("YOUSAID_LANGUAGE_ORDER", "cy-en")
    from api.core.config import get_settings

    get_settings.cache_clear()
    world.invite(language=None)
    [first] = world.received()
    assert first.startswith("Cyngor Demo: ") and "\n\nDemo Council: " in first


def test_a_reply_in_welsh_settles_it_for_the_rest_and_for_next_time(world):
    world.invite(language=None)
    world.text("Cytuno")  # Agree, in Welsh
    following = world.received()[-1]
    assert following.startswith("2/10 ") and "\n\n" not in following
    assert "Demo Council" not in following
    [preference] = world.one(ContactLanguage)
    assert (preference.language, preference.source) == (Language.cy, LanguageSource.reply)
    [invitation] = world.one(Invitation)
    assert invitation.language is Language.cy and invitation.language_known is True


def test_while_unknown_a_number_reply_keeps_both_languages(world):
    world.invite(language=None)
    world.text("4")
    following = world.received()[-1]
    assert following.startswith("2/10 ") and "\n\n2/10 " in following
    assert world.one(ContactLanguage) == []


def test_the_case_systems_welsh_is_recorded(world):
    world.invite(language="cy")
    [preference] = world.one(ContactLanguage)
    assert (preference.language, preference.source) == (Language.cy, LanguageSource.case_event)


def test_a_recorded_preference_is_used_for_the_next_invitation(world):
    world.invite(language="cy")
    with world.sessions() as session, session.begin():
        # Months on, past the rules' gap between surveys.
        session.execute(update(Invitation).values(created_at=datetime(2026, 1, 5, tzinfo=UTC)))
    world.invite(language=None, phone=PHONE)
    latest = world.received()[-1]
    assert latest.startswith("Cyngor Demo: ") and "Demo Council:" not in latest
    newest = max(world.one(Invitation), key=lambda i: i.id)
    assert newest.language is Language.cy and newest.language_known is True
