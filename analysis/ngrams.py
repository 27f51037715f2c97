"""How the base model cuts a (normalised) answer into the terms its TF-IDF spaces count:
word 1–2-grams, character 2–5-grams within words, and whitespace tokens (the frame-joined
words). The same cuts as scikit-learn's TfidfVectorizer analyzers with base_model's settings
(lowercase off, no accents stripped, no stop words), which training passes to it; written out
so that analysing an answer never imports scikit-learn (0.8 s of every start-up).
tests/analysis/test_ngrams.py checks they agree with scikit-learn's own."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

WORD = re.compile(r"(?u)\b\w+\b")
_SPACES = re.compile(r"\s\s+")
_NOT_SPACE = re.compile(r"\S+")
STOP_WORDS_FILE = Path(__file__).parent / "data" / "english_stop_words.txt"


def words(document: str, low: int = 1, high: int = 2) -> list[str]:
    """Word n-grams from `low` to `high`: the words, then each run of n joined by a space."""
    found = WORD.findall(document)
    terms = list(found) if low == 1 else []
    for n in range(max(low, 2), min(high, len(found)) + 1):
        terms.extend(" ".join(found[i : i + n]) for i in range(len(found) - n + 1))
    return terms


def characters_within_words(document: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams of each word padded with a space either side; a word shorter than
    n is counted once, whole."""
    terms = []
    for word in _SPACES.sub(" ", document).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                terms.append(padded)
                break
            terms.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return terms


def tokens(document: str) -> list[str]:
    """Runs of anything but whitespace."""
    return _NOT_SPACE.findall(document)


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, from the copy in analysis/data."""
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
