"""Cleaning untrusted free text before it is stored. Pure: strings in, strings out."""

from __future__ import annotations

import re
import unicodedata

MAX_FREE_TEXT = 5000
# C0 and C1 control characters except tab and newline, and lone UTF-16 surrogates (which
# PostgreSQL refuses). Unassigned code points stay: they may be emoji newer than Python's tables.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_free_text(text: str) -> str:
    """NFC-normalise, drop control characters and lone surrogates, trim; keep emoji and Welsh.

    Format characters (such as the zero-width joiner inside family emoji) stay.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _UNWANTED.sub("", text)).strip()
