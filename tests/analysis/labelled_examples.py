"""A tiny labelled set, written for these tests: enough for a model to learn three themes,
the "nothing" frame and a few disclosures in seconds, so the tests need no corpus."""

from analysis.base_model import Settings
from analysis.labelled import Labelled

CHANGE = "If you could change one thing about how your worker works with you, what would it be?"
ELSE = "Is there anything else you want to tell us?"
HELPED = "What helped?"


def answer(text, themes=(), sentiment="neutral", safeguarding=False, question=ELSE):
    return Labelled(
        text=text,
        question=question,
        audience="parent_carer",
        themes=frozenset(themes),
        sentiment=sentiment,
        safeguarding=safeguarding,
    )


NOT_RETURNED = ("communication", "negative")
WAITING = ("timeliness", "negative")
KIND = ("caring", "positive")
TINY = [
    answer("she never rings me back", [NOT_RETURNED], "negative"),
    answer("nobody returns my calls", [NOT_RETURNED], "negative"),
    answer("left messages and never heard back", [NOT_RETURNED], "negative"),
    answer("i phoned the office five times and no one called back", [NOT_RETURNED], "negative"),
    answer("my calls were never returned", [NOT_RETURNED], "negative"),
    answer("we waited months for the assessment", [WAITING], "negative"),
    answer("the waiting went on for ages", [WAITING], "negative"),
    answer("still waiting for a decision", [WAITING], "negative"),
    answer("months of waiting for a meeting", [WAITING], "negative"),
    answer("she was so kind to my kids", [KIND], "positive"),
    answer("kind and warm every visit", [KIND], "positive"),
    answer("a really kind worker who cared", [KIND], "positive"),
    answer("he cared about us and was kind", [KIND], "positive"),
    answer("nothing", (), "positive", question=CHANGE),
    answer("nothing really", (), "positive", question=CHANGE),
    answer("nothing at all", (), "positive", question=CHANGE),
    answer("nothing", (), "neutral", question=ELSE),
    answer("nothing really", (), "neutral", question=ELSE),
    answer("nothing at all", (), "neutral", question=HELPED),
    answer("dunno", (), "neutral"),
    answer("no", (), "neutral"),
    answer("mum's boyfriend hits me when she is at work", (), "neutral", True),
    answer("he hits my little brother and says not to tell", (), "neutral", True),
    answer("dad hits mum and we hide upstairs", (), "neutral", True),
    answer("the school trip was fun", (), "neutral"),
]
SETTINGS = Settings(
    theme_c=16.0,
    theme_threshold=0.4,
    sentiment_c=16.0,
    safeguarding_c=16.0,
    alert=0.6,
    concern=0.3,
    min_df=1,
)
