"""Embed the corpus and the NHS comments with one encoder; cache to /tmp/enc/emb/."""

import json
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, "/tmp/enc")
import encoders

CORPUS = "/work/shared/data/feedback-corpus"
SETS = ["children-young-people", "parents-carers", "partner-agencies"]
NHS = "/work/shared/data/nhs-fft-pxtextmining/v6framework_230831.csv"


def corpus():
    rows = []
    for s in SETS:
        with open(f"{CORPUS}/{s}.jsonl") as f:
            rows += [json.loads(l) for l in f if l.strip()]
    return rows


def nhs():
    d = pd.read_csv(NHS)
    d["text"] = d["FFT answer"].fillna("").astype(str).str.strip()
    return d[d["text"] != ""].reset_index(drop=True)


if __name__ == "__main__":
    name = sys.argv[1]
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    os.makedirs("/tmp/enc/emb", exist_ok=True)
    enc = encoders.load(name, threads)
    for tag, texts in [("corpus", [r["text"] for r in corpus()]), ("nhs", list(nhs()["text"]))]:
        t = time.time()
        V = enc.encode(texts)
        np.save(f"/tmp/enc/emb/{name}_{tag}.npy", V)
        print(name, tag, V.shape, f"{time.time() - t:.1f}s", flush=True)
