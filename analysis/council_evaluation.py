"""What a council's own labels buy: K-fold cross-validation of the council model on its labelled
history. Pure: labelled answers in, numbers out.

Each fold trains a council model on the other folds (base_model.select, then base_model.train:
the same trainer as the shipped base model) and runs the whole analysis on the held-out
answers twice, with the fold's council model and without it, so the difference is what the
labels add. Themes are scored over the themes that occur in the file (as the NHS figures are);
when the file labels no answer "mixed", a "mixed" sentiment counts as "neutral" (the NHS file's
neutral is "neutral or mixed").
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, NamedTuple

import numpy as np
from sklearn.model_selection import KFold, StratifiedKFold

from analysis import base_model
from analysis.labelled import Labelled
from analysis.pipeline import analyse

# A council's model stays small enough to keep in the database (docs/analysis.md: measured).
MAX_WORD_FEATURES = 50_000
MAX_CHAR_FEATURES = 50_000
COUNCIL_SETTINGS = base_model.Settings(
    max_word_features=MAX_WORD_FEATURES, max_char_features=MAX_CHAR_FEATURES
)


def fit(
    items: Sequence[Labelled], without: Sequence[Seen] | None = None
) -> tuple[base_model.BaseModel, dict[str, Any]]:
    """A council model: settings chosen by cross-validation on `items`, trained on all of them.
    Its themes join what the analysis finds without it, so the theme threshold is chosen for
    that union, and its sentiment's combination with the analysis's (`without`: what the
    analysis finds in each item without a council model; found here when not given)."""
    found = list(without) if without is not None else [_seen(i, None) for i in items]
    settings, measured = base_model.select(
        items,
        COUNCIL_SETTINGS,
        rules_found=[seen.themes for seen in found],
        rules_sentiment=[(seen.sentiment, seen.score) for seen in found],
    )
    return base_model.train(items, settings), measured


def folds_of(
    items: Sequence[Labelled], folds: int, seed: int
) -> list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]:
    """Stratified by sentiment when every sentiment has an answer in each fold, else shuffled."""
    if folds < 2 or folds > len(items):
        raise ValueError(f"--folds is between 2 and the number of answers ({len(items)})")
    labels = [i.sentiment or "none" for i in items]
    if min(Counter(labels).values()) >= folds:
        splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
        return list(splitter.split(items, labels))
    return list(KFold(folds, shuffle=True, random_state=seed).split(items))


def cross_validate(
    items: Sequence[Labelled],
    *,
    folds: int = 5,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """theme_macro_f1, per_theme and sentiment_accuracy of the analysis with each fold's council
    model, the same `without_council`, and `council_alone` (the council model's own themes and
    sentiment, no rules or base model)."""
    started = time.perf_counter()
    split = folds_of(items, folds, seed)
    with_council: list[tuple[set[str], str] | None] = [None] * len(items)
    alone: list[tuple[set[str], str] | None] = [None] * len(items)
    chosen = []
    if progress:
        progress(f"analysing {len(items)} answers without a council model")
    without = [_seen(item, None) for item in items]
    for number, (train_index, test_index) in enumerate(split, start=1):
        if progress:
            progress(f"fold {number}/{folds}: training on {len(train_index)} answers")
        model, _ = fit([items[n] for n in train_index], [without[n] for n in train_index])
        chosen.append({k: v for k, v in asdict(model.settings).items() if v is not None})
        held = [items[n] for n in test_index]
        predictions = model.predict([i.text for i in held], [i.question for i in held])
        for n, item, predicted in zip(test_index, held, predictions, strict=True):
            with_council[n] = _seen(item, model).view
            alone[n] = ({t for t, _, _ in predicted.themes}, predicted.sentiment)
    mixed_is_neutral = all(i.sentiment != "mixed" for i in items)
    return {
        "items": len(items),
        "folds": folds,
        "seed": seed,
        **scores(items, _done(with_council), mixed_is_neutral=mixed_is_neutral),
        "without_council": scores(
            items, [seen.view for seen in without], mixed_is_neutral=mixed_is_neutral
        ),
        "council_alone": scores(items, _done(alone), mixed_is_neutral=mixed_is_neutral),
        "settings": chosen,
        "seconds": round(time.perf_counter() - started, 1),
    }


class Seen(NamedTuple):
    """What the analysis said about one answer."""

    themes: set[str]
    sentiment: str
    score: float

    @property
    def view(self) -> tuple[set[str], str]:
        return self.themes, self.sentiment


def _seen(item: Labelled, council: base_model.BaseModel | None) -> Seen:
    result = analyse(item.text, question=item.question, audience=item.audience, council=council)
    return Seen({t.id for t in result.themes}, result.sentiment.label, result.sentiment.score)


def _done(views: list[tuple[set[str], str] | None]) -> list[tuple[set[str], str]]:
    assert all(v is not None for v in views)  # every answer is in exactly one held-out fold
    return [v for v in views if v is not None]


def scores(
    items: Sequence[Labelled],
    views: Sequence[tuple[set[str], str]],
    *,
    mixed_is_neutral: bool = False,
) -> dict[str, Any]:
    """Theme F1 per theme occurring in the labels (precision, recall, f1, support), their
    mean, and sentiment accuracy over the answers whose sentiment is labelled."""
    gold = [{t for t, _ in i.themes} for i in items]
    present = sorted(set().union(*gold)) if gold else []
    per_theme = {}
    f1s = []
    for theme in present:
        tp = sum(theme in g and theme in p for g, (p, _) in zip(gold, views, strict=True))
        fp = sum(theme not in g and theme in p for g, (p, _) in zip(gold, views, strict=True))
        fn = sum(theme in g and theme not in p for g, (p, _) in zip(gold, views, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        per_theme[theme] = {
            "precision": _r(precision),
            "recall": _r(recall),
            "f1": _r(f1s[-1]),
            "support": tp + fn,
        }
    labelled = [(i.sentiment, s) for i, (_, s) in zip(items, views, strict=True) if i.sentiment]
    right = sum(
        gold_label == ("neutral" if mixed_is_neutral and said == "mixed" else said)
        for gold_label, said in labelled
    )
    return {
        "theme_macro_f1": _r(sum(f1s) / len(f1s)) if f1s else 0.0,
        "sentiment_accuracy": _r(right / len(labelled)) if labelled else None,
        "per_theme": per_theme,
    }


def _r(value: float) -> float:
    return round(float(value), 3)
