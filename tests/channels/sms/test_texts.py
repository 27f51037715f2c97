def test_at_the_front_door_the_help_is_still_going_on():
    from api.models.enums import Audience, Language, Tense
    from channels.sms import texts

    for language, during, after in (
        (Language.en, "the help you are getting", "the help you got"),
        (Language.cy, "yr help rydych chi'n ei gael", "yr help a gawsoch"),
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
