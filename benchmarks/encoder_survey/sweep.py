"""Batch-size sweep (one core): answers/s for corpus answers and NHS long comments."""

import json
import sys
import time

sys.path.insert(0, "/tmp/enc")
import encoders
from embed import corpus, nhs

short = [r["text"] for r in corpus()]
longs = [t for t in nhs()["text"] if len(t.split()) >= 30]
enc = encoders.load(sys.argv[1], 1)
enc.encode(short[:16])
for b in (1, 4, 8, 16):
    encoders.BATCH = b
    t = time.perf_counter()
    enc.encode(short)
    s = len(short) / (time.perf_counter() - t)
    t = time.perf_counter()
    enc.encode(longs)
    l = len(longs) / (time.perf_counter() - t)
    print(
        json.dumps(
            {
                "encoder": sys.argv[1],
                "batch": b,
                "short_per_s": round(s, 1),
                "nhs_long_per_s": round(l, 1),
            }
        ),
        flush=True,
    )
