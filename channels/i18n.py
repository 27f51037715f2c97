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


def in_each_language(written: Sequence[tuple[str | None, str]]) -> tuple[str | None, str]:
    """One message from its wording in each language, in the order given: (subject, body).

    For someone whose language nobody knows (Welsh Language Standards: correspondence goes
    bilingually), the subjects joined by " / " and the bodies one after the other."""
    if len(written) == 1:
        return written[0]
    subjects = [subject for subject, _ in written if subject]
    body = "\n\n".join(text.rstrip("\n") for _, text in written)
    trailing = "\n" if written[0][1].endswith("\n") else ""
    return (" / ".join(subjects) if subjects else None), body + trailing
