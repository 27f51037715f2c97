"""A failed job's error as a reader sees it: one line, never a traceback.

The traceback says where in our code it broke (file paths, line numbers, bits of our
source): for whoever runs the server, in its log. A manager reading the digest archive, or a
duty worker reading who was told of an alert, needs what went wrong: "SMTPRecipientsRefused:
duty@council.gov.uk refused".
"""

from __future__ import annotations

LONGEST = 300


def one_line(error: str | None) -> str | None:
    """The exception's own line from a traceback (its last), or the text's first line."""
    if not error or not error.strip():
        return None
    lines = [line.strip() for line in error.strip().splitlines() if line.strip()]
    line = lines[-1] if lines[0].startswith("Traceback (most recent call last)") else lines[0]
    return line if len(line) <= LONGEST else line[: LONGEST - 1] + "…"
