"""The names staff read for the codes stored: sentences, not enum values."""

from frontend.staff import labels


def test_the_history_and_the_names_read_as_sentences_not_codes():
    assert labels.history_line("new", "asked for help", None) == (
        "Raised: the person asked for help",
        None,
    )
    assert labels.history_line("new", "analysis", "Also raised by the words") == (
        "Also raised: the analysis of their words",
        None,
    )
    assert labels.history_line("referred", "Sam Duty", "MASH ref 77") == (
        "Referred to children's social care, by Sam Duty",
        "MASH ref 77",
    )
    assert labels.concern("self_harm_suicide") == "Self-harm or suicide"
    assert labels.survey("young-person", "What do you think?") == (
        "Young people's survey (“What do you think?”)"
    )
