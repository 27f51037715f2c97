from analysis.normalise import normalise


def test_text_speak_and_childrens_spelling_become_standard():
    assert normalise("she didnt listend cos she was busy").text == (
        "she didn't listened because she was busy"
    )


def test_evidence_quotes_the_words_as_written():
    text = normalise("He NEVER rings bak, dont bother")
    start = text.text.index("never")
    assert text.evidence(start, start + len("never rings")) == "NEVER rings"


def test_curly_apostrophes_are_straightened():
    assert normalise("I didn’t know").text == "i didn't know"


def test_punctuation_is_kept_as_clause_breaks():
    tokens = normalise("Great, another visit.").tokens
    assert [t.is_break for t in tokens] == [False, True, False, False, True]
