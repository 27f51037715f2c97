from analysis.text import clean_free_text


def test_control_characters_are_stripped_but_lines_and_tabs_kept():
    assert clean_free_text("a\x00b\x07c\nd\te\x1b[31m") == "abc\nd\te[31m"


def test_windows_line_endings_become_newlines():
    assert clean_free_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_emoji_including_joined_families_survive():
    family = "👨\u200d👩\u200d👧"
    assert clean_free_text(f"thanks 😊 {family}") == f"thanks 😊 {family}"


def test_welsh_is_kept_and_normalised_to_composed_form():
    decomposed = "Gw\u0302yl"  # w + combining circumflex
    assert clean_free_text(decomposed) == "Gŵyl"


def test_lone_surrogates_are_dropped():
    assert clean_free_text("a\ud800b") == "ab"


def test_surrounding_whitespace_is_trimmed():
    assert clean_free_text("  \n hello \n ") == "hello"
