import pytest

from analysis.language import detect
from analysis.normalise import normalise
from analysis.safeguarding import assess


def check(text):
    normalised = normalise(text)
    return assess(normalised, language=detect(normalised))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I don't feel safe at home, dad hits me", "physical_abuse"),
        ("I dont feel safe at home when dad drinks", "unsafe_at_home"),
        ("dad used to hit me", "physical_abuse"),
        ("my mums boyfriend hurts her", "domestic_abuse"),
        ("mum's partner hit her and the police came", "domestic_abuse"),
        ("I cut myself sometimes", "self_harm_suicide"),
        ("i want to die", "self_harm_suicide"),
        ("I ran away last week", "missing"),
        ("older boys give me weed and make me carry stuff for them", "exploitation"),
        ("I met someone online who asks for pictures", "exploitation"),
        ("There's no food in the house", "neglect"),
        ("he touches me where he shouldnt", "sexual_abuse"),
        ("my step dad calls me names and says im worthless", "emotional_abuse"),
        ("Dwi ddim yn teimlo'n saff adref", "unsafe_at_home"),
        ("Weithiau dw i'n meddwl y byddai pawb yn well hebdda i", "self_harm_suicide"),
        ("Dw i ddim isio byw rhagor", "self_harm_suicide"),
        ("Dwi di bod yn brifo fy hunan eto", "self_harm_suicide"),
    ],
)
def test_disclosures_are_flagged_with_their_category_and_words(text, category):
    result = check(text)
    assert result.flag
    assert category in result.categories
    assert result.evidence


@pytest.mark.parametrize(
    "text",
    [
        "My worker helped me feel safe again",
        "we were scared you would take the kids",
        "The referral to the domestic abuse service, I feel safer now",
        "I was scared of the meeting",
        "He never turns up",
        "things are calmer at home",
        "I had to tell my story again to a new worker",
    ],
)
def test_things_that_only_sound_like_danger_are_not_flagged(text):
    assert not check(text).flag
