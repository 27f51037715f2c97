"""What a text means before it is an answer: opt-out, opt-in, help, "stop texting me" as the
whole message, or a short reply that only sounds like a wish to stop. Pure: strings in, a
verdict out.
"""

from __future__ import annotations

import re
import unicodedata
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
    # One of the phrases ("stop texting me") rather than a single keyword.
    phrase: bool = False


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

# Written as the whole message, these mean STOP too (decision 14, as revised by issue 12). A
# message is folded first (case, accents, apostrophes, punctuation) and a "please" or "thanks"
# around it does not count. Inside a sentence they are an answer: "I wish they would leave me
# alone and stop judging me" is feedback, never an opt-out.
_PHRASES: dict[str, Language] = {
    **{
        p: Language.en
        for p in (
            "stop texting me", "stop texting", "stop messaging me", "stop messaging",
            "stop texts", "stop the texts", "stop sending texts", "stop sending me texts",
            "stop sending me messages", "stop sending messages", "stop contacting me",
            "dont text me", "do not text me", "dont text me again", "do not text me again",
            "dont message me", "do not message me", "dont contact me", "do not contact me",
            "never contact me", "never text me", "no more texts", "no more messages",
            "no more texts please", "unsubscribe me", "opt out", "opt me out", "stop all texts",
        )
    },
    **{
        p: Language.cy
        for p in (
            "peidiwch a thecstio fi", "peidiwch a thecstio", "peidiwch a tecstio fi",
            "peidiwch a fy nhecstio", "paid a thecstio fi", "stopiwch decstio fi",
            "stopiwch tecstio fi", "stopiwch decstio", "stopio tecstio", "dim rhagor o negeseuon",
            "dim rhagor o decstiau", "dim rhagor o destunau",
        )
    },
}  # fmt: skip
_POLITE = re.compile(
    r"^(?:(?:please|pls|plz|plis|ok|okay)\s+)*(.*?)(?:\s+(?:please|pls|plz|thanks|thank you|"
    r"thankyou|ta|x+|diolch|os gwelwch yn dda))*$"
)

# What makes a short reply sound like a wish to stop without being one of the above.
_STOPPISH = re.compile(
    r"\b(?:"
    r"(?:stop|quit|dont|do not|never)\s+(?:text|txt|messag|msg|send|contact)\w*"
    r"|no more (?:texts|txts|messages|msgs)"
    r"|leave me alone|leave us alone|take me off|unsubscribe|go away|opt out"
    r"|(?:peidiwch?|stopiwch|stopio)\s+(?:a\s+)?(?:thecstio|anfon|tecstio|decstio|cysylltu)"
    r"|dim rhagor o (?:negeseuon|destunau|decstiau)|gadewch lonydd"
    r")\b"
)
# A reply made only of these, with a stop word among them ("please stop", "stop it now").
_STOP_WORDS = frozenset({"stop", "stopio", "stopiwch", "end", "quit", "enough"})
_FILLER = frozenset(
    {"please", "pls", "plz", "just", "it", "now", "thanks", "thank", "you", "ok", "okay", "no",
     "more", "all", "this", "that", "diolch", "nawr", "plis", "os", "gwelwch", "yn", "dda"}
)  # fmt: skip
# Longer than this, a reply is an answer whatever words it holds.
_SHORT = 8


def fold(body: str) -> str:
    """Lower case, no accents, apostrophes or punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", body.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’`]", "", plain)
    return re.sub(r"[\W_]+", " ", plain).strip()


def classify(body: str) -> Verdict | None:
    """A keyword verdict when the whole text is one keyword (any case, stray punctuation), or
    one of the phrases above as the whole message."""
    word = re.sub(r"[\s.!?,'\"]+$", "", body.strip()).upper()
    word = re.sub(r"^[\s.!?,'\"]+", "", word)
    found = _WORDS.get(word)
    if found is not None:
        keyword, language, standard = found
        return Verdict(keyword, language, standard)
    folded = fold(body)
    if len(folded) > 80:
        return None
    match = _POLITE.fullmatch(folded)
    phrase = match.group(1) if match else folded
    if phrase in _PHRASES:
        return Verdict(Keyword.opt_out, _PHRASES[phrase], False, phrase=True)
    return None


def sounds_like_stop(body: str) -> bool:
    """A short reply that is mostly a wish to stop but not a keyword ("please stop", "leave me
    alone", "take me off your list"): worth one question back, never an opt-out by itself."""
    if classify(body) is not None:
        return False
    folded = fold(body)
    words = folded.split()
    if not words or len(words) > _SHORT:
        return False
    if _STOPPISH.search(folded):
        return True
    return any(w in _STOP_WORDS for w in words) and all(
        w in _STOP_WORDS or w in _FILLER for w in words
    )
