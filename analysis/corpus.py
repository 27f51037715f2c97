"""The feedback corpus (answers written for the project by people who did not write the
rules) read into labelled answers. Pure apart from reading the files it is given; the corpus
lives outside the repository and its folder is always passed in.

One answer a JSON line: {"id", "set", "audience", "question", "text", "themes": [{"id",
"polarity"}], "sentiment", "safeguarding", "category", "lang"}.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.labelled import Labelled

# The corpus's audiences -> the product's.
AUDIENCES = {
    "child": "young_person",
    "young_person": "young_person",
    "parent": "parent_carer",
    "carer": "parent_carer",
    "partner": "partner",
}
SENTIMENTS = frozenset({"positive", "negative", "mixed", "neutral"})
POLARITIES = frozenset({"positive", "negative"})


def files(directory: Path) -> list[Path]:
    """The corpus's JSON-lines files, in name order (the order the hash is taken in)."""
    found = sorted(directory.glob("*.jsonl"))
    if not found:
        raise FileNotFoundError(f"no .jsonl files in {directory}")
    return found


def load(directory: Path) -> list[Labelled]:
    """Every answer of every set in the folder, in file order."""
    items: list[Labelled] = []
    for path in files(directory):
        with path.open(encoding="utf-8") as source:
            for number, line in enumerate(source, start=1):
                if line.strip():
                    items.append(_item(json.loads(line), f"{path.name}:{number}"))
    return items


def _item(row: dict[str, object], where: str) -> Labelled:
    text, sentiment = row.get("text"), row.get("sentiment")
    if not isinstance(text, str) or sentiment not in SENTIMENTS:
        raise ValueError(f"{where}: needs a text and a sentiment")
    themes = row.get("themes") or []
    assert isinstance(themes, list)
    pairs = frozenset((str(t["id"]), str(t["polarity"])) for t in themes)
    if any(polarity not in POLARITIES for _, polarity in pairs):
        raise ValueError(f"{where}: a theme's polarity is positive or negative")
    category = row.get("category")
    question, audience = row.get("question"), row.get("audience")
    return Labelled(
        text=text,
        question=question if isinstance(question, str) else None,
        audience=AUDIENCES.get(str(audience)) if audience else None,
        themes=pairs,
        sentiment=str(sentiment),
        safeguarding=bool(row.get("safeguarding")),
        categories=frozenset({str(category)}) if category else frozenset(),
        id=str(row["id"]) if row.get("id") is not None else None,
        set=str(row["set"]) if row.get("set") else None,
        lang=str(row["lang"]) if row.get("lang") else None,
    )


def sha256(directory: Path) -> str:
    """One hash over the corpus files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in files(directory):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


PROJECT_SET = "project"


def project_sets(paths: list[Path]) -> list[Labelled]:
    """The project's own labelled sets (tests/data/analysis_*.txt) as extra training for the
    base model's themes and sentiment. Not for safeguarding: their writers also wrote the
    rules, and their disclosures are told plainly, unlike the corpus's, so their safeguarding
    is left unlabelled (None) and the safeguarding head learns from the corpus alone. A
    disclosure's sentiment is neutral, as the corpus labels one that says nothing about the
    service."""
    from dataclasses import replace

    from analysis.evaluation import load_dev_set

    return [
        replace(
            item,
            set=PROJECT_SET,
            sentiment="neutral" if item.safeguarding else item.sentiment,
            safeguarding=None,
            categories=frozenset(),
        )
        for path in paths
        for item in load_dev_set(path)
    ]


def file_sha256(paths: list[Path]) -> str:
    """One hash over some files' names and bytes, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
