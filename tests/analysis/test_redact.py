import pytest

from analysis.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ring her on 07700 900123", "ring her on [phone]"),
        ("or +44 118 496 0123 after 5", "or [phone] after 5"),
        ("email sarah.jones@council.gov.uk please", "email [email] please"),
        ("we moved to RG1 2AB last year", "we moved to [postcode] last year"),
        ("lives at 14 Acacia Avenue now", "lives at [address] now"),
        ("DOB 12/03/2015", "DOB [date]"),
        ("born on 3rd May 2016", "born on [date]"),
        ("Sarah was brilliant", "[name] was brilliant"),
        ("John Smith never rang back", "[name] never rang back"),
        ("Mr Patel from the school", "[name] from the school"),
        ("Roedd Siân yn wych", "Roedd [name] yn wych"),
    ],
)
def test_identifying_details_are_replaced(text, expected):
    language = "cy" if text.startswith("Roedd") else "en"
    assert redact(text, language=language).text == expected


def test_known_names_are_hidden_whatever_their_case():
    assert redact("the jones family", known_names=["Jones"]).text == "the [name] family"


@pytest.mark.parametrize(
    "text",
    [
        "Great, another cancelled visit",
        "I had four different social workers since March",
        "She took me to McDonald's and we talked",
        "ref 12345, 4 times in 3 months",
        "Hope things get better",
        "Ring back when you say you will",
        "Dwi'n gweld fy Nain eto",
    ],
)
def test_ordinary_words_numbers_and_capitals_are_left_alone(text):
    assert redact(text, language="cy" if "Dwi" in text else "en").text == text


def test_it_says_which_kinds_it_hid():
    assert redact("Sarah on 07700 900123").kinds == ("name", "phone")
