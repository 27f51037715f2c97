"""Whether the forms use words their readers can read: `yousaid surveys check-wording`.

For each survey people are asked now (the newest version), and for the words the public pages
say to a child (frontend/child_words.py, given by the command), every string
gets a reading-age estimate (api/surveys/readability.py) and is checked against its audience's
limits: no word from the hard-word list, no sentence longer than the limit, and, for a string
long enough for the formula to mean something, a reading age no higher than the audience's.

A child's form that fails fails the command (and the test that runs it); an adult's form is
reported with `--strict` making it fail too. The limits are the issue's (15): reading age 7 for
the under-8s (read with an adult), 9 for young people, 11 for parents, 14 for professionals.
Welsh has no readability formula in use, so Welsh strings are checked for sentence length and
Welsh hard words only (decision 38)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from api.models.enums import Audience
from api.surveys import library, readability
from api.surveys.welsh_review import newest_surveys, survey_strings


@dataclass(frozen=True)
class Limits:
    reading_age: float
    words_a_sentence: int
    child: bool


UNDER_8 = Limits(reading_age=7, words_a_sentence=8, child=True)
YOUNG_PEOPLE = Limits(reading_age=9, words_a_sentence=15, child=True)
PARENTS = Limits(reading_age=11, words_a_sentence=20, child=False)
PROFESSIONALS = Limits(reading_age=14, words_a_sentence=25, child=False)
# Flesch-Kincaid needs running text: on a button or a three-word question one long word
# ("Police") reads as age 13. Shorter strings are checked by their words alone.
SCORED_FROM_WORDS = 8
# Welsh runs a little longer than English for the same sentence (mutations, "yn", "i'r").
WELSH_LONGER = 1.25

# Words a young child stumbles on, each with a plainer way to say it. Seen on the child pages
# by the testers, or common in council forms.
HARD_WORDS_EN = {
    "anonymous": "we will not know who you are",
    "optional": "you can skip it",
    "services": "the people who help you",
    "characters": "letters",
    "confidential": "private",
    "timed out": "it has been a long time",
    "referral": "asking for help for you",
    "safeguarding": "keeping children safe",
    "information": "what you tell us",
    "submit": "send",
    "consent": "say yes",
    "professional": "worker",
    "feedback": "what you think",
    "survey": "questions",
    "unsafe": "not safe",
    "regarding": "about",
    "appropriate": "right",
}
HARD_WORDS_CY = {
    "dienw": "fyddwn ni ddim yn gwybod pwy wyt ti",
    "dewisol": "galli di ei adael",
    "gwasanaethau": "y bobl sy'n dy helpu di",
    "nodau": "llythrennau",
    "cyfrinachol": "preifat",
    "atgyfeiriad": "gofyn am help i ti",
    "diogelu": "cadw plant yn ddiogel",
    "gwybodaeth": "beth rwyt ti'n ei ddweud",
    "cyflwyno": "anfon",
    "caniatâd": "dweud ie",
    "proffesiynol": "gweithiwr",
    "adborth": "beth rwyt ti'n feddwl",
    "arolwg": "cwestiynau",
    "anniogel": "ddim yn ddiogel",
}


@dataclass(frozen=True)
class Finding:
    """One string and what is wrong with it (nothing, when `problems` is empty)."""

    source: str  # "young-person v3", "child pages"
    where: str
    language: str
    text: str
    reading_age: float | None  # English only
    problems: tuple[str, ...] = field(default=())


def limits_for(audience: Audience, read_with_an_adult: bool = False) -> Limits:
    if audience is Audience.young_person:
        return UNDER_8 if read_with_an_adult else YOUNG_PEOPLE
    return PARENTS if audience is Audience.parent_carer else PROFESSIONALS


# A Welsh word's first letter changes after some words (soft, nasal and aspirate mutation):
# "cyfrinachol" is also "gyfrinachol", "nghyfrinachol", "chyfrinachol".
MUTATIONS = {
    "c": ("g", "ngh", "ch"),
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "g": ("", "ng"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "ll": ("l",),
    "m": ("f",),
    "rh": ("r",),
}


def _forms(word: str, language: str) -> list[str]:
    if language != "cy":
        return [word]
    for first in sorted(MUTATIONS, key=len, reverse=True):
        if word.startswith(first):
            return [word, *(changed + word[len(first) :] for changed in MUTATIONS[first])]
    return [word]


def hard_words(text: str, language: str) -> list[str]:
    """The list's hard words in a text (in Welsh, mutated too), each with a plainer wording."""
    lowered = text.lower()
    listed = HARD_WORDS_CY if language == "cy" else HARD_WORDS_EN
    return [
        f'"{word}" (try "{plain}")'
        for word, plain in listed.items()
        if any(
            re.search(rf"(?<![\w']){re.escape(form)}(?![\w'])", lowered)
            for form in _forms(word, language)
        )
    ]


def check(source: str, where: str, language: str, text: str, limits: Limits) -> Finding:
    """A string against its audience's limits. The hard-word list is a child's: an adult
    reader is held to reading age and sentence length only ("children's services" is a parent's
    everyday name for us, and a partner's "referral" their own word)."""
    problems = hard_words(text, language) if limits.child else []
    most = limits.words_a_sentence * (WELSH_LONGER if language == "cy" else 1)
    for sentence in readability.sentences(text):
        count = len(readability.words(sentence))
        if count > most:
            problems.append(f"a sentence of {count} words (at most {int(most)})")
    age = readability.reading_age(text) if language == "en" else None
    long_enough = len(readability.words(text)) >= SCORED_FROM_WORDS
    if age is not None and long_enough and age > limits.reading_age:
        problems.append(f"reading age {age:g} (at most {limits.reading_age:g})")
    return Finding(source, where, language, text, age, tuple(problems))


def survey_findings(directory: Path = library.LIBRARY_DIR) -> Iterator[tuple[Limits, Finding]]:
    for definition in newest_surveys(directory):
        limits = limits_for(definition.audience, definition.read_with_an_adult)
        source = f"{definition.key} v{definition.version}"
        for where, english, welsh in survey_strings(definition):
            yield limits, check(source, where, "en", english, limits)
            yield limits, check(source, where, "cy", welsh, limits)


def page_findings(
    strings: Iterable[tuple[str, str, str]],
) -> Iterator[tuple[Limits, Finding]]:
    """The public pages' words to a child ((where, English, Welsh), from
    frontend/child_words.py): the shared pages speak to every child, the youngest with an
    adult beside them, so young people's limits."""
    for where, english, welsh in strings:
        yield YOUNG_PEOPLE, check("child pages", where, "en", english, YOUNG_PEOPLE)
        yield YOUNG_PEOPLE, check("child pages", where, "cy", welsh, YOUNG_PEOPLE)


def findings(
    pages: Iterable[tuple[str, str, str]] = (), directory: Path = library.LIBRARY_DIR
) -> list[tuple[Limits, Finding]]:
    """Every checked string (the library's and the given page strings) with its limits."""
    return [*survey_findings(directory), *page_findings(pages)]


def failures(checked: list[tuple[Limits, Finding]], *, strict: bool = False) -> list[Finding]:
    """What fails: a child's string with a problem (and, with strict, an adult's)."""
    return [f for limits, f in checked if f.problems and (limits.child or strict)]
