"""A labelled answer: what people said an answer's themes, sentiment and safeguarding are.
Its own module so that both the model (which trains on these) and the evaluation (which runs
the pipeline, which uses the model) can name it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labelled:
    text: str
    question: str | None
    audience: str | None
    themes: frozenset[tuple[str, str]]  # (theme, polarity)
    sentiment: str | None  # positive, negative, mixed, neutral; None when not labelled
    safeguarding: bool | None
    categories: frozenset[str] = frozenset()
    # Where a labelled answer came from, when a file says (the feedback corpus does).
    id: str | None = None
    set: str | None = None  # the writer's set, for leave-one-set-out
    lang: str | None = None  # en or cy, as labelled
