"""Worker-like peak RSS: fit TF-IDF + 15 LR heads on the corpus, load an encoder, embed + score 2,000 NHS comments."""

import json
import resource
import sys

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, "/tmp/enc")
import encoders
from embed import corpus, nhs
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

rows = corpus()
tx = [r["text"] for r in rows]
w = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(tx)
c = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(tx)
enc = encoders.load(sys.argv[1], 1)
E = enc.encode(tx)
X = sp.hstack([w.transform(tx), c.transform(tx), sp.csr_matrix(E)]).tocsr()
ys = [np.array([r["safeguarding"] for r in rows], int)] + [
    np.array([any(t["id"] == th for t in r["themes"]) for r in rows], int)
    for th in sorted({t["id"] for r in rows for t in r["themes"]})
]
ms = [LogisticRegression(C=10, class_weight="balanced", solver="liblinear").fit(X, y) for y in ys]
n = list(nhs()["text"].sample(2000, random_state=0))
Xn = sp.hstack([w.transform(n), c.transform(n), sp.csr_matrix(enc.encode(n))]).tocsr()
_ = [m.decision_function(Xn) for m in ms]
print(
    json.dumps(
        {
            "encoder": sys.argv[1],
            "batch": encoders.BATCH,
            "worker_max_rss_mb": round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
            ),
        }
    )
)
