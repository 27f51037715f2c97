"""Words that carry a verdict in feedback about children's services, with weights. Pure data.

Written for this domain: "cancelled", "chased" and "judged" are strongly negative here, and
"safe" is positive only when nothing negates it. Weights are in [-1, 1].
"""

from __future__ import annotations

POSITIVE: dict[str, float] = {
    "brilliant": 1.0,
    "amazing": 1.0,
    "excellent": 1.0,
    "fantastic": 1.0,
    "wonderful": 1.0,
    "outstanding": 1.0,
    "great": 0.8,
    "best": 0.8,
    "perfect": 0.8,
    "lovely": 0.8,
    "kind": 0.8,
    "helpful": 0.8,
    "supportive": 0.8,
    "caring": 0.8,
    "grateful": 0.8,
    "appreciated": 0.7,
    "appreciate": 0.6,
    "happy": 0.7,
    "happier": 0.7,
    "love": 0.7,
    "loved": 0.7,
    "safer": 0.7,
    "good": 0.6,
    "nice": 0.6,
    "friendly": 0.6,
    "honest": 0.6,
    "thank": 0.6,
    "thanks": 0.6,
    "helped": 0.6,
    "listened": 0.6,
    "understanding": 0.6,
    "respectful": 0.6,
    "reliable": 0.6,
    "calmer": 0.6,
    "enjoyed": 0.6,
    "warm": 0.6,
    "patient": 0.5,
    "professional": 0.5,
    "better": 0.5,
    "safe": 0.5,
    "fun": 0.5,
    "positive": 0.5,
    "clear": 0.4,
    "quick": 0.4,
    "quickly": 0.4,
    "easy": 0.4,
    "well": 0.3,
    "help": 0.3,
    "glad": 0.6,
    "pleased": 0.6,
    "lifesaver": 1.0,
    "star": 0.6,
    "gem": 0.8,
    "approachable": 0.6,
    "trust": 0.5,
    "trusted": 0.6,
    "prompt": 0.4,
    "promptly": 0.4,
    "sorted": 0.4,
    "smashing": 0.8,
    # Welsh
    "gwych": 1.0,
    "wych": 1.0,
    "da": 0.6,
    "dda": 0.6,
    "hapus": 0.7,
    "caredig": 0.8,
    "garedig": 0.8,
    "diolch": 0.6,
    "gwell": 0.5,
    "helpu": 0.4,
    "onest": 0.6,
    "saff": 0.5,
    "diogel": 0.5,
    "ffantastig": 1.0,
    "grêt": 0.8,
}
NEGATIVE: dict[str, float] = {
    "awful": -1.0,
    "terrible": -1.0,
    "appalling": -1.0,
    "disgusting": -1.0,
    "useless": -0.9,
    "horrible": -0.9,
    "lied": -0.9,
    "unsafe": -0.9,
    "worse": -0.8,
    "rude": -0.8,
    "ignored": -0.8,
    "rubbish": -0.8,
    "unhelpful": -0.8,
    "hate": -0.8,
    "hated": -0.8,
    "failed": -0.8,
    "cancelled": -0.7,
    "judged": -0.7,
    "blamed": -0.7,
    "unhappy": -0.7,
    "unfair": -0.7,
    "stressful": -0.7,
    "disappointed": -0.7,
    "frustrating": -0.7,
    "frustrated": -0.7,
    "frightened": -0.7,
    "patronising": -0.7,
    "hurt": -0.7,
    "upset": -0.6,
    "sad": -0.6,
    "scared": -0.6,
    "afraid": -0.6,
    "angry": -0.6,
    "bad": -0.6,
    "poor": -0.6,
    "wrong": -0.6,
    "forgot": -0.6,
    "mistakes": -0.6,
    "shouting": -0.6,
    "crying": -0.6,
    "lonely": -0.6,
    "worried": -0.5,
    "boring": -0.5,
    "confusing": -0.5,
    "confused": -0.5,
    "slow": -0.5,
    "delay": -0.5,
    "delays": -0.5,
    "chase": -0.5,
    "chased": -0.5,
    "chasing": -0.5,
    "stress": -0.5,
    "struggled": -0.5,
    "struggling": -0.5,
    "cold": -0.5,
    "hits": -0.6,
    "hit": -0.5,
    "worry": -0.4,
    "late": -0.4,
    "waiting": -0.4,
    "difficult": -0.4,
    "alone": -0.4,
    "missed": -0.4,
    "dirty": -0.4,
    "unreliable": -0.7,
    "worries": -0.3,
    "problem": -0.3,
    "problems": -0.3,
    "hard": -0.3,
    "wait": -0.2,
    "long": -0.2,
    "complaint": -0.5,
    "complain": -0.4,
    "pointless": -0.8,
    "joke": -0.6,
    "shocking": -0.9,
    "nightmare": -0.9,
    "intimidating": -0.7,
    "threatened": -0.8,
    # Welsh
    "trist": -0.6,
    "ofn": -0.6,
    "poeni": -0.5,
    "gwael": -0.7,
    "drwg": -0.6,
    "ofnadwy": -0.9,
    "anhapus": -0.7,
    "siomedig": -0.7,
    "hir": -0.3,
    "diflas": -0.6,
}
WEIGHTS: dict[str, float] = {**POSITIVE, **NEGATIVE}

NEGATORS = frozenset(
    """
    not no never nobody nothing none hardly barely without neither nor lack lacked lacking
    noone cannot ain't ddim dim heb byth neb erioed nad
    """.split()
) | {"no one"}
# Before a topic: the person wants more of it, so they had too little.
LACK_MARKERS = frozenset(
    """
    more better quicker faster sooner earlier fewer less wish want wanted need needs needed
    should could please improve improved mwy llai gwell eisiau angen dymuniad
    """.split()
)
# After a topic, in the same clause: it went badly.
AFTER_NEGATIVE = frozenset(
    """
    too late rushed apart short boring long delayed again hir
    """.split()
)
CLAUSE_WORDS = frozenset(
    """
    but although though however except ond
    """.split()
)


def is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")
