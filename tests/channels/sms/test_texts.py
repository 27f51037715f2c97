def test_at_the_front_door_the_help_is_still_going_on():
    from api.models.enums import Audience, Language, Tense
    from channels.sms import texts

    for language, during, after in (
        (Language.en, "the help you are getting", "the help you got"),
        (Language.cy, "yr help a gewch", "yr help a gawsoch"),
    ):
        front_door = texts.conversational_invitation(
            council="C", questions=3, first_question="1/3", language=language, tense=Tense.during
        )
        closure = texts.conversational_invitation(
            council="C", questions=3, first_question="1/3", language=language, tense=Tense.after
        )
        assert during in front_door and after in closure
    link = texts.link_invitation(
        council="C",
        url="u",
        audience=Audience.young_person,
        language=Language.en,
        tense=Tense.during,
    )
    assert "the help you are getting" in link


def test_a_reminder_follows_the_invitations_point_in_both_languages_and_registers():
    from api.models.enums import Audience, Language, Tense
    from channels.sms import texts

    expected = {
        (Language.en, Audience.parent_carer): ("the help you are getting", "the help you got"),
        (Language.en, Audience.young_person): ("the help you are getting", "the help you got"),
        (Language.cy, Audience.parent_carer): ("yr help rydych chi'n ei gael", "yr help a gawsoch"),
        (Language.cy, Audience.young_person): ("yr help rwyt ti'n ei gael", "yr help gest ti"),
    }
    for (language, audience), (during, after) in expected.items():
        front_door, closure = (
            texts.reminder(council="C", url="u", language=language, audience=audience, tense=t)
            for t in (Tense.during, Tense.after)
        )
        assert during in front_door and after not in front_door, (language, audience)
        assert after in closure and during not in closure, (language, audience)
    # A young person in Welsh is spoken to as "ti", never "chi".
    welsh = texts.reminder(
        council="C", url="u", language=Language.cy, audience=Audience.young_person, tense=None
    )
    assert "gallwch" not in welsh and "galli di" in welsh


def test_the_emails_follow_the_invitations_point():
    from api.models.enums import Audience, Language, Tense
    from channels.email.invitation import invitation_email, reminder_email

    for language, during, after in (
        (Language.en, "is going", "went"),
        (Language.cy, "sut mae gweithio gyda", "sut aeth gweithio gyda"),
    ):
        subject, body = invitation_email(
            council="C",
            url="u",
            audience=Audience.parent_carer,
            language=language,
            tense=Tense.during,
        )
        assert during in subject and after not in subject
        assert (
            "the help you are getting" if language is Language.en else "rydych chi'n ei gael"
        ) in body
        _, closed = invitation_email(
            council="C",
            url="u",
            audience=Audience.parent_carer,
            language=language,
            tense=Tense.after,
        )
        assert ("the help you got" if language is Language.en else "a gawsoch chi") in closed
        _, reminded = reminder_email(council="C", url="u", language=language, tense=Tense.during)
        assert during in reminded and after not in reminded
        _, reminded = reminder_email(council="C", url="u", language=language, tense=Tense.after)
        assert after in reminded
