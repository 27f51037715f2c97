"""A council's labelled history as a file: one past answer a JSON line, read into labelled
answers and written back. Pure apart from reading and writing the file it is given.

    {"id": "a1", "text": "...", "question": "What could we do better?", "audience": "parent",
     "themes": ["communication", {"id": "caring", "polarity": "positive"}],
     "sentiment": "negative"}

`id`, `text` and `themes` are needed; `question`, `audience` and `sentiment` may be left out.
A theme given as a bare id has no polarity ("any", as the NHS labels are): the model learns it
as the label "theme:any" and, predicting it, takes the polarity from the answer's sentiment
(analysis/base_model.py). A file carries no safeguarding labels: the rules flag disclosures.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from analysis.corpus import AUDIENCES
from analysis.labelled import Labelled
from analysis.taxonomy import THEME_IDS

SENTIMENTS = ("positive", "negative", "mixed", "neutral")
POLARITIES = ("positive", "negative")
SHOWN = 20  # problems listed before "and N more"


class LabelledFileError(ValueError):
    """What is wrong with a labelled file, a line each ("line 3: ...")."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:SHOWN]
        more = len(self.problems) - len(shown)
        super().__init__("\n".join(shown + ([f"… and {more} more"] if more > 0 else [])))


def read(path: Path, *, themes: Collection[str] = THEME_IDS) -> list[Labelled]:
    """Every labelled answer in the file; LabelledFileError naming each bad line."""
    try:
        with path.open(encoding="utf-8") as source:
            return parse(source, themes=themes)
    except UnicodeDecodeError as exc:
        raise LabelledFileError([f"{path}: not UTF-8 text ({exc.reason})"]) from None
    except OSError as exc:
        raise LabelledFileError([f"{path}: {exc.strerror or exc}"]) from None


def parse(lines: Iterable[str], *, themes: Collection[str] = THEME_IDS) -> list[Labelled]:
    """Labelled answers from JSON lines (blank lines skipped). All problems are gathered, so
    one run names every bad line."""
    known = frozenset(themes)
    items: list[Labelled] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = _item(line, known)
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if item.id in seen:
            problems.append(f"line {number}: id {item.id!r} is also on line {seen[item.id]}")
            continue
        seen[str(item.id)] = number
        items.append(item)
    if problems:
        raise LabelledFileError(problems)
    if not items:
        raise LabelledFileError(["the file holds no labelled answers"])
    return items


def _item(line: str, known: frozenset[str]) -> Labelled:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(row, dict):
        raise ValueError("each line is a JSON object")
    identifier = row.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, str | int) or identifier == "":
        raise ValueError('"id" is needed: a string or a number')
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('"text" is needed: the answer\'s words')
    question = _optional_string(row, "question")
    audience = _optional_string(row, "audience")
    if audience is not None and audience not in AUDIENCES and audience not in AUDIENCES.values():
        choices = ", ".join(sorted(set(AUDIENCES) | set(AUDIENCES.values())))
        raise ValueError(f'"audience" {audience!r} is not one of {choices}')
    sentiment = row.get("sentiment")
    if sentiment is not None and sentiment not in SENTIMENTS:
        raise ValueError(f'"sentiment" {sentiment!r} is not one of {", ".join(SENTIMENTS)}')
    return Labelled(
        text=text,
        question=question,
        audience=AUDIENCES.get(audience, audience) if audience else None,
        themes=_themes(row.get("themes", None), known),
        sentiment=sentiment,
        safeguarding=None,
        id=str(identifier),
    )


def _optional_string(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f'"{key}" is a string when given')
    return value or None


def _themes(value: object, known: frozenset[str]) -> frozenset[tuple[str, str]]:
    if not isinstance(value, list):
        raise ValueError(
            '"themes" is needed: a list of theme ids or {"id", "polarity"} ([] for none)'
        )
    pairs: set[tuple[str, str]] = set()
    for theme in value:
        if isinstance(theme, str):
            theme_id, polarity = theme, "any"
        elif isinstance(theme, dict) and isinstance(theme.get("id"), str):
            theme_id, polarity = theme["id"], theme.get("polarity") or "any"
            if polarity not in (*POLARITIES, "any"):
                raise ValueError(
                    f"theme {theme_id!r}: polarity {polarity!r} is positive or negative"
                )
        else:
            raise ValueError('each theme is an id or {"id", "polarity"}')
        if theme_id not in known:
            raise ValueError(f"unknown theme {theme_id!r} (known: {', '.join(sorted(known))})")
        pairs.add((theme_id, polarity))
    # A theme given with a polarity and bare as well: the polarity says more.
    polar = {t for t, p in pairs if p != "any"}
    return frozenset((t, p) for t, p in pairs if p != "any" or t not in polar)


def line_of(item: Labelled) -> str:
    """One labelled answer as a line of the file (no newline)."""
    row: dict[str, Any] = {"id": item.id, "text": item.text}
    if item.question:
        row["question"] = item.question
    if item.audience:
        row["audience"] = item.audience
    row["themes"] = [
        theme if polarity == "any" else {"id": theme, "polarity": polarity}
        for theme, polarity in sorted(item.themes)
    ]
    if item.sentiment:
        row["sentiment"] = item.sentiment
    return json.dumps(row, ensure_ascii=False)


def write(items: Iterable[Labelled], path: Path) -> int:
    """Write the items as a labelled file; how many were written."""
    written = 0
    with path.open("w", encoding="utf-8") as target:
        for item in items:
            target.write(line_of(item) + "\n")
            written += 1
    return written
