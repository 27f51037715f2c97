import pytest

from api.models.enums import Language
from channels.sms.keywords import Keyword, classify, sounds_like_stop


@pytest.mark.parametrize(
    "word", ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]
)
def test_every_english_opt_out_word(word):
    for variant in (word, word.lower(), f" {word.title()}. "):
        verdict = classify(variant)
        assert verdict is not None and verdict.keyword is Keyword.opt_out
        assert verdict.language is Language.en


@pytest.mark.parametrize("word", ["STOPIO", "stopiwch", "Dad-danysgrifio", "DIDDYMU"])
def test_welsh_opt_out_words_answer_in_welsh(word):
    verdict = classify(word)
    assert verdict is not None and verdict.keyword is Keyword.opt_out
    assert verdict.language is Language.cy
    assert not verdict.provider_standard  # Twilio does not know them: we must answer


@pytest.mark.parametrize("word", ["START", "UNSTOP", "YES", "dechrau"])
def test_opt_in_words(word):
    verdict = classify(word)
    assert verdict is not None and verdict.keyword is Keyword.opt_in


@pytest.mark.parametrize("word", ["HELP", "info", "Cymorth"])
def test_help_words(word):
    verdict = classify(word)
    assert verdict is not None and verdict.keyword is Keyword.help


@pytest.mark.parametrize("text", ["stop it now please", "4", "I want to stop worrying", ""])
def test_a_keyword_must_be_the_whole_text(text):
    assert classify(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Stop texting me", Language.en),
        ("stop texting me!!", Language.en),
        ("Please stop messaging me", Language.en),
        ("please don't text me again", Language.en),
        ("no more messages thanks", Language.en),
        ("Never contact me", Language.en),
        ("UNSUBSCRIBE ME", Language.en),
        ("Peidiwch â thecstio fi", Language.cy),
        ("peidiwch a thecstio fi, diolch", Language.cy),
        ("Dim rhagor o negeseuon", Language.cy),
    ],
)
def test_asking_to_stop_as_the_whole_message_is_an_opt_out(text, language):
    verdict = classify(text)
    assert verdict is not None and verdict.keyword is Keyword.opt_out
    assert verdict.language is language and verdict.phrase


@pytest.mark.parametrize(
    "text",
    [
        "I wish they would leave me alone and stop judging me",
        "Stop changing my social worker",
        "she never texted back",
        "they stopped the visits",
        "I told them to stop texting me at work but they kept on, it made things worse",
        "Peidiwch â thecstio fi yn y gwaith, roedd hynny'n anodd iawn i mi a'r plant",
        "stop it now please",
        "leave me alone",
    ],
)
def test_words_about_stopping_inside_a_sentence_are_not_an_opt_out(text):
    assert classify(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "please stop",
        "stop it now please",
        "Leave me alone",
        "take me off your list",
        "Just go away",
        "stopio plis",
        "Gadewch lonydd i mi",
    ],
)
def test_a_short_reply_that_sounds_like_stop_is_ambiguous(text):
    assert sounds_like_stop(text)


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop texting me",
        "I wish they would leave me alone and stop judging me",
        "Stop changing my social worker",
        "4",
        "",
        "Nothing, they were great",
    ],
)
def test_keywords_and_real_answers_are_not_ambiguous(text):
    assert not sounds_like_stop(text)
