"""The tagger on the hard cases the issue names: negation, absence, text-speak, sarcasm,
empty answers, Welsh, and the question's frame."""

import pytest

from analysis import themes
from analysis.frames import frame_of
from analysis.language import detect
from analysis.normalise import normalise
from analysis.taxonomy import THEME_IDS, load
from analysis.themes import tag


def tags(text, question=None):
    normalised = normalise(text)
    mentions = tag(normalised, load(), language=detect(normalised), frame=frame_of(question))
    return {(m.theme, m.polarity) for m in mentions}


def test_the_taxonomy_has_exactly_the_thirteen_themes():
    assert tuple(t.id for t in load().themes) == THEME_IDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not listened to", ("listened_to", "negative")),
        ("He never rings back", ("communication", "negative")),
        ("she didn't turn up", ("reliability", "negative")),
        ("no one told me about the conference", ("communication", "negative")),
        ("She wasn't rude at all", ("caring", "positive")),
        ("he never judged me", ("respect", "positive")),
    ],
)
def test_negation_and_absence_turn_the_meaning(text, expected):
    assert expected in tags(text)


def test_childrens_spelling_and_text_speak_are_understood():
    assert ("listened_to", "positive") in tags("my worker listend to me cos she cares")
    assert ("reliability", "negative") in tags("she dont turn up wen she sez")


def test_sarcasm_does_not_hide_the_complaint():
    assert tags("Great, another cancelled visit") == {("reliability", "negative")}


@pytest.mark.parametrize("text", ["no", "Nothing", "5", "N/A", "dunno", "Dim byd", "-", ""])
def test_empty_answers_get_no_theme(text):
    assert tags(text, "one_thing_to_change") == set()


def test_a_wish_for_more_means_there_was_too_little():
    found = tags("More time with my daughter, she only saw her for ten minutes", "wishes")
    assert found == {("time_with_child", "negative")}


def test_the_question_decides_a_bare_topic():
    assert tags("Having the same worker all the way through", "most_helpful") == {
        ("consistency", "positive")
    }
    assert tags("that my worker stays the same", "wishes") == {("consistency", "negative")}


def test_several_themes_in_one_answer_each_with_evidence():
    text = "I've had four different social workers and nobody rings back"
    normalised = normalise(text)
    mentions = tag(normalised, load(), language="en", frame=frame_of(None))
    evidence = {m.theme: m.evidence for m in mentions}
    assert evidence["consistency"] == "four different social workers"
    assert evidence["communication"] == "nobody rings back"


def test_welsh_is_tagged_from_welsh_signals_only():
    assert tags("Roedd y gweithiwr yn newid o hyd") == {("consistency", "negative")}
    # English words inside Welsh text do not fire English signals.
    assert tags("Roedd hi'n cancelled bob tro, dim byd yn digwydd") == set()


@pytest.mark.parametrize(
    ("question", "frame"),
    [
        ("What could we do better?", "change"),
        ("If you could change one thing…", "change"),
        ("Petaet ti'n gallu newid un peth am sut mae dy weithiwr yn gweithio gyda ti?", "change"),
        ("House of worries: What worries you?", "change"),
        ("What was good about working with us?", "good"),
        ("Beth oedd yn dda am weithio gyda ni?", "good"),
        ("House of dreams: What are your dreams?", "wish"),
        ("Pa mor dda y cawsoch eich hysbysu?", "open"),  # "how well", not "what was good"
        ("Is there anything else you want to tell us?", "open"),
        ("one_thing_to_change", "change"),
    ],
)
def test_a_question_known_only_by_its_words_has_a_frame(question, frame):
    assert frame_of(question) == frame


@pytest.mark.parametrize("text", ["no", "No.", "ok", "dim", "ddim yn gwybod", "nothing"])
def test_a_non_answer_is_empty_whichever_line_of_the_list_it_is_on(text):
    assert themes.is_empty_answer(normalise(text))
