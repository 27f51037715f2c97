"""The shipped base model, beside the rules: themes, sentiment and a safeguarding score learned
from labelled answers. Pure: strings in, numbers out; reading and writing its own file only.

Features are TF-IDF word (1-2) and character (2-5, within words) n-grams of the normalised
text; sentiment also sees the question's frame, as a frame token and as every word joined to
the frame ("change:nothing"), so "Nothing" to "what would you change?" can be praise while
"Nothing" to "what helped?" is not. Heads are logistic regressions: one per "theme:polarity"
label, one four-way sentiment head, one safeguarding head read as a probability.

A stored model is plain numbers (vocabularies, idf, coefficients, thresholds) in a numpy .npz
read with allow_pickle=False: data, never code. scikit-learn fits the heads; predicting only
rebuilds vectorizers from the stored vocabularies, as the council's model does
(analysis/learned.py).

Every hyper-parameter that is chosen (each head's C, the theme threshold, the two
safeguarding thresholds) is chosen by cross-validation on the training data only: folds are
the training data's writer sets when it has more than one, so a choice is scored on a writer
it was not fitted to.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

from analysis.evaluation import Labelled
from analysis.frames import frame_of
from analysis.normalise import normalise

FORMAT = 1
DEFAULT_MODEL = Path(__file__).parent / "data" / "base_model.npz"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
WORD_PATTERN = r"(?u)\b\w+\b"
SENTIMENTS = ("positive", "negative", "mixed", "neutral")
MIN_POSITIVES = 3  # a theme:polarity label needs this many training examples to be learned
C_GRID = (1.0, 8.0, 64.0, 256.0)
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
    min_df: int = 2
    max_word_features: int | None = None
    max_char_features: int | None = None


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

    @cached_property
    def _vectorizers(self) -> tuple[TfidfVectorizer, TfidfVectorizer, TfidfVectorizer]:
        built = []
        for name, make in (("word", _word), ("char", _char), ("framed", _framed)):
            terms = _terms(self.arrays[f"{name}_terms"])
            vectorizer = make(1, None, {term: i for i, term in enumerate(terms)})
            vectorizer.idf_ = self.arrays[f"{name}_idf"].astype(np.float64)
            built.append(vectorizer)
        return built[0], built[1], built[2]

    @cached_property
    def _weights(self) -> dict[str, np.ndarray[Any, Any]]:
        # features × labels, contiguous: a sparse row times this needs no copy per call
        return {
            k: np.ascontiguousarray(v.astype(np.float32).T)
            for k, v in self.arrays.items()
            if "coef" in k
        }

    def features(
        self, texts: Sequence[str], questions: Sequence[str | None]
    ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        word, char, framed = self._vectorizers
        return _features(word, char, framed, texts, questions)

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
def _document(text: str) -> str:
    return normalise(text.replace("\0", " ")).text


def _framed_document(document: str, question: str | None) -> str:
    frame = frame_of(question).value
    words = re.findall(WORD_PATTERN, document)
    return " ".join([f"frame={frame}", *(f"{frame}:{w}" for w in words)])


def _tfidf(min_df: int, vocabulary: dict[str, int] | None, **shape: Any) -> TfidfVectorizer:
    """The one TF-IDF every space uses (sublinear counts, the text already normalised,
    float32); `shape` says what it counts."""
    return TfidfVectorizer(
        min_df=min_df,
        sublinear_tf=True,
        lowercase=False,
        vocabulary=vocabulary,
        dtype=np.float32,
        **shape,
    )


def _word(min_df: int, cap: int | None, vocabulary: dict[str, int] | None) -> TfidfVectorizer:
    return _tfidf(
        min_df, vocabulary, ngram_range=WORD_NGRAMS, token_pattern=WORD_PATTERN, max_features=cap
    )


def _char(min_df: int, cap: int | None, vocabulary: dict[str, int] | None) -> TfidfVectorizer:
    return _tfidf(min_df, vocabulary, analyzer="char_wb", ngram_range=CHAR_NGRAMS, max_features=cap)


def _framed(min_df: int, cap: int | None, vocabulary: dict[str, int] | None) -> TfidfVectorizer:
    del cap  # the frame-joined words are few: never capped
    return _tfidf(min_df, vocabulary, token_pattern=r"\S+")  # noqa: S106 (a regex, not a password)


def _features(
    word: TfidfVectorizer,
    char: TfidfVectorizer,
    framed: TfidfVectorizer,
    texts: Sequence[str],
    questions: Sequence[str | None],
    *,
    fit: bool = False,
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(word ⊕ char features, word ⊕ char ⊕ framed-word features)."""
    documents = [_document(t) for t in texts]
    framed_documents = [_framed_document(d, q) for d, q in zip(documents, questions, strict=True)]
    if fit:
        blocks = [v.fit_transform(d) for v, d in ((word, documents), (char, documents))]
        frame_block = framed.fit_transform(framed_documents)
    else:
        blocks = [word.transform(documents), char.transform(documents)]
        frame_block = framed.transform(framed_documents)
    # float64 once here, not a copy inside every fit
    plain = sp.hstack(blocks, format="csr", dtype=np.float64)
    return plain, sp.hstack([plain, frame_block], format="csr", dtype=np.float64)


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
    return {f"{theme}:{polarity}" for theme, polarity in item.themes}


@dataclass
class _Fitted:
    word: TfidfVectorizer
    char: TfidfVectorizer
    framed: TfidfVectorizer
    labels: list[str]
    plain: sp.csr_matrix
    framed_x: sp.csr_matrix


def _fit_space(items: Sequence[Labelled], settings: Settings) -> _Fitted:
    word = _word(settings.min_df, settings.max_word_features, None)
    char = _char(settings.min_df, settings.max_char_features, None)
    framed = _framed(settings.min_df, None, None)
    plain, framed_x = _features(
        word, char, framed, [i.text for i in items], [i.question for i in items], fit=True
    )
    counts: dict[str, int] = {}
    for item in items:
        for label in labels_of(item):
            counts[label] = counts.get(label, 0) + 1
    labels = sorted(label for label, n in counts.items() if n >= MIN_POSITIVES)
    return _Fitted(word, char, framed, labels, plain, framed_x)


def _binary(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000)


def _multiclass(c: float) -> LogisticRegression:
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
    target = np.array([bool(i.safeguarding) for i in items])
    if target.all() or not target.any():
        return np.zeros((1, x.shape[1]), dtype=np.float32), np.array([-30.0], np.float32)
    head = _binary(c).fit(x, target)
    return head.coef_.astype(np.float32), head.intercept_.astype(np.float32)


def train(items: Sequence[Labelled], settings: Settings) -> BaseModel:
    """Fit every head on all of `items` with the given settings (see `select`)."""
    if not items:
        raise ValueError("nothing to train on")
    fitted = _fit_space(items, settings)
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
    return BaseModel(arrays, settings)


# -- choosing hyper-parameters on the training data ------------------------------------------
def folds_of(items: Sequence[Labelled]) -> list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]:
    """Inner folds: one per writer set when there are several, else 5-fold stratified by
    safeguarding (plain shuffled 5-fold when no item is a disclosure)."""
    sets = [i.set or "" for i in items]
    if len(set(sets)) > 1:
        return list(GroupKFold(n_splits=len(set(sets))).split(items, groups=sets))
    target = [bool(i.safeguarding) for i in items]
    if not any(target):  # no disclosures to stratify by (a council's own labels): plain folds
        return list(KFold(min(INNER_FOLDS, len(items)), shuffle=True, random_state=0).split(items))
    splits = min(INNER_FOLDS, max(2, min(sum(target), len(target) - sum(target))))
    return list(StratifiedKFold(splits, shuffle=True, random_state=0).split(items, target))


def select(
    items: Sequence[Labelled], base: Settings = Settings()
) -> tuple[Settings, dict[str, Any]]:
    """Choose C for each head, the theme threshold and the two safeguarding thresholds from
    out-of-fold predictions on `items` alone. Returns the settings and what was measured."""
    n = len(items)
    fold_list = folds_of(items)
    # Per C, per fold: the fold's labels and its held-out label probabilities.
    theme_probs: dict[float, list[tuple[list[str], np.ndarray[Any, Any]]]] = {c: [] for c in C_GRID}
    sentiment_oof = {c: np.zeros((n, len(SENTIMENTS))) for c in C_GRID}
    risk_oof = {c: np.zeros(n) for c in C_GRID}
    for train_index, test_index in fold_list:
        fold = [items[i] for i in train_index]
        held = [items[i] for i in test_index]
        space = _fit_space(fold, base)
        plain, framed_x = _features(
            space.word,
            space.char,
            space.framed,
            [i.text for i in held],
            [i.question for i in held],
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
            score = macro_f1(gold, predicted)
            if score > best_theme[0]:
                best_theme = (score, c, threshold)
    truth = np.array([SENTIMENTS.index(i.sentiment or "neutral") for i in items])
    accuracy = {c: float((sentiment_oof[c].argmax(axis=1) == truth).mean()) for c in C_GRID}
    sentiment_c = max(C_GRID, key=lambda c: accuracy[c])
    risk_truth = np.array([bool(i.safeguarding) for i in items])
    precision_at = {
        c: float(average_precision_score(risk_truth, risk_oof[c])) if risk_truth.any() else 0.0
        for c in C_GRID
    }
    safeguarding_c = max(C_GRID, key=lambda c: precision_at[c])
    alert, concern = thresholds(risk_truth, risk_oof[safeguarding_c])
    chosen = replace(
        base,
        theme_c=best_theme[1],
        theme_threshold=best_theme[2],
        sentiment_c=sentiment_c,
        safeguarding_c=safeguarding_c,
        alert=alert,
        concern=concern,
    )
    measured = {
        "inner_folds": len(fold_list),
        "theme_macro_f1": round(best_theme[0], 4),
        "sentiment_accuracy": {str(c): round(a, 4) for c, a in accuracy.items()},
        "safeguarding_average_precision": {str(c): round(p, 4) for c, p in precision_at.items()},
    }
    return chosen, measured


def thresholds(truth: np.ndarray[Any, Any], scores: np.ndarray[Any, Any]) -> tuple[float, float]:
    """(alert, concern) from out-of-fold scores: alert is the lowest threshold whose precision
    reaches ALERT_PRECISION (else the one with the best F1); concern is the highest threshold
    whose recall reaches CONCERN_RECALL."""
    if not truth.any():
        return 1.0, 1.0
    candidates = np.unique(scores)
    alert, best_f1, best_f1_at = None, -1.0, 1.0
    for t in candidates:
        flagged = scores >= t
        tp = int((flagged & truth).sum())
        precision = tp / int(flagged.sum())
        recall = tp / int(truth.sum())
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        if f1 > best_f1:
            best_f1, best_f1_at = f1, float(t)
        if alert is None and precision >= ALERT_PRECISION:
            alert = float(t)
    positives = np.sort(scores[truth])
    missed = int(np.floor((1 - CONCERN_RECALL) * len(positives)))
    concern = float(positives[missed])
    alert_value = alert if alert is not None else best_f1_at
    return round(alert_value, 4), round(min(concern, alert_value), 4)


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
