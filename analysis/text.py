"""Cleaning untrusted free text before it is stored. Pure: strings in, strings out."""

from __future__ import annotations

import unicodedata

MAX_FREE_TEXT = 5000
_KEEP_CONTROLS = {"\n", "\t"}


def clean_free_text(text: str) -> str:
    """NFC-normalise, drop control characters and lone surrogates, trim; keep emoji and Welsh.

    Format characters (category Cf, such as the zero-width joiner inside family emoji) stay.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = (
        ch
        for ch in text
        if ch in _KEEP_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )
    return "".join(kept).strip()
