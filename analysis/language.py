"""Is this Welsh? Councils in Wales must treat Welsh answers as well as English ones. Pure."""

from __future__ import annotations

from functools import lru_cache

from analysis import textblob_data
from analysis.normalise import Normalised

# Everyday Welsh, mutated forms included, and the words of our own surveys.
WELSH_WORDS = frozenset(
    """
    ac ag amser ar beth bob byd cael chi dim diolch ddim dwi dy ei eich eisiau eu fi fy fod
    gan gyda gwrando gweithiwr gweithwyr gwneud gallu helpu hwn hynny iawn mae maen mewn neu
    nhw oedd oeddwn ond pawb pob pryd plant plentyn rhaid roedd roeddwn rwy rydw rydyn sut
    teulu trwy wedi yn yr ydy ydw ysgol gwybod gwaith weithiwr ngweithiwr nghlywed ngweld
    hefyd llawer mwy gwell dda wych gwych hapus trist poeni ofn saff ddiogel diogel cartref
    adref nain taid caredig onest newid ffonio ffoniodd neb erioed byth cymorth cyfarfod fawr
    mawr cyfarfodydd cynllun cynlluniau deall esbonio dweud ddweud siarad hyd nawr rŵan efo
    yma
    """.split()
)
# Welsh words that are also English words: they count for half, and never alone.
AMBIGUOUS = frozenset(
    """
    a i am o y na os mi fe da hi ni pan mor at help mam tad
    """.split()
)
WELSH_LETTERS = frozenset("ŵŷâêîôû")


@lru_cache
def english_vocabulary() -> frozenset[str]:
    """English words from TextBlob's bundled frequency list (offline; no corpus download)."""
    path = textblob_data.english("en-spelling.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(";;;"):
            word, _, count = line.partition(" ")
            if count.isdigit() and int(count) >= 3:
                words.add(word)
    return frozenset(words)


def detect(text: Normalised) -> str:
    """'cy' when the text reads as Welsh, else 'en'."""
    english_words = english_vocabulary()
    welsh = english = 0.0
    for word in (w.strip("'") for w in text.words):
        if (
            word in WELSH_WORDS
            or any(c in WELSH_LETTERS for c in word)
            or "'n" in word
            or word.endswith("'r")
        ):
            welsh += 1
        elif word in AMBIGUOUS:
            welsh += 0.5
            english += 0.5
        elif word in english_words or word.rstrip("s") in english_words:
            english += 1
    return "cy" if welsh >= 1 and welsh > english else "en"
