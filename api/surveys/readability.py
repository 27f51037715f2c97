"""A reading-age estimate for English: Flesch-Kincaid grade level, plus five.

Why our own few lines and not textstat: textstat (0.7) counts syllables with NLTK's CMU
dictionary, which it downloads from the internet the first time it runs; a council's server
has no business fetching data at run time, and the check must give the same answer offline in
CI. The formula is the published one (Kincaid et al. 1975, for the US Navy):

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

and a UK reading age is the US grade plus five (grade 2 is read at about 7). Syllables are
counted by the usual rule of thumb (groups of vowels, a silent final "e", "-le" after a
consonant its own syllable): it is right for the short everyday words a child's form should
use, and errs on the long side for long words, which is the side a check should err on.

Flesch-Kincaid has no Welsh form (no validated Welsh readability formula is in use), so Welsh
is checked by sentence length and a list of hard words only (api/surveys/wording.py)."""

from __future__ import annotations

import re

# Letters of any alphabet (Welsh ŵ, ŷ, â…), with an apostrophe inside a word ("don't", "ti'n").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def words(text: str) -> list[str]:
    """The words of a text (numbers and marks left out; "don't" is one word)."""
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of a text; a string with no full stop is one sentence (a question's
    words, a button)."""
    found = [part.strip() for part in SENTENCE_END.split(text) if words(part)]
    return found or ([text] if words(text) else [])


def syllables(word: str) -> int:
    """Syllables in an English word, by the vowel-group rule of thumb (at least one)."""
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    count = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1  # silent e: "make", "like" ("little" keeps its "-le" syllable)
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        count -= 1  # "talked", "makes": no extra syllable
    return max(1, count)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text (0 for a text with no words)."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / max(1, len(sentences(text)))
    per_word = sum(syllables(w) for w in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def reading_age(text: str) -> float:
    """The age at which most children can read the text: grade + 5, never below 5."""
    return round(max(5.0, grade(text) + 5), 1)
