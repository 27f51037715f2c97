import pytest

from api.models.enums import Language, Tense
from api.responses.schemas import NOT_APPLICABLE
from api.surveys import library
from channels.sms import conversation


def survey(key):
    return next(s for s in library.survey_library() if s.key == key)


def question(survey_key, question_key):
    found = survey(survey_key).question(question_key)
    assert found is not None
    return found


SCALES = library.scales()


@pytest.mark.parametrize(
    ("reply", "value"),
    [
        ("5", 5),
        (" 1 ", 1),
        ("4/5", 4),
        ("0", NOT_APPLICABLE),
        ("agree", 4),
        ("Strongly agree", 5),
        ("strongly DISAGREE", 1),
        ("yes", 4),
        ("no", 2),
        ("not sure", 3),
        ("Cytuno'n gryf", 5),
        ("cytuno", 4),
        ("Anghytuno", 2),
        ("ie", 4),
        ("does not apply", NOT_APPLICABLE),
        ("amherthnasol", NOT_APPLICABLE),
    ],
)
def test_agreement_replies(reply, value):
    parsed = conversation.parse(question("parent-carer", "listened_to"), reply, SCALES)
    assert parsed.understood and parsed.answer == value


@pytest.mark.parametrize(("reply", "value"), [("🙂", 4), ("very happy", 5), ("Trist", 2), ("3", 3)])
def test_faces_replies(reply, value):
    parsed = conversation.parse(question("young-person", "worker_listened"), reply, SCALES)
    assert parsed.understood and parsed.answer == value


@pytest.mark.parametrize("reply", ["7", "banana", "", "   ", "12"])
def test_replies_that_are_not_answers(reply):
    parsed = conversation.parse(question("parent-carer", "listened_to"), reply, SCALES)
    assert not parsed.understood


def test_choice_by_number_or_word():
    agency = question("partner-agency", "agency_type")
    assert conversation.parse(agency, "2", SCALES).answer == "health"
    assert conversation.parse(agency, "Heddlu", SCALES).answer == "police"
    assert not conversation.parse(agency, "9", SCALES).understood


def test_free_text_keeps_the_words_and_skip_skips():
    change = question("parent-carer", "one_thing_to_change")
    assert conversation.parse(change, "Ring back 😀", SCALES).answer == "Ring back 😀"
    assert conversation.parse(change, "skip", SCALES).skipped


def test_free_text_is_asked_last():
    asked = conversation.questions(survey("parent-carer"))
    kinds = [q.kind.value for q in asked]
    assert kinds.index("free_text") == len(kinds) - 2
    assert kinds[-1] == "free_text"


def test_a_question_says_how_to_answer_in_its_language():
    listened = question("parent-carer", "does_what_they_say")
    english = conversation.question_message(
        listened, number=2, total=10, language=Language.en, tense=Tense.after, scales=SCALES
    )
    assert english.startswith("2/10 My worker did what they said they would do")
    assert "Reply 1 to 5" in english and "strongly disagree" in english
    welsh = conversation.question_message(
        listened, number=2, total=10, language=Language.cy, tense=Tense.after, scales=SCALES
    )
    assert "Gwnaeth fy ngweithiwr" in welsh and "Atebwch 1-5" in welsh


def test_the_reask_lists_the_options_and_never_the_reply():
    listened = question("parent-carer", "listened_to")
    text = conversation.reask_message(listened, language=Language.en, scales=SCALES)
    assert "did not understand" in text and "Reply 1 to 5" in text


@pytest.mark.parametrize("reply", ["Cytuno'n gryf", "cytuno", "ie", "Anghytuno", "amherthnasol"])
def test_welsh_replies_are_recognised_as_welsh(reply):
    assert conversation.reads_as_welsh(question("parent-carer", "listened_to"), reply, SCALES)


@pytest.mark.parametrize("reply", ["4", "agree", "yes", "no", "do", "Ring back when you say"])
def test_english_and_numbers_are_not(reply):
    assert not conversation.reads_as_welsh(question("parent-carer", "listened_to"), reply, SCALES)


def test_free_text_in_welsh_is_welsh():
    change = question("parent-carer", "one_thing_to_change")
    assert conversation.reads_as_welsh(change, "Roedd y gweithiwr yn wych, diolch", SCALES)


def test_a_question_not_to_be_sent_to_a_phone_is_never_asked_by_text():
    from api.surveys import library as survey_library

    definition = next(
        d for d in survey_library.survey_library() if (d.key, d.version) == ("parent-carer", 2)
    )
    assert definition.questions[0].key == "safe_now"  # the web form asks it first
    asked = [q.key for q in conversation.questions(definition)]
    assert "safe_now" not in asked and asked[0] == "listened_to"
    assert len(asked) == len(definition.questions) - 1


@pytest.mark.parametrize(
    ("reply", "value"),
    [
        ("👍", 4),
        ("👍🏽", 4),  # a skin tone is the same thumb
        ("👎", 2),
        ("🙂", 4),
        ("😀", 5),
        ("😢", 1),
        ("🤷‍♀️", 3),
        ("four", 4),
        ("Four!", 4),
        ("pedwar", 4),
        ("pedair", 4),
        ("dau", 2),
        ("five out of five", 5),
        ("4 out of 5", 4),
        ("3 allan o 5", 3),
        ("zero", NOT_APPLICABLE),
        ("ydw", 4),  # Welsh says "yes" with the verb (a fresh-eye walk: "ydw" was not understood)
        ("Nac ydw", 2),
    ],
)
def test_agreement_replies_understand_faces_thumbs_and_numbers_in_words(reply, value):
    parsed = conversation.parse(question("parent-carer", "listened_to"), reply, SCALES)
    assert parsed.understood and parsed.answer == value


@pytest.mark.parametrize("reply", ["six", "chwech", "🍕", "four five"])
def test_numbers_and_pictures_that_are_not_on_the_scale_are_not_answers(reply):
    parsed = conversation.parse(question("parent-carer", "listened_to"), reply, SCALES)
    assert not parsed.understood


def test_a_choice_can_be_chosen_by_a_number_in_words():
    where = question("partner-agency", "agency_type")
    assert conversation.parse(where, "two", SCALES).answer == where.options[1].value
    assert conversation.parse(where, "tri", SCALES).answer == where.options[2].value


@pytest.mark.parametrize("reply", ["yes", "Yes.", "OK", "ie", "Iawn", "go on", "Ydw"])
def test_a_bare_yes_reads_as_a_go_ahead(reply):
    assert conversation.is_go_ahead(reply)


@pytest.mark.parametrize("reply", ["yes they did", "4", "agree", "no"])
def test_an_answer_is_not_a_go_ahead(reply):
    assert not conversation.is_go_ahead(reply)


@pytest.mark.parametrize("reply", ["pedwar", "dau", "ydw"])
def test_welsh_number_words_are_welsh(reply):
    assert conversation.reads_as_welsh(question("parent-carer", "listened_to"), reply, SCALES)
