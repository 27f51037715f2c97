"""The base model's own term cuts agree with scikit-learn's analyzers, which trained it."""

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis import ngrams
from analysis.base_model import _document

ANSWERS = [
    "Nobody ever rang me back!!",
    "  she was   lovely x",
    "Mae'r gweithiwr yn wych, diolch yn fawr 😊",
    "a",
    "",
    "I   don't\tfeel safe\nat home — dad hits me",
    "frame=change change:nothing",
]


def sklearn_analyzer(**settings):
    return TfidfVectorizer(lowercase=False, **settings).build_analyzer()


def test_word_ngrams_are_scikit_learns():
    theirs = sklearn_analyzer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b")
    for text in ANSWERS:
        assert sorted(ngrams.words(_document(text))) == sorted(theirs(_document(text)))


def test_character_ngrams_within_words_are_scikit_learns():
    theirs = sklearn_analyzer(analyzer="char_wb", ngram_range=(2, 5))
    for text in ANSWERS:
        assert sorted(ngrams.characters_within_words(text)) == sorted(theirs(text))


def test_tokens_are_scikit_learns():
    theirs = sklearn_analyzer(token_pattern=r"\S+")
    for text in ANSWERS:
        assert sorted(ngrams.tokens(text)) == sorted(theirs(text))


def test_the_stop_words_are_scikit_learns():
    assert ngrams.english_stop_words() == ENGLISH_STOP_WORDS


def test_analysing_a_clear_answer_imports_neither_scikit_learn_nor_textblob():
    """Start-up: scikit-learn costs 0.8 s to import and only training needs it; textblob
    (with nltk, 1.2 s) only when the rules must break a tie."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from analysis.pipeline import analyse\n"
        "analyse('She was brilliant and listened', question='good', audience='parent_carer')\n"
        "print('sklearn' in sys.modules, 'textblob' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False False"
