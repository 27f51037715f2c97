import pytest
from textblob import TextBlob

from analysis.pipeline import analyse as analyse_with_model


def analyse(text, **given):
    """The rules' sentiment (analysis/sentiment.py), without the base model's say."""
    return analyse_with_model(text, base="none", **given)


@pytest.mark.parametrize(
    ("text", "question", "label"),
    [
        ("I don't feel safe at home, dad hits me", "worries", "negative"),
        ("He never turns up", None, "negative"),
        ("Nothing", "one_thing_to_change", "positive"),
        ("Nothing", "most_helpful", "negative"),
        ("dunno", None, "neutral"),
        ("Great, another cancelled visit", None, "negative"),
        ("Nothing, she was brilliant with us", "one_thing_to_change", "positive"),
        ("She was lovely but she cancelled three times", None, "mixed"),
        ("Dim byd, roedd hi'n wych", "one_thing_to_change", "positive"),
        ("not very helpful", None, "negative"),
    ],
)
def test_sentiment_reads_the_domain(text, question, label):
    assert analyse(text, question=question).sentiment.label == label


def test_where_textblob_alone_fails_this_does_not():
    # TextBlob's own verdicts, kept here to show why it is only one input.
    assert TextBlob("I don't feel safe at home, dad hits me").sentiment.polarity > 0
    assert TextBlob("He never turns up").sentiment.polarity == 0
    assert analyse("I don't feel safe at home, dad hits me").sentiment.score < -0.5
    assert analyse("He never turns up").sentiment.score < 0


def test_scores_stay_within_minus_one_and_one():
    for text in ["brilliant amazing fantastic wonderful excellent " * 20, "awful terrible " * 30]:
        assert -1 <= analyse(text).sentiment.score <= 1
