"""What a text means before it is an answer: opt-out, opt-in, help, or "stop texting me".
Pure: strings in, a verdict out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from api.models.enums import Language


class Keyword(StrEnum):
    opt_out = "opt_out"
    opt_in = "opt_in"
    help = "help"


@dataclass(frozen=True)
class Verdict:
    keyword: Keyword
    language: Language
    # The provider (Twilio's Advanced Opt-Out) knows this word and may have answered it.
    provider_standard: bool


# Single words, as the carriers and Twilio define them, then the Welsh a Welsh speaker uses.
_WORDS: dict[str, tuple[Keyword, Language, bool]] = {
    **{
        w: (Keyword.opt_out, Language.en, True)
        for w in ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT")
    },
    **{
        w: (Keyword.opt_out, Language.cy, False)
        for w in ("STOPIO", "STOPIWCH", "DAD-DANYSGRIFIO", "DADDANYSGRIFIO", "DIDDYMU", "DIWEDD")
    },
    **{w: (Keyword.opt_in, Language.en, True) for w in ("START", "UNSTOP", "YES")},
    **{w: (Keyword.opt_in, Language.cy, False) for w in ("DECHRAU", "AILDDECHRAU")},
    **{w: (Keyword.help, Language.en, True) for w in ("HELP", "INFO")},
    **{w: (Keyword.help, Language.cy, False) for w in ("CYMORTH", "GWYBODAETH")},
}

# Written inside a survey, these mean the same as STOP. Anchored on the verb and the channel
# ("texting", "messages") so that "stop changing my worker" is an answer, not an opt-out.
_INTENT = re.compile(
    r"\b(?:"
    r"(?:stop|quit|don'?t|do not|never)\s+(?:text|txt|messag|msg|send|contact)\w*\s+(?:me|us)\b"
    r"|stop (?:texting|messaging)\b"
    r"|no more (?:texts|txts|messages|msgs)\b"
    r"|leave me alone"
    r"|take me off"
    r"|unsubscribe me"
    r"|(?:peidiwch?|stopiwch|stopio)\s+(?:â\s+|a\s+)?(?:thecstio|anfon|tecstio|cysylltu)"
    r"|dim rhagor o (?:negeseuon|destunau|decstiau)"
    r")",
    re.IGNORECASE,
)


def classify(body: str) -> Verdict | None:
    """A keyword verdict when the whole text is one keyword (any case, stray punctuation)."""
    word = re.sub(r"[\s.!?,'\"]+$", "", body.strip()).upper()
    word = re.sub(r"^[\s.!?,'\"]+", "", word)
    found = _WORDS.get(word)
    if found is None:
        return None
    keyword, language, standard = found
    return Verdict(keyword, language, standard)


def wants_no_more_texts(body: str) -> bool:
    """Free text that asks us to stop texting ("Stop texting me", "peidiwch â thecstio")."""
    return _INTENT.search(body) is not None
