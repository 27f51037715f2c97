"""gettext catalogues (.po) read at start-up: the public pages' and the texts' and emails'."""

from __future__ import annotations

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
