import pytest

from api.models.enums import Language
from channels.sms.keywords import Keyword, classify, wants_no_more_texts


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
    "text",
    [
        "Stop texting me",
        "please don't text me again",
        "no more messages thanks",
        "Never contact me",
        "leave me alone",
        "Peidiwch â thecstio fi",
    ],
)
def test_asking_to_stop_in_words(text):
    assert wants_no_more_texts(text)


@pytest.mark.parametrize(
    "text",
    ["Stop changing my social worker", "she never texted back", "they stopped the visits"],
)
def test_complaints_about_contact_are_answers_not_opt_outs(text):
    assert not wants_no_more_texts(text)
