"""Speed of the whole analysis pipeline over real NHS comments, beside TextBlob alone.

Run: .venv/bin/python -m benchmarks.analysis_speed [--repeats 5]
Reads ../shared/data/nhs-fft-pxtextmining/ (7,400 comments with text), analyses each with
analysis.pipeline.analyse (themes, sentiment, safeguarding, redaction) and, alternately, with
TextBlob's sentiment alone, on one core; prints medians and the ratio. Goal: >= 2,000/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import time
from pathlib import Path

from textblob import TextBlob

from analysis.pipeline import analyse
from benchmarks.common import RESULTS

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "nhs-fft-pxtextmining"


def comments() -> list[str]:
    with (DATA / "v6framework_230831.csv").open(encoding="utf-8") as file:
        return [
            text for row in csv.DictReader(file) if (text := (row.get("FFT answer") or "").strip())
        ]


def rate(function: object, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)  # type: ignore[operator]
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = comments()
    analyse("warm up the taxonomy and lexicons")
    pipeline, baseline = [], []
    for _ in range(args.repeats):
        baseline.append(rate(lambda t: TextBlob(t).sentiment, texts))
        pipeline.append(rate(analyse, texts))
    result = {
        "comments": len(texts),
        "pipeline_per_second": round(statistics.median(pipeline)),
        "textblob_per_second": round(statistics.median(baseline)),
        "ratio": round(statistics.median(pipeline) / statistics.median(baseline), 2),
        "repeats": args.repeats,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "analysis_speed.json").write_text(json.dumps(result, indent=2))
    print(
        f"{result['comments']:,} NHS comments: pipeline {result['pipeline_per_second']:,}/s, "
        f"TextBlob sentiment alone {result['textblob_per_second']:,}/s, "
        f"ratio {result['ratio']:.2f} (goal: pipeline >= 2,000/s)"
    )


if __name__ == "__main__":
    main()
