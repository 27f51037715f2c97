"""Tokens of feedback text in a form the rules can match, mapped back to the words people wrote.

Children and parents write "dont", "cos", "listend", "u"; the rules are written once, in
standard spelling, and this module brings the text to them. Every normalised token keeps the
span of the original it came from, so evidence is quoted as it was written. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Words as written -> standard spelling (one or more words). Text-speak, common misspellings
# by children and adults, and apostrophe-less contractions.
SPELLING: dict[str, str] = {
    # contractions written without the apostrophe
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "aint": "ain't",
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "youre": "you're",
    "theyre": "they're",
    "theres": "there's",
    "thats": "that's",
    "whats": "what's",
    "shes": "she's",
    "hes": "he's",
    "wasn": "wasn't",
    "didn": "didn't",
    "cannot": "can't",
    "dnt": "don't",
    "didint": "didn't",
    # text-speak
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bcos": "because",
    "bc": "because",
    "becos": "because",
    "becoz": "because",
    "becuase": "because",
    "becouse": "because",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "yr": "your",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thanks",
    "tx": "thanks",
    "gd": "good",
    "gr8": "great",
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "l8": "late",
    "l8r": "later",
    "wen": "when",
    "wot": "what",
    "wat": "what",
    "wiv": "with",
    "w/": "with",
    "woz": "was",
    "sed": "said",
    "nuffin": "nothing",
    "nothin": "nothing",
    "nuthin": "nothing",
    "nowt": "nothing",
    "nuttin": "nothing",
    "dunno": "don't know",
    "dno": "don't know",
    "idk": "i don't know",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "kinda": "kind of",
    "ppl": "people",
    "peeps": "people",
    "skool": "school",
    "tho": "though",
    "thru": "through",
    "neva": "never",
    "eva": "ever",
    "nvr": "never",
    "sum1": "someone",
    "some1": "someone",
    "no1": "no one",
    "noone": "no one",
    "any1": "anyone",
    "evry": "every",
    "evrything": "everything",
    "sumtimes": "sometimes",
    "alot": "a lot",
    "realy": "really",
    "rly": "really",
    "v": "very",
    "sw": "social worker",
    "s/w": "social worker",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "txts": "texts",
    "txted": "texted",
    "ph": "phone",
    "fone": "phone",
    "fone'd": "phoned",
    # children's spelling
    "listend": "listened",
    "lisend": "listened",
    "lisened": "listened",
    "listned": "listened",
    "lissened": "listened",
    "lisen": "listen",
    "lissen": "listen",
    "lisening": "listening",
    "listning": "listening",
    "freind": "friend",
    "frend": "friend",
    "frends": "friends",
    "scard": "scared",
    "skared": "scared",
    "scaired": "scared",
    "hapy": "happy",
    "hapyer": "happier",
    "tolk": "talk",
    "tok": "talk",
    "tawk": "talk",
    "talkd": "talked",
    "helpd": "helped",
    "halp": "help",
    "nise": "nice",
    "kined": "kind",
    "kynd": "kind",
    "wurker": "worker",
    "worke": "worker",
    "wrker": "worker",
    "explaned": "explained",
    "explaind": "explained",
    "undastand": "understand",
    "understnad": "understand",
    "undastood": "understood",
    "untill": "until",
    "allways": "always",
    "alwas": "always",
    "allways'": "always",
    "somtimes": "sometimes",
    "stoped": "stopped",
    "hurted": "hurt",
    "hitted": "hit",
    "beated": "beat",
    "leeve": "leave",
    "wory": "worry",
    "woried": "worried",
    "wurried": "worried",
    "saif": "safe",
    "safe.": "safe",
    "mum's": "mum's",
    "mam": "mum",
    "mom": "mum",
    "mummy": "mum",
    "daddy": "dad",
    "nana": "nan",
    "nanna": "nan",
}

_TOKEN = re.compile(r"[A-Za-zÀ-ÿŵŷŴŶ0-9]+(?:['’][A-Za-zÀ-ÿŵŷ]+)*|[.!?;,:()\-–—/]")
CLAUSE_BREAKS = frozenset(".!?;:,()–—")


@dataclass(frozen=True)
class Token:
    """One token: its normalised form (may be several words) and where it was written."""

    norm: str
    start: int
    end: int

    @property
    def is_break(self) -> bool:
        return self.norm in CLAUSE_BREAKS


@dataclass(frozen=True)
class Normalised:
    original: str
    tokens: tuple[Token, ...]

    @cached_property
    def text(self) -> str:
        """The normalised tokens joined by single spaces, for rules to match."""
        return " ".join(t.norm for t in self.tokens)

    @cached_property
    def _starts(self) -> list[int]:
        starts, position = [], 0
        for token in self.tokens:
            starts.append(position)
            position += len(token.norm) + 1
        return starts

    def token_index(self, char: int) -> int:
        """The index of the token that normalised character offset `char` falls in."""
        low, high = 0, len(self._starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._starts[middle] <= char:
                low = middle
            else:
                high = middle - 1
        return low

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind normalised characters [start, end)."""
        first = self.tokens[self.token_index(start)]
        last = self.tokens[self.token_index(max(start, end - 1))]
        return first.start, last.end

    def evidence(self, start: int, end: int) -> str:
        """The words as the person wrote them behind a normalised match."""
        begin, finish = self.original_span(start, end)
        return self.original[begin:finish]

    @cached_property
    def words(self) -> list[str]:
        return [w for t in self.tokens if not t.is_break for w in t.norm.split()]


def normalise(text: str) -> Normalised:
    """Lower-case, straighten quotes, expand text-speak; keep each token's original span."""
    text = unicodedata.normalize("NFC", text)
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group().lower().replace("’", "'")
        norm = SPELLING.get(raw, raw)
        tokens.append(Token(norm, match.start(), match.end()))
    return Normalised(text, tuple(tokens))
