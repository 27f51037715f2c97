"""`yousaid invite FILE.csv`: case events from a spreadsheet, one contact a line.

Lines with the same event_id are one event. The file is checked whole first: one bad line
and nothing is invited, so a half-done file is never half-sent.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn

COLUMNS = (
    "event_id",
    "case_ref",
    "event",
    "team",
    "occurred_at",
    "role",
    "phone",
    "email",
    "language",
    "do_not_contact",
    "reason",
    "age_band",
)
# A column `characteristic_ethnicity` gives the characteristic `ethnicity` (decision 46).
CHARACTERISTIC_PREFIX = "characteristic_"
EVENT_FIELDS = ("case_ref", "event", "team", "occurred_at")
TRUE = {"1", "true", "yes", "y"}


@dataclass
class InviteReport:
    events: int = 0
    repeated_events: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _contact(row: dict[str, str]) -> dict[str, Any]:
    contact: dict[str, Any] = {
        "role": row.get("role", "").strip(),
        "phone": row.get("phone", "").strip() or None,
        "email": row.get("email", "").strip() or None,
        # Blank: nobody knows (texts go in both languages until the person shows which).
        "language": row.get("language", "").strip() or None,
        "do_not_contact": row.get("do_not_contact", "").strip().lower() in TRUE,
        "reason": row.get("reason", "").strip() or None,
        "age_band": (row.get("age_band") or "").strip() or None,
        "characteristics": {
            column.removeprefix(CHARACTERISTIC_PREFIX): value.strip()
            for column, value in row.items()
            if column and column.startswith(CHARACTERISTIC_PREFIX) and (value or "").strip()
        },
    }
    return contact


def parse(source: TextIO) -> tuple[list[CaseEventIn], list[tuple[int, str]]]:
    """The file's events, or every problem with its line number."""
    reader = csv.DictReader(source)
    missing = [c for c in ("event_id", *EVENT_FIELDS, "role") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [(0, f"missing columns: {', '.join(missing)}")]
    grouped: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    errors: list[tuple[int, str]] = []
    for line, row in enumerate(reader, start=2):
        event_id = (row.get("event_id") or "").strip()
        if not event_id:
            errors.append((line, "event_id is empty"))
            continue
        event = grouped.setdefault(
            event_id,
            {
                "event_id": event_id,
                **{f: (row.get(f) or "").strip() for f in EVENT_FIELDS},
                "contacts": [],
            },
        )
        first_line.setdefault(event_id, line)
        differing = [f for f in EVENT_FIELDS if (row.get(f) or "").strip() != event[f]]
        if differing:
            errors.append((line, f"{', '.join(differing)} differ from line {first_line[event_id]}"))
            continue
        event["contacts"].append(_contact(row))
    events: list[CaseEventIn] = []
    for event_id, body in grouped.items():
        try:
            events.append(CaseEventIn.model_validate(body))
        except ValidationError as exc:
            for problem in exc.errors():
                where = ".".join(str(p) for p in problem["loc"])
                errors.append((first_line[event_id], f"{where}: {problem['msg']}"))
    return events, errors


def invite_from_csv(session: Session, source: TextIO) -> InviteReport:
    events, errors = parse(source)
    report = InviteReport(errors=errors)
    if errors:
        return report
    for event in events:
        result = invitations.receive_case_event(session, event=event)
        report.events += 1
        report.repeated_events += result.duplicate
        for contact in result.contacts:
            report.outcomes[contact.reason or contact.result] += 1
    return report
