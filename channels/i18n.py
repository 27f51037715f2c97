"""gettext catalogues (.po) read at start-up: the public pages' and the texts' and emails'."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "cy")
CHANNEL_TRANSLATIONS = Path(__file__).parent / "translations"


@lru_cache
def load(directory: Path, language: str, domain: str = "messages") -> NullTranslations:
    """The catalogue for a language; English is the source text itself."""
    path = directory / language / "LC_MESSAGES" / f"{domain}.po"
    if language == "en" or not path.exists():
        return NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


def channel_gettext(language: str) -> NullTranslations:
    """Texts and emails to the public, in their language."""
    return load(CHANNEL_TRANSLATIONS, language, "channels")


# An email in two languages says at its top where the other one is, in that language: a
# reader of the second language should not have to read the first to find theirs.
BELOW = {"en": "(English below)", "cy": "(Cymraeg isod)"}
BETWEEN = "* * *"


def in_each_language(
    written: Sequence[tuple[str | None, str]], languages: Sequence[str] = ()
) -> tuple[str | None, str]:
    """One message from its wording in each language, in the order given: (subject, body).

    For someone whose language nobody knows (Welsh Language Standards: correspondence goes
    bilingually), the subjects joined by " / " and the bodies one after the other. An email
    (a message with a subject) whose `languages` are given opens with a pointer to the later
    ones and keeps them apart with a line; a text stays as short as it can be."""
    if len(written) == 1:
        return written[0]
    subjects = [subject for subject, _ in written if subject]
    blocks = [text.rstrip("\n") for _, text in written]
    if subjects and len(languages) == len(written):
        pointer = " ".join(BELOW[language] for language in languages[1:] if language in BELOW)
        body = (f"{pointer}\n\n" if pointer else "") + f"\n\n{BETWEEN}\n\n".join(blocks)
    else:
        body = "\n\n".join(blocks)
    trailing = "\n" if written[0][1].endswith("\n") else ""
    return (" / ".join(subjects) if subjects else None), body + trailing
