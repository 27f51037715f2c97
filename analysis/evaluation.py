"""Honest numbers for the analysis: agreement with people's labels. Pure apart from reading
the labelled files it is given."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from textblob.en import polarity as textblob_polarity

from analysis.labelled import Labelled
from analysis.pipeline import analyse
from analysis.taxonomy import THEME_IDS

AUDIENCES = {"pc": "parent_carer", "yp": "young_person", "pa": "partner"}
SENTIMENTS = {"pos": "positive", "neg": "negative", "mix": "mixed", "neu": "neutral"}
# Their label columns -> our theme (the mapping in the data set's README).
NHS_THEMES = {
    "Staff listening, understanding & involving patients": "listened_to",
    "Staff manner & personal attributes": "caring",
    "Competence & training": "professionalism",
    "Contacting services": "communication",
    "Unspecified communication": "communication",
    "Being kept informed, clarity & consistency of information": "clarity",
    "Information provision & guidance": "clarity",
    "Staff continuity": "consistency",
    "Timeliness of care": "timeliness",
    "Care plans": "involvement",
    "Interaction with family/ carers": "involvement",
    "Impact of treatment/ care": "outcomes",
}


@dataclass
class Scores:
    items: int = 0
    per_theme: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)
    macro_f1: float = 0.0
    polarity_agreement: float = 0.0
    sentiment_accuracy: float = 0.0
    textblob_accuracy: float = 0.0
    safeguarding_recall: float | None = None
    safeguarding_precision: float | None = None
    missed_disclosures: list[str] = field(default_factory=list)


def load_dev_set(path: Path) -> list[Labelled]:
    """The project's development set: `audience|question|sentiment|safeguarding|themes|text`."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        audience, question, sentiment, safeguarding, themes, text = line.split("|", 5)
        categories = frozenset() if safeguarding == "-" else frozenset(safeguarding.split(","))
        items.append(
            Labelled(
                text=text,
                question=question,
                audience=AUDIENCES.get(audience),
                themes=frozenset(
                    (t[:-1], "positive" if t.endswith("+") else "negative")
                    for t in themes.split(",")
                    if t.strip()
                ),
                sentiment=SENTIMENTS[sentiment],
                safeguarding=bool(categories),
                categories=categories,
            )
        )
    return items


def load_nhs(directory: Path) -> list[Labelled]:
    """NHS Friends and Family Test comments labelled by people (themes mapped to ours)."""
    items = []
    with (directory / "v6framework_230831.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            text = (row.get("FFT answer") or "").strip()
            if not text or row.get("Labelling not possible") == "1":
                continue
            sentiment = {
                "1": "positive",
                "2": "positive",
                "3": "neutral",
                "4": "negative",
                "5": "negative",
            }.get(row.get("Comment sentiment", ""))
            themes = {
                (ours, "any") for column, ours in NHS_THEMES.items() if row.get(column) == "1"
            }
            # The question's words: analysis.frames reads "How could we improve?" as a change
            # question and "What was good?" as a good one (the product uses the question, so
            # the test does); "FFT Why?" and the 111 question are open.
            question = " ".join((row.get("FFT question") or "").split()) or None
            items.append(
                Labelled(
                    text,
                    question,
                    None,
                    frozenset(themes),
                    sentiment,
                    None,
                    id=row.get("Comment ID") or None,
                )
            )
    return items


def _textblob_label(text: str, margin: float = 0.1) -> str:
    value = textblob_polarity(text)
    return "positive" if value > margin else "negative" if value < -margin else "neutral"


def evaluate(
    items: Iterable[Labelled],
    *,
    themes: tuple[str, ...] = THEME_IDS,
    three_way: bool = False,
    rules_only: bool = False,
) -> Scores:
    """Compare the analysis with labels. three_way: mixed counts as neutral (NHS labels);
    rules_only: without the shipped base model."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in themes}
    polarity_right = polarity_total = 0
    sentiment_right = textblob_right = sentiment_total = 0
    flagged: Counter[str] = Counter()
    scores = Scores()
    for item in items:
        scores.items += 1
        result = analyse(
            item.text,
            question=item.question,
            audience=item.audience,
            base="none" if rules_only else "shipped",
        )
        predicted = {(t.id, t.polarity) for t in result.themes if t.id in counts}
        gold_ids = {t for t, _ in item.themes if t in counts}
        predicted_ids = {t for t, _ in predicted}
        for theme in themes:
            if theme in gold_ids and theme in predicted_ids:
                counts[theme]["tp"] += 1
                if all(p != "any" for _, p in item.themes):
                    polarity_total += 1
                    gold_pols = {p for t, p in item.themes if t == theme}
                    polarity_right += gold_pols == {p for t, p in predicted if t == theme}
            elif theme in predicted_ids:
                counts[theme]["fp"] += 1
            elif theme in gold_ids:
                counts[theme]["fn"] += 1
        if item.sentiment:
            sentiment_total += 1
            ours = result.sentiment.label
            if three_way and ours == "mixed":
                ours = "neutral"
            sentiment_right += ours == item.sentiment
            textblob_right += _textblob_label(item.text) == item.sentiment
        if item.safeguarding is not None:
            key = ("t" if item.safeguarding else "f") + ("p" if result.safeguarding.flag else "n")
            flagged[key] += 1
            if item.safeguarding and not result.safeguarding.flag:
                scores.missed_disclosures.append(item.text)
    f1s = []
    for theme, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        support = c["tp"] + c["fn"]
        scores.per_theme[theme] = (precision, recall, f1, support)
        if support:
            f1s.append(f1)
    scores.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    scores.polarity_agreement = polarity_right / polarity_total if polarity_total else 0.0
    scores.sentiment_accuracy = sentiment_right / sentiment_total if sentiment_total else 0.0
    scores.textblob_accuracy = textblob_right / sentiment_total if sentiment_total else 0.0
    if flagged["tp"] + flagged["tn"]:
        scores.safeguarding_recall = flagged["tp"] / (flagged["tp"] + flagged["tn"])
    if flagged["tp"] + flagged["fp"]:
        scores.safeguarding_precision = flagged["tp"] / (flagged["tp"] + flagged["fp"])
    return scores


def report(title: str, scores: Scores) -> str:
    lines = [f"{title}: {scores.items} answers", f"{'theme':<18}{'P':>6}{'R':>6}{'F1':>6}{'n':>6}"]
    for theme, (p, r, f1, n) in scores.per_theme.items():
        lines.append(f"{theme:<18}{p:6.2f}{r:6.2f}{f1:6.2f}{n:6d}")
    lines.append(f"theme macro-F1 {scores.macro_f1:.2f} (themes with examples)")
    if scores.polarity_agreement:
        lines.append(f"polarity agreement on found themes {scores.polarity_agreement:.2f}")
    gain = 100 * (scores.sentiment_accuracy - scores.textblob_accuracy)
    lines.append(
        f"sentiment accuracy {scores.sentiment_accuracy:.2f}; raw TextBlob "
        f"{scores.textblob_accuracy:.2f} ({gain:+.0f} points)"
    )
    if scores.safeguarding_recall is not None:
        lines.append(
            f"safeguarding recall {scores.safeguarding_recall:.2f}, precision "
            f"{scores.safeguarding_precision or 0:.2f}"
        )
        lines += [f"  missed: {text}" for text in scores.missed_disclosures]
    return "\n".join(lines)
