"""English and Welsh for the public pages: gettext catalogues (.po), read at start-up."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).parent / "translations"
LANGUAGES = ("en", "cy")


@lru_cache
def translations(language: str) -> NullTranslations:
    """The catalogue for a language; English is the source text itself."""
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not path.exists():
        return NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)
