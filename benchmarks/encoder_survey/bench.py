"""Speed / start-up / RSS of one encoder on ONE core.
usage: OMP_NUM_THREADS=1 taskset -c 0 python bench.py ENCODER [rss]
  prints JSON: load_s, short_per_s (corpus answers, batched by length),
  short_single_per_s (one text per call), nhs_all_per_s (2,000 random NHS comments),
  nhs_long_per_s (NHS comments with >= 30 words, capped at 128 tokens), max_rss_mb.
With 'rss' it only loads and embeds the 2,000 NHS comments (for a clean peak RSS).
"""

import json
import os
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, "/tmp/enc")
name = sys.argv[1]
only_rss = len(sys.argv) > 2 and sys.argv[2] == "rss"
import numpy as np
from embed import corpus, nhs

rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
texts_nhs = list(nhs()["text"])
rng = np.random.default_rng(0)
nhs2000 = [texts_nhs[i] for i in rng.choice(len(texts_nhs), 2000, replace=False)]
short = [r["text"] for r in corpus()]
longs = [t for t in texts_nhs if len(t.split()) >= 30]
t = time.perf_counter()
import encoders

enc = encoders.load(name, 1)
enc.encode(["warm up"])
load_s = time.perf_counter() - t
res = {"encoder": name, "load_s": round(load_s, 3), "rss_before_load_mb": round(rss0, 1)}


def rate(tx, reps=1):
    t = time.perf_counter()
    for _ in range(reps):
        enc.encode(tx)
    return round(reps * len(tx) / (time.perf_counter() - t), 1)


if only_rss:
    enc.encode(nhs2000)
else:
    enc.encode(short[:64])
    res["short_per_s"] = rate(short)
    res["short_single_per_s"] = round(
        200
        / sum(
            (lambda t0: (enc.encode([x]), time.perf_counter() - t0)[1])(time.perf_counter())
            for x in short[:200]
        ),
        1,
    )
    res["nhs_all_per_s"] = rate(nhs2000)
    res["nhs_long_n"] = len(longs)
    res["nhs_long_mean_words"] = round(float(np.mean([len(x.split()) for x in longs])), 1)
    res["nhs_long_per_s"] = rate(longs)
res["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(res))
