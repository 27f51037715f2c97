"""The shipped base model, beside the rules: themes, sentiment and a safeguarding score learned
from labelled answers. Pure: strings in, numbers out; reading and writing its own file only.

Features are TF-IDF word (1-2) and character (2-5, within words) n-grams of the normalised
text; sentiment also sees the question's frame, as a frame token and as every word joined to
the frame ("change:nothing"), so "Nothing" to "what would you change?" can be praise while
"Nothing" to "what helped?" is not. Heads are logistic regressions: one per "theme:polarity"
label, one four-way sentiment head, one safeguarding head read as a probability.

A stored model is plain numbers (vocabularies, idf, coefficients, thresholds) in a numpy .npz
read with allow_pickle=False: data, never code. scikit-learn fits the heads; predicting only
rebuilds vectorizers from the stored vocabularies. A council's own model is one of these too,
trained by the same `select` and `train` on its labels and kept as `to_bytes()` in the
database (api/reviews/learning.py).

Every hyper-parameter that is chosen (each head's C, the theme threshold, the two
safeguarding thresholds) is chosen by cross-validation on the training data only: folds are
the training data's writer sets when it has more than one, so a choice is scored on a writer
it was not fitted to.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import scipy.sparse as sp

from analysis import encoder as encoders
from analysis import ngrams
from analysis.frames import frame_of
from analysis.labelled import Labelled
from analysis.normalise import normalise

# scikit-learn fits the heads and is imported where training needs it: analysing an answer
# never imports it (0.8 s of every start-up; analysis/ngrams.py cuts the terms instead).
if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

FORMAT = 1
DEFAULT_MODEL = Path(__file__).parent / "data" / "base_model.npz"
# The slow lane's model: the same heads, also reading the sentence embedding (decision 50).
ENCODED_MODEL = Path(__file__).parent / "data" / "encoded_model.npz"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
WORD_PATTERN = ngrams.WORD.pattern
SENTIMENTS = ("positive", "negative", "mixed", "neutral")
MIN_POSITIVES = 3  # a theme:polarity label needs this many training examples to be learned
C_GRID = (1.0, 8.0, 64.0, 256.0)
RULES_WEIGHTS = (0.0, 0.2, 0.35, 0.5, 0.65, 0.8)
THEME_THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.05, 0.80, 0.05))
ALERT_PRECISION = 0.90  # alert: the lowest threshold whose cross-validated precision reaches this
CONCERN_RECALL = 0.98  # concern: the highest threshold whose cross-validated recall reaches this
INNER_FOLDS = 5  # when the training data is one writer's set


@dataclass(frozen=True)
class Settings:
    """Hyper-parameters. The n-gram ranges, min_df and the feature caps are fixed (the caps by
    the size budget); the rest are chosen by `select`."""

    theme_c: float = 8.0
    theme_threshold: float = 0.5
    sentiment_c: float = 8.0
    safeguarding_c: float = 8.0
    alert: float = 0.8
    concern: float = 0.2
    # A child's words go to a person unless the score is below this: the lowest out-of-fold
    # score of any disclosure in training (recall 1.0 there), so "confident it is ordinary".
    ordinary: float = 0.05
    # Sentiment = (1 − w) × the model's probabilities + w × the rules' label (one-hot): the
    # rules know negation and the question's frame exactly; the model knows other wordings.
    sentiment_rules_weight: float = 0.0
    # Or, when it scored higher: a multinomial regression over the model's log-probabilities,
    # the rules' label and the rules' score (stack_features); rows per sentiment, intercept
    # last. It learns when the rules' negation beats the model's "shared" and "plan".
    sentiment_stack: tuple[tuple[float, ...], ...] | None = None
    min_df: int = 2
    max_word_features: int | None = None
    max_char_features: int | None = None
    # With a sentence encoder (analysis/encoder.py): its name, and every head also reads the
    # answer's embedding, standardised and scaled to a row norm of about one like each TF-IDF
    # block (decision 50). None: TF-IDF alone, the fast lane.
    encoder: str | None = None


@dataclass(frozen=True)
class Prediction:
    themes: tuple[tuple[str, str, float], ...]  # (theme, polarity, probability) over threshold
    sentiment: str
    sentiment_probabilities: dict[str, float]
    safeguarding: float  # probability in [0, 1]


class BaseModel:
    """Vocabularies, idf and head weights, with the settings they were trained with."""

    def __init__(self, arrays: dict[str, np.ndarray[Any, Any]], settings: Settings) -> None:
        self.arrays = arrays
        self.settings = settings

    # -- stored form ---------------------------------------------------------------------
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as target:
            self._write(target)

    def to_bytes(self) -> bytes:
        """The same .npz as `save` writes, as bytes (a council's model is kept in the
        database)."""
        buffer = io.BytesIO()
        self._write(buffer)
        return buffer.getvalue()

    def _write(self, target: Any) -> None:
        meta = json.dumps({"format": FORMAT, "settings": asdict(self.settings)}).encode()
        payload: dict[str, Any] = {"meta": np.frombuffer(meta, dtype=np.uint8), **self.arrays}
        np.savez_compressed(target, **payload)

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> BaseModel:
        """Read a stored model. Only numbers and bytes are read: object arrays (pickles) are
        refused by numpy itself."""
        return cls._read(path, str(path))

    @classmethod
    def from_bytes(cls, data: bytes) -> BaseModel:
        """A model from `to_bytes`' bytes; like `load`, it refuses pickles."""
        return cls._read(io.BytesIO(data), "stored model")

    @classmethod
    def _read(cls, source: Any, where: str) -> BaseModel:
        with np.load(source, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        meta = json.loads(arrays.pop("meta").tobytes().decode())
        if meta.get("format") != FORMAT:
            raise ValueError(f"{where}: base model format {meta.get('format')}, not {FORMAT}")
        return cls(arrays, Settings(**meta["settings"]))

    # -- reading the arrays ---------------------------------------------------------------
    @cached_property
    def theme_labels(self) -> tuple[str, ...]:
        return _terms(self.arrays["theme_labels"])

    def theme_ids(self) -> frozenset[str]:
        """The themes this model has learned (of either polarity, or of any)."""
        return frozenset(label.split(":")[0] for label in self.theme_labels)

    @cached_property
    def _vectorizers(self) -> tuple[FixedSpace, FixedSpace, FixedSpace]:
        built = []
        for name in ("word", "char", "framed"):
            terms = _terms(self.arrays[f"{name}_terms"])
            built.append(FixedSpace(ANALYZERS[name], terms, self.arrays[f"{name}_idf"]))
        return built[0], built[1], built[2]

    @cached_property
    def _weights(self) -> dict[str, np.ndarray[Any, Any]]:
        # features × labels, contiguous: a sparse row times this needs no copy per call
        return {
            k: np.ascontiguousarray(v.astype(np.float32).T)
            for k, v in self.arrays.items()
            if "coef" in k
        }

    @property
    def reads_embeddings(self) -> bool:
        return self.settings.encoder is not None

    def using(self, encoder: encoders.Encoder) -> BaseModel:
        """This model reading its embeddings from `encoder` (which must be the one it was
        trained with), not the process's shipped one."""
        if encoder.name != self.settings.encoder:
            raise ValueError(f"model trained with {self.settings.encoder}, not {encoder.name}")
        self._encoder = encoder
        return self

    @cached_property
    def _encoder(self) -> encoders.Encoder:
        found = encoders.shipped()
        if found is None or found.name != self.settings.encoder:
            raise RuntimeError(f"this model needs the sentence encoder {self.settings.encoder}")
        return found

    def features(
        self, texts: Sequence[str], questions: Sequence[str | None]
    ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        word, char, framed = self._vectorizers
        dense = None
        if self.reads_embeddings:
            dense = _standardised(
                self._encoder.embed(texts), self.arrays["dense_mean"], self.arrays["dense_scale"]
            )
        return _features(word, char, framed, texts, questions, dense=dense)

    def probabilities(
        self, texts: Sequence[str], questions: Sequence[str | None]
    ) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        """(theme label probabilities n×L, sentiment probabilities n×4, safeguarding n)."""
        plain, framed = self.features(texts, questions)
        w, a = self._weights, self.arrays
        themes = _sigmoid(plain @ w["theme_coef"] + a["theme_intercept"])
        sentiment = _softmax(framed @ w["sentiment_coef"] + a["sentiment_intercept"])
        risk = _sigmoid(plain @ w["safeguarding_coef"].ravel() + a["safeguarding_intercept"])
        return np.asarray(themes), np.asarray(sentiment), np.asarray(risk).ravel()

    def because(self, text: str, head: str, label: str | None = None, top: int = 3) -> list[str]:
        """The words and phrases of `text` that most raised one head's score (`theme` with a
        "theme:polarity" label, or `safeguarding`): the model's reason, in the text's words.
        Word n-grams only; character pieces mean nothing to a reader."""
        row = self._word_row(text)
        if head == "safeguarding":
            weights = self._weights["safeguarding_coef"].ravel()
        else:
            if label not in self.theme_labels:  # a polarity taken from the sentiment:
                label = f"{(label or '').split(':')[0]}:any"  # the bare id's head raised it
            weights = self._weights["theme_coef"][:, self.theme_labels.index(label)]
        columns, values = row.indices, row.data
        contributions = values * weights[columns]
        order = np.argsort(-contributions)
        terms = self._word_terms
        picked: list[str] = []
        for index in order:
            if contributions[index] <= 0 or len(picked) == top:
                break
            term = terms[columns[index]]
            if term in ngrams.english_stop_words():
                continue  # "to", "me": true contributors, but no reason to a reader
            if not any(term in chosen or chosen in term for chosen in picked):
                picked.append(term)
        return picked

    @lru_cache(maxsize=8)  # noqa: B019 - a model lives as long as the process
    def _word_row(self, text: str) -> sp.csr_matrix:
        """One answer's word features: `because` asks for them once per tag and once for
        safeguarding, for the same text."""
        return self._vectorizers[0].transform([_document(text)])

    @cached_property
    def _word_terms(self) -> tuple[str, ...]:
        return _terms(self.arrays["word_terms"])

    def predict(
        self, texts: Sequence[str], questions: Sequence[str | None] | None = None
    ) -> list[Prediction]:
        asked = list(questions) if questions is not None else [None] * len(texts)
        themes, sentiment, risk = self.probabilities(texts, asked)
        return [
            Prediction(
                themes=tuple(self._polar(themes[i], sentiment[i])),
                sentiment=SENTIMENTS[int(np.argmax(sentiment[i]))],
                sentiment_probabilities={
                    label: round(float(p), 3)
                    for label, p in zip(SENTIMENTS, sentiment[i], strict=True)
                },
                safeguarding=round(float(risk[i]), 4),
            )
            for i in range(len(texts))
        ]

    def _polar(
        self, row: np.ndarray[Any, Any], mood: np.ndarray[Any, Any]
    ) -> list[tuple[str, str, float]]:
        """The themes over the threshold, each with a polarity. A "theme:any" label (learned
        from a bare theme id: polarity not given) takes the likelier of that theme's polar
        labels over the threshold, else the answer's sentiment: negative when P(negative) >
        P(positive), otherwise positive."""
        threshold = self.settings.theme_threshold
        found = _themes_over(self.theme_labels, row, threshold)
        if all(polarity != "any" for _, polarity, _ in found):
            return found
        by_label = dict(zip(self.theme_labels, row, strict=True))
        resolved = []
        for theme, polarity, probability in found:
            if polarity == "any":
                polar = {
                    pol: by_label[f"{theme}:{pol}"]
                    for pol in ("positive", "negative")
                    if by_label.get(f"{theme}:{pol}", 0.0) >= threshold
                }
                if polar:
                    polarity = max(polar, key=polar.__getitem__)
                else:
                    polarity = "negative" if mood[1] > mood[0] else "positive"
            resolved.append((theme, polarity, probability))
        return resolved


def theme_ids(labels: Sequence[str], row: np.ndarray[Any, Any], threshold: float) -> set[str]:
    """The theme ids (either polarity) over the threshold in one row of label probabilities."""
    return {theme for theme, _, _ in _themes_over(labels, row, threshold)}


def _themes_over(
    labels: Sequence[str], row: np.ndarray[Any, Any], threshold: float
) -> list[tuple[str, str, float]]:
    """One polarity per theme (the likelier), for each theme over the threshold."""
    best: dict[str, tuple[str, float]] = {}
    for label, probability in zip(labels, row, strict=True):
        theme, polarity = label.split(":")
        if probability >= threshold and probability > best.get(theme, ("", -1.0))[1]:
            best[theme] = (polarity, float(probability))
    return [(theme, pol, round(p, 3)) for theme, (pol, p) in best.items()]


# -- features --------------------------------------------------------------------------------
class Transformer(Protocol):
    def transform(self, raw_documents: Iterable[str]) -> Any: ...


class FixedSpace:
    """A trained TF-IDF space (sublinear counts × idf, each row L2-normalised), as
    scikit-learn's TfidfVectorizer.transform computes it, without its per-call validation,
    which cost ~0.5 ms an answer per space (the worker analyses one answer at a time).
    tests/analysis/test_base_model.py checks the two agree."""

    def __init__(
        self, analyzer: Callable[[str], list[str]], terms: Sequence[str], idf: Any
    ) -> None:
        self.analyzer = analyzer
        self.index = {term: i for i, term in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.width = len(terms)

    def transform(self, raw_documents: Iterable[str]) -> sp.csr_matrix:
        indptr, indices, values = [0], [], []
        for document in raw_documents:
            counts: dict[int, int] = {}
            for term in self.analyzer(document):
                column = self.index.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            columns = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
            weights = (1.0 + np.log([counts[c] for c in columns])) * self.idf[columns]
            norm = float(np.sqrt(np.dot(weights, weights)))
            indices.append(columns)
            values.append(weights / norm if norm else weights)
            indptr.append(indptr[-1] + len(columns))
        return sp.csr_matrix(
            (
                np.concatenate(values) if values else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(indptr) - 1, self.width),
        )


def _document(text: str) -> str:
    return normalise(text.replace("\0", " ")).text


def _framed_document(document: str, question: str | None) -> str:
    # Marking the words a negator reaches ("not_helpful") was tried: no gain in the training
    # side's cross-validation (0.650 either way), so it is not here.
    frame = frame_of(question).value
    words = re.findall(WORD_PATTERN, document)
    return " ".join([f"frame={frame}", *(f"{frame}:{w}" for w in words)])


# What each TF-IDF space counts (training hands these to scikit-learn; FixedSpace uses them).
ANALYZERS: dict[str, Callable[[str], list[str]]] = {
    "word": partial(ngrams.words, low=WORD_NGRAMS[0], high=WORD_NGRAMS[1]),
    "char": partial(ngrams.characters_within_words, low=CHAR_NGRAMS[0], high=CHAR_NGRAMS[1]),
    "framed": ngrams.tokens,  # "frame=change", "change:nothing"
}


def _tfidf(
    analyzer: str, min_df: int, cap: int | None, vocabulary: dict[str, int] | None
) -> TfidfVectorizer:
    """The one TF-IDF every space uses (sublinear counts, the text already normalised,
    float32); `analyzer` names what it counts (ANALYZERS)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer=ANALYZERS[analyzer],
        min_df=min_df,
        max_features=cap,
        sublinear_tf=True,
        lowercase=False,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


def _word(min_df: int, cap: int | None, vocabulary: dict[str, int] | None) -> TfidfVectorizer:
    return _tfidf("word", min_df, cap, vocabulary)


def _char(min_df: int, cap: int | None, vocabulary: dict[str, int] | None) -> TfidfVectorizer:
    return _tfidf("char", min_df, cap, vocabulary)


def _framed(min_df: int, cap: int | None, vocabulary: dict[str, int] | None) -> TfidfVectorizer:
    del cap  # the frame-joined words are few: never capped
    return _tfidf("framed", min_df, None, vocabulary)


def _features(
    word: Transformer,
    char: Transformer,
    framed: Transformer,
    texts: Sequence[str],
    questions: Sequence[str | None],
    *,
    fit: bool = False,
    dense: np.ndarray[Any, Any] | None = None,
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(word ⊕ char [⊕ embedding] features, the same ⊕ framed-word features). `dense`: the
    answers' embeddings, already standardised (`_standardised`)."""
    documents = [_document(t) for t in texts]
    framed_documents = [_framed_document(d, q) for d, q in zip(documents, questions, strict=True)]
    if fit:
        from sklearn.feature_extraction.text import TfidfVectorizer

        fitting = [v for v in (word, char, framed) if isinstance(v, TfidfVectorizer)]
        if len(fitting) != 3:
            raise TypeError("only scikit-learn vectorizers can be fitted")
        blocks = [fitting[0].fit_transform(documents), fitting[1].fit_transform(documents)]
        frame_block = fitting[2].fit_transform(framed_documents)
    else:
        blocks = [word.transform(documents), char.transform(documents)]
        frame_block = framed.transform(framed_documents)
    if dense is not None:
        blocks.append(sp.csr_matrix(dense))
    # float64 once here, not a copy inside every fit
    plain = sp.hstack(blocks, format="csr", dtype=np.float64)
    return plain, sp.hstack([plain, frame_block], format="csr", dtype=np.float64)


def _standardised(
    vectors: np.ndarray[Any, Any], mean: np.ndarray[Any, Any], scale: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Each dimension to mean 0 and variance 1 over the training answers, then the row scaled
    by 1/sqrt(dimensions): a row norm of about one, the size of each TF-IDF block's."""
    z = (np.asarray(vectors, dtype=np.float64) - mean) / scale
    return np.asarray(z / np.sqrt(vectors.shape[1]))


def _dense_statistics(
    vectors: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    mean = vectors.mean(axis=0)
    scale = vectors.std(axis=0)
    return mean.astype(np.float32), np.where(scale > 1e-6, scale, 1.0).astype(np.float32)


def _sigmoid(x: Any) -> np.ndarray[Any, Any]:
    return np.asarray(1 / (1 + np.exp(-np.clip(np.asarray(x, dtype=np.float64), -50, 50))))


def _softmax(x: Any) -> np.ndarray[Any, Any]:
    z = np.asarray(x, dtype=np.float64)
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(z / z.sum(axis=1, keepdims=True))


def _packed(terms: Sequence[str]) -> np.ndarray[Any, Any]:
    """Strings as one byte array, NUL between them: no object arrays, nothing to unpickle."""
    return np.frombuffer("\0".join(terms).encode("utf-8"), dtype=np.uint8).copy()


def _terms(packed: np.ndarray[Any, Any]) -> tuple[str, ...]:
    text = packed.tobytes().decode("utf-8")
    return tuple(text.split("\0")) if text else ()


# -- training --------------------------------------------------------------------------------
def labels_of(item: Labelled) -> set[str]:
    """Each theme's polar label and its "theme:any" label: a head that learns the theme
    whatever its polarity has the examples of both polar heads, and finds the theme more
    often (leave-one-set-out +0.02, docs/analysis.md); the polar heads, or the sentiment,
    then say which way it went (BaseModel._polar)."""
    polar = {f"{theme}:{polarity}" for theme, polarity in item.themes}
    return polar | {f"{theme}:any" for theme, _ in item.themes}


@dataclass
class _Fitted:
    word: TfidfVectorizer
    char: TfidfVectorizer
    framed: TfidfVectorizer
    labels: list[str]
    plain: sp.csr_matrix
    framed_x: sp.csr_matrix
    dense_mean: np.ndarray[Any, Any] | None = None
    dense_scale: np.ndarray[Any, Any] | None = None

    def dense(self, vectors: np.ndarray[Any, Any] | None) -> np.ndarray[Any, Any] | None:
        """Other answers' embeddings in this space's standardisation (None without one)."""
        if vectors is None or self.dense_mean is None or self.dense_scale is None:
            return None
        return _standardised(vectors, self.dense_mean, self.dense_scale)


def _fit_space(
    items: Sequence[Labelled],
    settings: Settings,
    vectors: np.ndarray[Any, Any] | None = None,
) -> _Fitted:
    """The TF-IDF spaces fitted on `items`, and the embeddings' standardisation when
    `vectors` (their embeddings, a row per item) are given."""
    word = _word(settings.min_df, settings.max_word_features, None)
    char = _char(settings.min_df, settings.max_char_features, None)
    framed = _framed(settings.min_df, None, None)
    mean = scale = dense = None
    if vectors is not None:
        mean, scale = _dense_statistics(vectors)
        dense = _standardised(vectors, mean, scale)
    plain, framed_x = _features(
        word,
        char,
        framed,
        [i.text for i in items],
        [i.question for i in items],
        fit=True,
        dense=dense,
    )
    counts: dict[str, int] = {}
    for item in items:
        for label in labels_of(item):
            counts[label] = counts.get(label, 0) + 1
    labels = sorted(label for label, n in counts.items() if n >= MIN_POSITIVES)
    return _Fitted(word, char, framed, labels, plain, framed_x, mean, scale)


def _binary(c: float) -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000)


def _multiclass(c: float) -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=2000)


def _fit_theme_heads(
    x: sp.csr_matrix, items: Sequence[Labelled], labels: Sequence[str], c: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    coef = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(labels), dtype=np.float32)
    item_labels = [labels_of(i) for i in items]
    for row, label in enumerate(labels):
        target = np.array([label in these for these in item_labels])
        head = _binary(c).fit(x, target)
        coef[row], intercept[row] = head.coef_.ravel(), head.intercept_[0]
    return coef, intercept


def _fit_sentiment(
    x: sp.csr_matrix, items: Sequence[Labelled], c: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    target = np.array([SENTIMENTS.index(i.sentiment or "neutral") for i in items])
    head = _multiclass(c).fit(x, target)
    coef = np.zeros((len(SENTIMENTS), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(SENTIMENTS), -30.0, dtype=np.float32)  # a class never seen
    if len(head.classes_) == 2:  # binary: sklearn keeps one row, for the second class
        coef[head.classes_[1]], intercept[head.classes_[1]] = head.coef_[0], head.intercept_[0]
        intercept[head.classes_[0]] = 0.0
        coef[head.classes_[0]] = 0.0
    else:
        for row, cls in enumerate(head.classes_):
            coef[cls], intercept[cls] = head.coef_[row], head.intercept_[row]
    return coef, intercept


def _fit_safeguarding(
    x: sp.csr_matrix, items: Sequence[Labelled], c: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    # Nothing to learn (a council's file has no safeguarding labels): zero weights, a score of
    # ~0, and `thresholds` gives 1.0 for both tiers. The rules still flag disclosures.
    # Answers whose safeguarding is not labelled (None) teach the other heads only.
    rows = safeguarding_labelled(items)
    target = np.array([bool(items[r].safeguarding) for r in rows], dtype=bool)
    if target.all() or not target.any():
        return np.zeros((1, x.shape[1]), dtype=np.float32), np.array([-30.0], np.float32)
    head = _binary(c).fit(x[rows], target)
    return head.coef_.astype(np.float32), head.intercept_.astype(np.float32)


def safeguarding_labelled(items: Sequence[Labelled]) -> np.ndarray[Any, Any]:
    """The rows whose safeguarding someone labelled (not None)."""
    return np.array([n for n, i in enumerate(items) if i.safeguarding is not None], dtype=int)


def embeddings(
    items: Sequence[Labelled], encoder: encoders.Encoder | None
) -> np.ndarray[Any, Any] | None:
    """The items' embeddings by `encoder` (a row each), or None without one."""
    return None if encoder is None else encoder.embed([i.text for i in items])


def train(
    items: Sequence[Labelled], settings: Settings, encoder: encoders.Encoder | None = None
) -> BaseModel:
    """Fit every head on all of `items` with the given settings (see `select`); with an
    encoder, every head reads the answers' embeddings too (settings.encoder names it)."""
    if not items:
        raise ValueError("nothing to train on")
    if (encoder.name if encoder else None) != settings.encoder:
        raise ValueError(f"settings name encoder {settings.encoder}, given {encoder}")
    fitted = _fit_space(items, settings, embeddings(items, encoder))
    theme_coef, theme_intercept = _fit_theme_heads(
        fitted.plain, items, fitted.labels, settings.theme_c
    )
    sentiment_coef, sentiment_intercept = _fit_sentiment(
        fitted.framed_x, items, settings.sentiment_c
    )
    risk_coef, risk_intercept = _fit_safeguarding(fitted.plain, items, settings.safeguarding_c)
    arrays: dict[str, np.ndarray[Any, Any]] = {}
    for name, vectorizer in (
        ("word", fitted.word),
        ("char", fitted.char),
        ("framed", fitted.framed),
    ):
        vocabulary = vectorizer.vocabulary_
        arrays[f"{name}_terms"] = _packed(sorted(vocabulary, key=vocabulary.__getitem__))
        arrays[f"{name}_idf"] = vectorizer.idf_.astype(np.float32)
    arrays |= {
        "theme_labels": _packed(fitted.labels),
        "theme_coef": theme_coef,
        "theme_intercept": theme_intercept,
        "sentiment_coef": sentiment_coef,
        "sentiment_intercept": sentiment_intercept,
        "safeguarding_coef": risk_coef,
        "safeguarding_intercept": risk_intercept,
    }
    if fitted.dense_mean is not None and fitted.dense_scale is not None:
        arrays |= {"dense_mean": fitted.dense_mean, "dense_scale": fitted.dense_scale}
    model = BaseModel(arrays, settings)
    return model.using(encoder) if encoder is not None else model


# -- choosing hyper-parameters on the training data ------------------------------------------
def folds_of(items: Sequence[Labelled]) -> list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]:
    """Inner folds: one per writer set when there are several, else 5-fold stratified by
    safeguarding (plain shuffled 5-fold when no item is a disclosure)."""
    from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

    sets = [i.set or "" for i in items]
    if len(set(sets)) > 1:
        return list(GroupKFold(n_splits=len(set(sets))).split(items, groups=sets))
    target = [bool(i.safeguarding) for i in items]
    if not any(target):  # no disclosures to stratify by (a council's own labels): plain folds
        return list(KFold(min(INNER_FOLDS, len(items)), shuffle=True, random_state=0).split(items))
    splits = min(INNER_FOLDS, max(2, min(sum(target), len(target) - sum(target))))
    return list(StratifiedKFold(splits, shuffle=True, random_state=0).split(items, target))


def select(
    items: Sequence[Labelled],
    base: Settings = Settings(),
    rules_found: Sequence[set[str]] | None = None,
    rules_sentiment: Sequence[tuple[str, float]] | None = None,
    encoder: encoders.Encoder | None = None,
    alongside: Sequence[bool] | None = None,
) -> tuple[Settings, dict[str, Any]]:
    """Choose C for each head, the theme threshold and the safeguarding thresholds from
    out-of-fold predictions on `items` alone. Returns the settings and what was measured.

    `rules_found`: the theme ids the rules find in each item. The model's themes are added to
    the rules' (analysis/pipeline.py), so the theme threshold is chosen for the union: alone,
    the model's best threshold is recall-hungry and doubles what the rules already found.
    `rules_sentiment`: the rules' sentiment (label, score) for each item, to choose how the
    final sentiment combines theirs with the model's: a fixed mix (`sentiment_rules_weight`)
    or a small stacked regression over both (`sentiment_stack`), whichever the writer-set
    folds score higher. `encoder`: every head reads the answers' embeddings too.
    `alongside`: what already raises an alert for each item (the rules and the fast lane,
    out of fold: `out_of_fold_alerts`), so that this model's alert threshold is chosen for
    the precision of their union, not of this model alone (the slow lane's, decision 50)."""
    n = len(items)
    fold_list = folds_of(items)
    vectors = embeddings(items, encoder)
    base = replace(base, encoder=encoder.name if encoder is not None else None)
    # Per C, per fold: the fold's labels and its held-out label probabilities.
    theme_probs: dict[float, list[tuple[list[str], np.ndarray[Any, Any]]]] = {c: [] for c in C_GRID}
    sentiment_oof = {c: np.zeros((n, len(SENTIMENTS))) for c in C_GRID}
    risk_oof = {c: np.zeros(n) for c in C_GRID}
    for train_index, test_index in fold_list:
        fold = [items[i] for i in train_index]
        held = [items[i] for i in test_index]
        space = _fit_space(fold, base, None if vectors is None else vectors[train_index])
        plain, framed_x = _features(
            space.word,
            space.char,
            space.framed,
            [i.text for i in held],
            [i.question for i in held],
            dense=space.dense(None if vectors is None else vectors[test_index]),
        )
        for c in C_GRID:
            coef, intercept = _fit_theme_heads(space.plain, fold, space.labels, c)
            theme_probs[c].append((space.labels, _sigmoid(plain @ coef.T + intercept)))
            s_coef, s_int = _fit_sentiment(space.framed_x, fold, c)
            sentiment_oof[c][test_index] = _softmax(framed_x @ s_coef.T + s_int)
            r_coef, r_int = _fit_safeguarding(space.plain, fold, c)
            risk_oof[c][test_index] = _sigmoid(plain @ r_coef.ravel() + r_int).ravel()
    # Themes: the C and threshold with the best out-of-fold macro-F1.
    gold = [{t for t, _ in i.themes} for i in items]
    best_theme = (-1.0, base.theme_c, base.theme_threshold)
    for c in C_GRID:
        for threshold in THEME_THRESHOLDS:
            predicted: list[set[str]] = [set() for _ in range(n)]
            for (_, test_index), (labels, probabilities) in zip(
                fold_list, theme_probs[c], strict=True
            ):
                for row, index in enumerate(test_index):
                    predicted[int(index)] = theme_ids(labels, probabilities[row], threshold)
            if rules_found is not None:
                predicted = [p | r for p, r in zip(predicted, rules_found, strict=True)]
            score = macro_f1(gold, predicted)
            if score > best_theme[0]:
                best_theme = (score, c, threshold)
    truth = np.array([SENTIMENTS.index(i.sentiment or "neutral") for i in items])
    accuracy = {c: float((sentiment_oof[c].argmax(axis=1) == truth).mean()) for c in C_GRID}
    sentiment_c = max(C_GRID, key=lambda c: accuracy[c])
    mixed_accuracy = {0.0: accuracy[sentiment_c]}
    stack: tuple[tuple[float, ...], ...] | None = None
    stack_accuracy = None
    if rules_sentiment is not None:
        ruled = rules_onehot([label for label, _ in rules_sentiment])
        for weight in RULES_WEIGHTS[1:]:
            mixed = mix_sentiment(sentiment_oof[sentiment_c], ruled, weight)
            mixed_accuracy[weight] = float((mixed.argmax(axis=1) == truth).mean())
        stacked = stack_features(sentiment_oof[sentiment_c], rules_sentiment)
        # The stacker is scored on the same writer-set folds, out of fold.
        stack_oof = np.zeros(n, dtype=int)
        for train_index, test_index in fold_list:
            stacker = _stacker().fit(stacked[train_index], truth[train_index])
            stack_oof[test_index] = stacker.predict(stacked[test_index])
        stack_accuracy = float((stack_oof == truth).mean())
        if stack_accuracy > max(mixed_accuracy.values()):
            stack = _stack_weights(_stacker().fit(stacked, truth))
    rules_weight = max(mixed_accuracy, key=lambda w: (mixed_accuracy[w], -w))
    from sklearn.metrics import average_precision_score

    labelled = safeguarding_labelled(items)  # thresholds from labelled answers only
    risk_truth = np.array([bool(items[r].safeguarding) for r in labelled], dtype=bool)
    precision_at = {
        c: float(average_precision_score(risk_truth, risk_oof[c][labelled]))
        if risk_truth.any()
        else 0.0
        for c in C_GRID
    }
    safeguarding_c = max(C_GRID, key=lambda c: precision_at[c])
    already = None if alongside is None else np.asarray(alongside, dtype=bool)[labelled]
    alert, concern, ordinary = thresholds(
        risk_truth, risk_oof[safeguarding_c][labelled], alongside=already
    )
    chosen = replace(
        base,
        theme_c=best_theme[1],
        theme_threshold=best_theme[2],
        sentiment_c=sentiment_c,
        sentiment_rules_weight=rules_weight,
        sentiment_stack=stack,
        safeguarding_c=safeguarding_c,
        alert=alert,
        concern=concern,
        ordinary=ordinary,
    )
    measured = {
        "inner_folds": len(fold_list),
        "theme_macro_f1": round(best_theme[0], 4),
        "theme_threshold_chosen_for": "rules ∪ model" if rules_found is not None else "model",
        "sentiment_accuracy": {str(c): round(a, 4) for c, a in accuracy.items()},
        "sentiment_accuracy_by_rules_weight": {
            str(w): round(a, 4) for w, a in mixed_accuracy.items()
        },
        "sentiment_accuracy_stacked": round(stack_accuracy, 4) if stack_accuracy else None,
        "safeguarding_average_precision": {str(c): round(p, 4) for c, p in precision_at.items()},
    }
    return chosen, measured


def stack_features(
    model: np.ndarray[Any, Any], rules: Sequence[tuple[str, float]]
) -> np.ndarray[Any, Any]:
    """The stacker's inputs per answer: the model's four log-probabilities, the rules' label
    (one-hot) and the rules' score."""
    logs = np.log(np.clip(model, 1e-6, 1.0))
    onehot = rules_onehot([label for label, _ in rules])
    scores = np.array([[score] for _, score in rules], dtype=np.float64)
    return np.hstack([logs, onehot, scores])


def _stacker() -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=2000)


def _stack_weights(stacker: LogisticRegression) -> tuple[tuple[float, ...], ...]:
    """Rows per sentiment (a class the training never saw gets a row that never wins)."""
    width = stacker.coef_.shape[1]
    rows = [(0.0,) * width + (-30.0,)] * len(SENTIMENTS)
    if len(stacker.classes_) == 2:  # binary: one row, for the second class
        second = int(stacker.classes_[1])
        rows[int(stacker.classes_[0])] = (0.0,) * width + (0.0,)
        rows[second] = (*map(float, stacker.coef_[0]), float(stacker.intercept_[0]))
    else:
        for row, cls in enumerate(stacker.classes_):
            rows[int(cls)] = (*map(float, stacker.coef_[row]), float(stacker.intercept_[row]))
    return tuple(rows)


def with_rules_sentiment(
    settings: Settings, model: np.ndarray[Any, Any], rules: Sequence[tuple[str, float]]
) -> np.ndarray[Any, Any]:
    """The final sentiment probabilities (n×4): the model's combined with the rules' as
    training chose (a stacked regression, or a fixed mix)."""
    if settings.sentiment_stack is not None:
        weights = np.asarray(settings.sentiment_stack)
        return _softmax(stack_features(model, rules) @ weights[:, :-1].T + weights[:, -1])
    ruled = rules_onehot([label for label, _ in rules])
    return mix_sentiment(model, ruled, settings.sentiment_rules_weight)


def rules_onehot(labels: Sequence[str]) -> np.ndarray[Any, Any]:
    """The rules' sentiment labels as rows of probabilities (1 for their label)."""
    rows = np.zeros((len(labels), len(SENTIMENTS)))
    for row, label in enumerate(labels):
        rows[row, SENTIMENTS.index(label)] = 1.0
    return rows


def mix_sentiment(
    model: np.ndarray[Any, Any], rules: np.ndarray[Any, Any], weight: float
) -> np.ndarray[Any, Any]:
    return np.asarray((1 - weight) * model + weight * rules)


def thresholds(
    truth: np.ndarray[Any, Any],
    scores: np.ndarray[Any, Any],
    alongside: np.ndarray[Any, Any] | None = None,
) -> tuple[float, float, float]:
    """(alert, concern, ordinary) from out-of-fold scores: alert is the lowest threshold whose
    precision reaches ALERT_PRECISION (else the one with the best F1) — the precision of this
    model's alerts together with `alongside`'s when given; concern is the highest threshold
    whose recall reaches CONCERN_RECALL; ordinary the lowest disclosure's score."""
    if not truth.any():
        return 1.0, 1.0, 1.0
    already = np.zeros(len(scores), dtype=bool) if alongside is None else alongside
    # Beside alerts already raised, this model's may add only as precisely as those were: the
    # union must keep ALERT_PRECISION, or the precision they had alone when that was lower.
    goal = ALERT_PRECISION
    if already.any():
        goal = min(goal, int((already & truth).sum()) / int(already.sum()))
    candidates = np.unique(scores)
    alert, best_f1, best_f1_at = None, -1.0, 1.0
    for t in candidates:
        flagged = (scores >= t) | already
        tp = int((flagged & truth).sum())
        precision = tp / int(flagged.sum())
        recall = tp / int(truth.sum())
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        if f1 > best_f1:
            best_f1, best_f1_at = f1, float(t)
        if alert is None and precision >= goal:
            alert = float(t)
    positives = np.sort(scores[truth])
    missed = int(np.floor((1 - CONCERN_RECALL) * len(positives)))
    concern = float(positives[missed])
    alert_value = alert if alert is not None else best_f1_at
    concern_value = min(concern, alert_value)
    ordinary = min(float(positives[0]), concern_value)
    return _down(alert_value), _down(concern_value), _down(ordinary)


def out_of_fold_alerts(
    items: Sequence[Labelled], settings: Settings, rules: Sequence[bool]
) -> np.ndarray[Any, Any]:
    """For each item, whether the rules or a model trained with `settings` (TF-IDF alone) on
    the other folds of `folds_of(items)` would raise an alert: what the fast lane does for
    answers it was not trained on, for choosing the slow lane's alert threshold."""
    scores = np.zeros(len(items))
    for train_index, test_index in folds_of(items):
        fold = [items[i] for i in train_index]
        held = [items[i] for i in test_index]
        space = _fit_space(fold, settings)
        plain, _ = _features(
            space.word, space.char, space.framed, [i.text for i in held], [i.question for i in held]
        )
        coef, intercept = _fit_safeguarding(space.plain, fold, settings.safeguarding_c)
        scores[test_index] = _sigmoid(plain @ coef.ravel() + intercept).ravel()
    return np.asarray(rules, dtype=bool) | (scores >= settings.alert)


def _down(threshold: float) -> float:
    """Four places, rounded down: the score that set a threshold is still at or over it."""
    return float(np.floor(threshold * 1e4) / 1e4)


def macro_f1(gold: Sequence[set[str]], predicted: Sequence[set[str]]) -> float:
    """Mean F1 over the themes that occur in `gold` (as analysis.evaluation counts it)."""
    present = sorted(set().union(*gold)) if gold else []
    f1s = []
    for theme in present:
        tp = sum(theme in g and theme in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(theme not in g and theme in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(theme in g and theme not in p for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0
