"""Honest figures for the base model beside the rules: leave-one-set-out on the feedback
corpus, cross-validation, and real NHS comments the model never trained on. Pure apart from
what its callers read; every threshold and C is chosen on the training side of each split
(base_model.select), never on the answers scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from analysis import base_model
from analysis import encoder as encoders
from analysis.evaluation import NHS_THEMES
from analysis.labelled import Labelled
from analysis.pipeline import READ_BY_A_PERSON, analyse
from analysis.safeguarding import Level
from analysis.taxonomy import THEME_IDS


@dataclass(frozen=True)
class View:
    """What one analysis said about one answer."""

    themes: frozenset[str]
    sentiment: str
    sentiment_score: float = 0.0
    flag: bool = False  # rules: safeguarding flag
    score: float = 0.0  # model: safeguarding probability
    alert: bool = False  # model over its alert threshold
    concern: bool = False  # model over its concern threshold


def rules(items: Sequence[Labelled]) -> list[View]:
    """The current analyse(), given the question as the answer's file gives it."""
    views = []
    for item in items:
        result = analyse(item.text, question=item.question, audience=item.audience, base="none")
        views.append(
            View(
                themes=frozenset(t.id for t in result.themes),
                sentiment=result.sentiment.label,
                sentiment_score=result.sentiment.score,
                flag=result.safeguarding.flag,
            )
        )
    return views


def model_views(
    model: base_model.BaseModel,
    items: Sequence[Labelled],
    reread: base_model.BaseModel | None = None,
) -> list[View]:
    """What the whole pipeline says with `model` as its base model (and `reread` as the slow
    lane's, when given): the rules' themes and the model's, the mixed sentiment, and the two
    safeguarding tiers, exactly as analyse() gives them (a child's words the model is not
    confident are ordinary count as concerns)."""
    views = []
    for item in items:
        result = analyse(
            item.text,
            question=item.question,
            audience=item.audience,
            base=model,
            reread=reread if reread is not None else "none",
        )
        level = result.safeguarding.level
        views.append(
            View(
                themes=frozenset(t.id for t in result.themes),
                sentiment=result.sentiment.label,
                flag=result.safeguarding.flag,
                score=result.safeguarding.score,
                alert=level is Level.alert,
                concern=level is Level.concern,
            )
        )
    return views


def fit(
    items: Sequence[Labelled],
    rule_views: Sequence[View] | None = None,
    encoder: encoders.Encoder | None = None,
    fast: base_model.BaseModel | None = None,
    base: base_model.Settings = base_model.Settings(),
) -> tuple[base_model.BaseModel, dict[str, Any]]:
    """Choose settings on `items` by cross-validation (the theme threshold for rules ∪ model),
    then train on all of them; with `encoder`, the slow lane's model that also reads it, its
    alert threshold chosen beside what the rules and `fast` (the fast lane's model) raise.
    `base`: the settings that are fixed rather than chosen (a feature cap)."""
    views = rule_views if rule_views is not None else rules(items)
    alongside = None
    if fast is not None:
        alongside = base_model.out_of_fold_alerts(items, fast.settings, [v.flag for v in views])
    settings, measured = base_model.select(
        items,
        base,
        rules_found=[set(v.themes) for v in views],
        rules_sentiment=[(v.sentiment, v.sentiment_score) for v in views],
        encoder=encoder,
        alongside=None if alongside is None else list(alongside),
    )
    return base_model.train(items, settings, encoder), measured


@dataclass(frozen=True)
class Lanes:
    """The models one split trains: the fast lane's, and the slow lane's when an encoder is
    given."""

    fast: base_model.BaseModel
    slow: base_model.BaseModel | None = None

    def views(self, items: Sequence[Labelled]) -> list[View]:
        return model_views(self.fast, items, self.slow)


def fit_lanes(
    items: Sequence[Labelled],
    rule_views: Sequence[View] | None = None,
    encoder: encoders.Encoder | None = None,
) -> Lanes:
    fast, _ = fit(items, rule_views)
    slow = fit(items, rule_views, encoder, fast)[0] if encoder is not None else None
    return Lanes(fast, slow)


def leave_one_set_out(
    items: Sequence[Labelled],
    rule_views: Sequence[View],
    extra: Sequence[Labelled] = (),
    extra_views: Sequence[View] = (),
    encoder: encoders.Encoder | None = None,
) -> dict[str, dict[str, Any]]:
    """Train on every writer's set but one (and `extra`, which is never scored), score the
    one held out; for each set. With `encoder`, both lanes (the pipeline as the product runs
    it once the slow lane has read the answer)."""
    results = {}
    for held in sorted({i.set or "" for i in items}):
        train = [i for i in items if i.set != held] + list(extra)
        train_views = [v for v, i in zip(rule_views, items, strict=True) if i.set != held]
        lanes = fit_lanes(train, train_views + list(extra_views), encoder)
        test_index = [n for n, i in enumerate(items) if i.set == held]
        test = [items[n] for n in test_index]
        results[held] = {
            "settings": _settings(lanes.fast.settings),
            **({"slow_settings": _settings(lanes.slow.settings)} if lanes.slow else {}),
            **score(test, [rule_views[n] for n in test_index], lanes.views(test)),
        }
    return results


def cross_validated(
    items: Sequence[Labelled],
    rule_views: Sequence[View],
    folds: int = 5,
    encoder: encoders.Encoder | None = None,
) -> dict[str, Any]:
    """Pooled out-of-fold predictions, each fold's settings chosen inside its training part."""
    pooled: list[View | None] = [None] * len(items)
    chosen = []
    target = [bool(i.safeguarding) for i in items]
    for train_index, test_index in StratifiedKFold(folds, shuffle=True, random_state=0).split(
        items, target
    ):
        lanes = fit_lanes(
            [items[n] for n in train_index], [rule_views[n] for n in train_index], encoder
        )
        chosen.append(_settings(lanes.fast.settings))
        for n, view in zip(
            test_index,
            lanes.views([items[n] for n in test_index]),
            strict=True,
        ):
            pooled[n] = view
    views = [v for v in pooled if v is not None]
    return {"folds": folds, "settings": chosen, **score(items, rule_views, views)}


def nhs(
    model: base_model.BaseModel,
    items: Sequence[Labelled],
    rule_views: Sequence[View],
    reread: base_model.BaseModel | None = None,
) -> dict[str, Any]:
    """Mapped themes, 3-way sentiment, and flags per 1,000 ordinary comments (all false)."""
    mapped = frozenset(THEME_IDS) & frozenset(NHS_THEMES.values())
    views = model_views(model, items, reread)
    gold = [{t for t, _ in i.themes} for i in items]

    def themes_of(vs: Sequence[View]) -> list[set[str]]:
        return [set(v.themes & mapped) for v in vs]

    def per_1000(flags: Sequence[bool]) -> float:
        return round(1000 * sum(flags) / len(flags), 1)

    labelled = [(i, r, m) for i, r, m in zip(items, rule_views, views, strict=True) if i.sentiment]
    return {
        "answers": len(items),
        "theme_macro_f1": {
            "rules": _r(base_model.macro_f1(gold, themes_of(rule_views))),
            "pipeline": _r(base_model.macro_f1(gold, themes_of(views))),
        },
        "sentiment_accuracy": {
            "rules": _r(np.mean([_three(r.sentiment) == i.sentiment for i, r, _ in labelled])),
            "pipeline": _r(np.mean([_three(m.sentiment) == i.sentiment for i, _, m in labelled])),
            "always_positive": _r(np.mean([i.sentiment == "positive" for i, _, _ in labelled])),
        },
        "flags_per_1000": {
            "rules": per_1000([r.flag for r in rule_views]),
            "alert": per_1000([m.alert for m in views]),
            "alert_or_concern": per_1000([m.alert or m.concern for m in views]),
        },
        "thresholds": {
            "alert": model.settings.alert,
            "concern": model.settings.concern,
            "ordinary": model.settings.ordinary,
        },
    }


def score(
    items: Sequence[Labelled], rule_views: Sequence[View], views: Sequence[View]
) -> dict[str, Any]:
    """The rules alone and the whole pipeline (rules and model) on the same answers."""
    result = _block(items, rule_views, views)
    by_language = {}
    for lang in sorted({i.lang or "" for i in items}):
        index = [n for n, i in enumerate(items) if (i.lang or "") == lang]
        by_language[lang or "unknown"] = _block(
            [items[n] for n in index], [rule_views[n] for n in index], [views[n] for n in index]
        )
    categories: dict[str, dict[str, int]] = {}
    for item, r, m in zip(items, rule_views, views, strict=True):
        for category in item.categories if item.safeguarding else ():
            found = categories.setdefault(
                category, {"disclosures": 0, "rules": 0, "alert": 0, "alert_or_concern": 0}
            )
            found["disclosures"] += 1
            found["rules"] += r.flag
            found["alert"] += m.alert
            found["alert_or_concern"] += m.alert or m.concern
    return {**result, "by_language": by_language, "disclosures_found_by_category": categories}


def _block(
    items: Sequence[Labelled], rule_views: Sequence[View], views: Sequence[View]
) -> dict[str, Any]:
    gold = [{t for t, _ in i.themes} for i in items]
    truth = [bool(i.safeguarding) for i in items]
    pairs = list(zip(items, rule_views, views, strict=True))
    children = [n for n, i in enumerate(items) if i.audience in READ_BY_A_PERSON]
    return {
        "answers": len(items),
        "disclosures": sum(truth),
        "theme_macro_f1": {
            "rules": _r(base_model.macro_f1(gold, [set(r.themes) for r in rule_views])),
            "pipeline": _r(base_model.macro_f1(gold, [set(m.themes) for m in views])),
        },
        "sentiment_accuracy": {
            "rules": _r(np.mean([r.sentiment == i.sentiment for i, r, _ in pairs])),
            "pipeline": _r(np.mean([m.sentiment == i.sentiment for i, _, m in pairs])),
        },
        "safeguarding": {
            "rules": _detection(truth, [r.flag for r in rule_views]),
            "alert": _detection(truth, [m.alert for m in views]),
            "alert_or_concern": _detection(truth, [m.alert or m.concern for m in views]),
        },
        # How much of the children's words a person reads (concern includes every child's
        # answer the model is not confident is ordinary).
        "children_answers_read_by_a_person": {
            "answers": len(children),
            "read": sum(views[n].alert or views[n].concern for n in children),
        },
    }


def _detection(truth: Sequence[bool], flags: Sequence[bool]) -> dict[str, Any]:
    tp = sum(t and f for t, f in zip(truth, flags, strict=True))
    flagged, positives = sum(flags), sum(truth)
    ordinary = len(truth) - positives
    return {
        "found": tp,
        "recall": _r(tp / positives) if positives else None,
        "precision": _r(tp / flagged) if flagged else None,
        "false_per_1000_ordinary": _r(1000 * (flagged - tp) / ordinary, 1) if ordinary else None,
    }


def _three(label: str) -> str:
    return "neutral" if label == "mixed" else label


def _settings(settings: base_model.Settings) -> dict[str, Any]:
    return {k: v for k, v in asdict(settings).items() if v is not None}


def _r(value: float | np.floating[Any], places: int = 3) -> float:
    return round(float(value), places)
