"""What a text costs: its encoding and how many SMS segments it takes. Pure.

GSM-7 carries 160 characters in one segment and 153 in each part of a longer message; any
character outside it (Welsh â ê î ô û ŵ ŷ, curly quotes, emoji) makes the whole text UCS-2,
70 per segment and 67 per part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

# The GSM 03.38 default alphabet, and its extension table (each costs two septets).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
WARN_OVER_SEGMENTS = 2


@dataclass(frozen=True)
class Cost:
    encoding: Literal["GSM-7", "UCS-2"]
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int

    @property
    def too_long(self) -> bool:
        return self.segments > WARN_OVER_SEGMENTS


def cost(text: str) -> Cost:
    """Encoding, length in that encoding, and segments, as a UK network would bill them."""
    if all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text):
        units = sum(2 if ch in GSM_EXTENSION else 1 for ch in text)
        return Cost("GSM-7", units, _segments(units, single=160, part=153))
    units = len(text.encode("utf-16-le")) // 2
    return Cost("UCS-2", units, _segments(units, single=70, part=67))


def _segments(units: int, *, single: int, part: int) -> int:
    if units <= single:
        return 1
    return math.ceil(units / part)
