"""Lexicon features as a 'dense block' for evaluate.py: VADER (4 numbers) and TextBlob (2).
Writes /tmp/enc/emb/{vader,tb,tbvader}_{corpus,nhs}.npy; then `evaluate.py combo vader`."""

import sys

import numpy as np

sys.path.insert(0, "/tmp/enc")
from embed import corpus, nhs
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

vader = SentimentIntensityAnalyzer()


def v(ts):
    return np.array(
        [[d["neg"], d["neu"], d["pos"], d["compound"]] for d in map(vader.polarity_scores, ts)],
        np.float32,
    )


def tb(ts):
    return np.array(
        [[(s := TextBlob(t).sentiment).polarity, s.subjectivity] for t in ts], np.float32
    )


for tag, texts in (("corpus", [r["text"] for r in corpus()]), ("nhs", list(nhs()["text"]))):
    a, b = v(texts), tb(texts)
    np.save(f"/tmp/enc/emb/vader_{tag}.npy", a)
    np.save(f"/tmp/enc/emb/tb_{tag}.npy", b)
    np.save(f"/tmp/enc/emb/tbvader_{tag}.npy", np.hstack([b, a]))
