"""`yousaid analyse`, `learn` and `evaluate`: the text analysis from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from api.cli import model as cli_model
from api.cli.common import fail, transaction
from api.core.config import get_settings

commands = typer.Typer()


@commands.command()
def analyse(
    input_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--input", exists=True, dir_okay=False, help="Default: standard input."),
    ] = None,
    fast: Annotated[
        bool,
        typer.Option(
            "--fast",
            help="The fast lane alone: without the sentence encoder's second reading.",
        ),
    ] = False,
) -> None:
    """Analyse free text: JSON lines {"id", "text", "audience"?, "question"?} in, one JSON
    line out for each, with themes, sentiment, safeguarding, language and a redacted copy.
    Both lanes, as the worker's result stands once the slow lane has read an answer."""
    from analysis.pipeline import analyse as run_analysis

    source = input_file.open(encoding="utf-8") if input_file else sys.stdin
    failed = 0
    with source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError('each line needs an object with "text"')
                result = run_analysis(
                    item["text"],
                    question=item.get("question"),
                    audience=item.get("audience"),
                    reread="none" if fast else "shipped",
                )
                output = {"id": item.get("id"), **result.as_json()}
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                failed += 1
                output = {"id": None, "line": number, "error": str(exc).splitlines()[0]}
            typer.echo(json.dumps(output, ensure_ascii=False))
    if failed:
        raise fail(f"{failed} line(s) could not be read")


@commands.command()
def learn(
    labelled_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--from",
            dir_okay=False,
            help="A labelled file of past answers (JSON lines; docs/analysis.md).",
        ),
    ] = None,
) -> None:
    """Train the council's own model (themes and sentiment) from reviewed answers and, with
    --from, a labelled file of past answers; it becomes the active model (the worker also
    retrains from reviews)."""
    from api.reviews import learning

    items = cli_model.labelled_items(labelled_file) if labelled_file else []
    with transaction() as session:
        model = learning.train_model(session, labelled=items)
        if model is None:
            if items:
                raise fail("Too few labelled answers to learn from (each head needs both kinds).")
            threshold = get_settings().learning_min_reviews
            raise fail(f"Not enough reviewed answers yet (at least {threshold} are needed).")
        typer.echo(cli_model.trained_summary(model.metrics, len(model.model_npz or b"")))


@commands.command()
def evaluate(
    dev_set: Annotated[Path, typer.Option(help="The labelled development set.")] = Path(
        "tests/data/analysis_dev.txt"
    ),
    nhs: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="The NHS FFT folder (shared/data/nhs-fft-pxtextmining) to test on."),
    ] = None,
    cross_validate: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--cross-validate",
            dir_okay=False,
            help="A labelled file: train the council model on K-1 folds, score the held-out "
            "fold, and print one JSON object (with and without the council model).",
        ),
    ] = None,
    folds: Annotated[int, typer.Option(help="Folds for --cross-validate.")] = 5,
    seed: Annotated[int, typer.Option(help="Shuffles the folds of --cross-validate.")] = 0,
) -> None:
    """How well the analysis agrees with people: themes, sentiment, safeguarding; or, with
    --cross-validate, what a council's own labels buy."""
    from analysis import evaluation
    from analysis.taxonomy import THEME_IDS

    if cross_validate is not None:
        typer.echo(cli_model.cross_validated(cross_validate, folds=folds, seed=seed))
        return
    if not dev_set.exists():
        raise fail(f"{dev_set} not found (run from the project folder or pass --dev-set)")
    typer.echo(
        evaluation.report("Development set", evaluation.evaluate(evaluation.load_dev_set(dev_set)))
    )
    if nhs is not None:
        mapped = tuple(t for t in THEME_IDS if t in set(evaluation.NHS_THEMES.values()))
        scores = evaluation.evaluate(evaluation.load_nhs(nhs), themes=mapped, three_way=True)
        typer.echo(
            "\n" + evaluation.report("NHS comments (themes mapped; sentiment 3-way)", scores)
        )
