"""Redaction before text leaves the raw store: [name], [phone], [email], [postcode], [address],
[date]. The original is kept for those allowed to see it; this makes the copy others see. Pure.

Names come from two places: the names the system knows (staff and family names, passed in)
and a heuristic: a capitalised word that TextBlob's bundled lexicon tags as a proper noun, or
that is no common English word. It errs towards hiding: a place name may become [name].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency

from analysis import textblob_data
from analysis.language import WELSH_WORDS, english_vocabulary

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS},? \d{{4}}|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})\b"
    rf"|(?<=\bborn on )\S+(?: \S+){{0,2}}|(?<=\bdob )\S+|(?<=\bd\.o\.b\. )\S+",
    re.IGNORECASE,
)
STREET_TYPES = (
    r"(?:road|rd|street|st|avenue|ave|close|lane|ln|drive|dr|way|court|ct|crescent|cres|"
    r"place|pl|gardens|gdns|terrace|grove|walk|rise|hill|park|row|square|sq|view|mews|green|"
    r"parade|heights|meadows?|fields|estate|house|flats)"
)
ADDRESS = re.compile(
    rf"\b(?i:(?:flat|apartment|unit) \d+[a-z]?,? )?\d{{1,4}}[a-z]? (?:[A-Z][\w']+ ){{1,3}}"
    rf"(?i:{STREET_TYPES})\b"
    rf"|\b(?i:flat|apartment) \d+[a-z]?\b"
)
# "lives on Elm Grove": the street without its number; group 1 is what is hidden.
STREET_AFTER_PREPOSITION = re.compile(
    rf"\b(?:on|at|in|off|near) ((?:[A-Z][\w']+ ){{1,3}}(?i:{STREET_TYPES}))\b"
)
CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-ÞŴŶ][a-zà-öø-ÿŵŷ]+(?:['’-][A-Za-zÀ-ÿŵŷ]+)*\b")
TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z][\w'-]+")
# Capitalised words that are not a person: calendar, family roles, services, brands.
NOT_NAMES = frozenset(
    """
    I I'm I've I'd I'll Mum Mam Mom Dad Nan Nana Nanna Grandad Grandma Granny Gran Aunt Auntie
    Uncle God Christmas Easter Halloween Eid Diwali Ramadan Childline NSPCC MASH CAMHS NHS GP
    English Welsh Wales England Britain British UK Cymraeg Saesneg Facebook Instagram Snapchat
    TikTok YouTube WhatsApp Google Xbox PlayStation Netflix Covid McDonald McDonald's KFC
    Tesco Asda Aldi Lidl Primark Costa Greggs Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Social Worker Services Council Team Family Police School Court Hospital
    Doctor Nurse Health Miss Sir Mr Mrs Ms Dr
    """.split()
)
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


@dataclass(frozen=True)
class Redaction:
    text: str
    kinds: tuple[str, ...]  # what was hidden, e.g. ("name", "phone")


@lru_cache
def _proper_nouns() -> frozenset[str]:
    path = textblob_data.english("en-lexicon.txt")
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.partition(" ")
        if tag.startswith("NNP") and word[:1].isupper():
            names.add(word)
    return frozenset(names)


@lru_cache
def _common_words() -> frozenset[str]:
    """Words common enough that, capitalised at a sentence's start, they are not names
    ("Ring back", "Hope so"); rarer proper nouns there ("Sarah", "Grace") still are."""
    path = textblob_data.english("en-spelling.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if count.isdigit() and int(count) >= 50:
            words.add(word)
    return frozenset(words)


def redact(text: str, *, known_names: Iterable[str] = (), language: str = "en") -> Redaction:
    """The text with identifying details replaced; and which kinds were found."""
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in (("email", EMAIL), ("date", DATE), ("postcode", POSTCODE)):
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    spans += _phones(text, spans)
    spans += [(m.start(), m.end(), "address") for m in ADDRESS.finditer(text)]
    spans += [(m.start(1), m.end(1), "address") for m in STREET_AFTER_PREPOSITION.finditer(text)]
    spans += _names(text, known_names, language)
    return _apply(text, spans)


def _phones(text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE):
        digits = sum(ch.isdigit() for ch in match.raw_string)
        overlaps = any(s < match.end and match.start < e for s, e, _ in taken)
        if digits >= 10 and not overlaps:  # a UK number has 10 or 11 digits
            found.append((match.start, match.end, "phone"))
    return found


def _names(text: str, known: Iterable[str], language: str) -> list[tuple[int, int, str]]:
    spans = []
    for name in {n.strip() for n in known if n and len(n.strip()) > 1}:
        pattern = re.compile(rf"(?<![\w']){re.escape(name)}(?![\w'])", re.IGNORECASE)
        spans += [(m.start(), m.end(), "name") for m in pattern.finditer(text)]
    spans += [(m.start(), m.end(), "name") for m in TITLE.finditer(text)]
    proper, common, english = _proper_nouns(), _common_words(), english_vocabulary()
    candidates = []
    for match in CAPITALISED.finditer(text):
        word = match.group()
        base = re.sub(r"['’]s$", "", word)
        if base in NOT_NAMES or word in NOT_NAMES or base.lower() in WELSH_WORDS:
            continue
        lower = base.lower()
        starts_sentence = bool(SENTENCE_START.search(text[: match.start()]))
        is_proper = base in proper and (not starts_sentence or lower not in common)
        # In Welsh every sentence starts with a word English does not know.
        is_unknown = lower not in english and not (starts_sentence and language == "cy")
        candidates.append((match.start(), match.end(), base in proper))
        if is_proper or is_unknown:
            spans.append((match.start(), match.end(), "name"))
    # "John Smith": a proper noun just before a name is part of it.
    starts_of_names = {start for start, _, _ in spans}
    for start, end, is_proper in candidates:
        if is_proper and end + 1 in starts_of_names and text[end : end + 1] == " ":
            spans.append((start, end, "name"))
    return spans


def _apply(text: str, spans: list[tuple[int, int, str]]) -> Redaction:
    """Replace spans (longest first where they overlap), joining neighbouring [name]s."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if chosen and start < chosen[-1][1]:
            continue
        if chosen and kind == chosen[-1][2] == "name" and text[chosen[-1][1] : start].strip() == "":
            chosen[-1] = (chosen[-1][0], end, "name")  # "Sarah Jones" is one [name]
            continue
        chosen.append((start, end, kind))
    pieces, position = [], 0
    for start, end, kind in chosen:
        pieces += [text[position:start], f"[{kind}]"]
        position = end
    pieces.append(text[position:])
    return Redaction("".join(pieces), tuple(dict.fromkeys(kind for _, _, kind in chosen)))
