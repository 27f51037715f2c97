"""English and Welsh for the public pages: gettext catalogues (.po), read at start-up."""

from __future__ import annotations

from pathlib import Path

from babel.support import NullTranslations

from channels.i18n import LANGUAGES, load

TRANSLATIONS = Path(__file__).parent / "translations"
__all__ = ["LANGUAGES", "TRANSLATIONS", "translations"]


def translations(language: str) -> NullTranslations:
    """The public pages' catalogue for a language; English is the source text itself."""
    return load(TRANSLATIONS, language)
