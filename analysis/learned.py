"""A council's own theme model, learned from its reviewers' corrections. Pure.

TF-IDF over the normalised text and one logistic regression per label ("theme:polarity"),
with scikit-learn. The result is kept as plain numbers (vocabulary, idf, weights), so a stored
model is data, never code. Its suggestions join the rules' tags; the rules stay the
explainable floor and are never removed by the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from analysis.normalise import normalise

MIN_POSITIVES = 5  # a label needs this many examples to be learned at all
NGRAMS = (1, 2)


@dataclass(frozen=True)
class LearnedModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    threshold: float

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "vocabulary": self.vocabulary,
            "idf": list(self.idf),
            "coef": [list(row) for row in self.coef],
            "intercept": list(self.intercept),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnedModel:
        return cls(
            labels=tuple(data["labels"]),
            vocabulary={k: int(v) for k, v in data["vocabulary"].items()},
            idf=tuple(data["idf"]),
            coef=tuple(tuple(row) for row in data["coef"]),
            intercept=tuple(data["intercept"]),
            threshold=float(data["threshold"]),
        )

    def predict(self, text: str) -> list[tuple[str, str, float]]:
        """(theme, polarity, probability) for each label at or over the threshold."""
        vectorizer = _vectorizer(vocabulary=self.vocabulary)
        vectorizer.idf_ = np.asarray(self.idf)
        features = vectorizer.transform([normalise(text).text])
        scores = features @ np.asarray(self.coef).T + np.asarray(self.intercept)
        probabilities = 1 / (1 + np.exp(-np.asarray(scores).ravel()))
        found = []
        for label, probability in zip(self.labels, probabilities, strict=True):
            if probability >= self.threshold:
                theme, polarity = label.split(":")
                found.append((theme, polarity, round(float(probability), 3)))
        return found


def _vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        ngram_range=NGRAMS,
        min_df=1 if vocabulary else 2,
        sublinear_tf=True,
        vocabulary=vocabulary,
        lowercase=False,
    )


def train(
    texts: Sequence[str], label_sets: Sequence[set[str]], *, threshold: float = 0.6
) -> tuple[LearnedModel, dict[str, dict[str, float]]]:
    """Fit on reviewed answers; also cross-validated precision and recall per label."""
    counts = Counter(label for labels in label_sets for label in labels)
    learnable = sorted(label for label, n in counts.items() if n >= MIN_POSITIVES)
    if not learnable:
        raise ValueError(f"no label has {MIN_POSITIVES} reviewed examples yet")
    documents = [normalise(text).text for text in texts]
    binarizer = MultiLabelBinarizer(classes=learnable)
    targets = binarizer.fit_transform([labels & set(learnable) for labels in label_sets])
    vectorizer = _vectorizer()
    features = vectorizer.fit_transform(documents)
    classifier = OneVsRestClassifier(
        LogisticRegression(max_iter=1000, class_weight="balanced", C=4.0)
    )
    classifier.fit(features, targets)
    metrics = _cross_validated(features, targets, learnable, threshold)
    model = LearnedModel(
        labels=tuple(learnable),
        vocabulary={term: int(index) for term, index in vectorizer.vocabulary_.items()},
        idf=tuple(float(v) for v in vectorizer.idf_),
        coef=tuple(tuple(float(w) for w in e.coef_.ravel()) for e in classifier.estimators_),
        intercept=tuple(float(e.intercept_[0]) for e in classifier.estimators_),
        threshold=threshold,
    )
    return model, metrics


def _cross_validated(
    features: Any, targets: Any, labels: list[str], threshold: float
) -> dict[str, dict[str, float]]:
    folds = min(5, len(targets))
    if folds < 2:
        return {}
    classifier = OneVsRestClassifier(
        LogisticRegression(max_iter=1000, class_weight="balanced", C=4.0)
    )
    probabilities = cross_val_predict(
        classifier,
        features,
        targets,
        cv=KFold(folds, shuffle=True, random_state=0),
        method="predict_proba",
    )
    predicted = probabilities >= threshold
    metrics = {}
    for index, label in enumerate(labels):
        truth, guess = targets[:, index].astype(bool), predicted[:, index]
        tp = int((truth & guess).sum())
        precision = tp / int(guess.sum()) if guess.sum() else 0.0
        recall = tp / int(truth.sum()) if truth.sum() else 0.0
        metrics[label] = {
            "precision": round(precision, 2),
            "recall": round(recall, 2),
            "examples": int(truth.sum()),
        }
    return metrics
