"""TextBlob's bundled English word lists (offline; no corpus download), found without
importing textblob: its import pulls in nltk and scipy.stats, 1.2 s of every start-up, for
files of words."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def english(name: str) -> Path:
    """A file of textblob's English data: "en-spelling.txt" (word frequencies) or
    "en-lexicon.txt" (part-of-speech tags)."""
    spec = find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textblob is not installed: its English word lists are needed")
    return Path(next(iter(spec.submodule_search_locations))) / "en" / name
