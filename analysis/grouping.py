"""Which free-text answers are the same answer, for theme review: the words folded (case,
runs of whitespace, commas, apostrophes and quotation marks, trailing punctuation), so
"Nothing.", "nothing" and "NOTHING !" are one answer, and so are "She's great, thanks" and
"shes great thanks".

Computed once, when an answer's analysis is stored (api.models.AnswerAnalysis.group_key), and
kept as a short digest of the folded words: the review queue groups, counts and looks up on
that column instead of folding every answer's text in SQL on every request. Python's lower()
folds every letter (SQLite's lower() folded ASCII only), so "ŴY" and "ŵy" group too.
"""

from __future__ import annotations

import hashlib
import re

TRAILING = " .,;:!?…"
_DROPPED = str.maketrans("", "", "'\u2019\"\u201c\u201d")
_SPACES = re.compile(r"[\s,]+")
KEY_LENGTH = 32  # hex characters of SHA-256: no two different answers share one in practice


def fold(text: str) -> str:
    """The words as grouping sees them."""
    folded = _SPACES.sub(" ", text.translate(_DROPPED))
    return folded.lower().strip().rstrip(TRAILING)


def group_key(text: str) -> str:
    """The stored key of an answer's folded words."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()[:KEY_LENGTH]
