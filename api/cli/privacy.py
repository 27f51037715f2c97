"""`yousaid retention` and `yousaid subject-access`: keeping data only as long as it should
be, and giving a person theirs or erasing it (decision 43)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

retention_app = typer.Typer(help="Keep each kind of data only as long as it should be.")
subject_access_app = typer.Typer(
    help="A person's data on request: a copy, or erasure.", no_args_is_help=True
)


@retention_app.command("run")
def run(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would go; change nothing.")
    ] = False,
) -> None:
    """Carry out the retention settings now (the worker does it daily), a committed batch at
    a time, and print how many rows each step changed."""
    from api.cli.common import fail
    from api.core.db import get_session_factory
    from api.models import RetentionRun
    from api.retention import run as retention

    with get_session_factory()() as session:
        if dry_run:
            done = retention.dry_run(session, actor="cli")
            session.commit()
        else:
            started = retention.unfinished(session) or retention.start(session, actor="cli").id
            session.commit()
            if not retention.carry_on(session, started, seconds=None):
                raise fail("The run stopped before its end; run it again to carry on")
            found = session.get(RetentionRun, started)
            assert found is not None
            done = found
        typer.echo(("Would change" if dry_run else "Changed") + f" (run {done.id}):")
        for name, count in done.counts.items():
            typer.echo(f"  {name.replace('_', ' ')}: {count}")


class Format(StrEnum):
    html = "html"
    json = "json"


Phone = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option("--phone", help="Their mobile number."),
]
Email = Annotated[Optional[str], typer.Option("--email", help="Their email address.")]  # noqa: UP045
CaseRef = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--case-ref", help="The case reference from the case system."),
]


def _key(phone: str | None, email: str | None, case_ref: str | None) -> tuple[str, str]:
    from api.cli.common import fail

    given = [(k, v) for k, v in (("phone", phone), ("email", email), ("case_ref", case_ref)) if v]
    if len(given) != 1:
        raise fail("Give one of --phone, --email or --case-ref")
    return given[0]


@subject_access_app.command("export")
def export(
    phone: Phone = None,
    email: Email = None,
    case_ref: CaseRef = None,
    format: Annotated[Format, typer.Option(help="html (readable) or json.")] = Format.html,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Write it here (default: a file named for the date, here)."),
    ] = None,
) -> None:
    """Everything held about one person, as a readable document or JSON; audited."""
    from api.cli.common import CLI, transaction
    from api.subject_access import service as subject_access

    kind, value = _key(phone, email, case_ref)
    with transaction() as session:
        made = subject_access.export(session, CLI, kind=kind, value=value, fmt=format.value)
    path = out or Path(made.filename)
    path.write_text(made.content, encoding="utf-8")
    typer.echo(f"Wrote {path}. Read it before it is sent: it may hold other people's data.")


@subject_access_app.command("erase")
def erase(
    phone: Phone = None,
    email: Email = None,
    case_ref: CaseRef = None,
    confirm: Annotated[
        bool,
        typer.Option("--yes-erase", help="Needed: erasure cannot be undone."),
    ] = False,
) -> None:
    """Erase one person's identifiers and words (figures already published stay as they
    were); refused while an open alert or an unread concern or text needs them."""
    from api.cli.common import CLI, fail, transaction
    from api.subject_access import service as subject_access

    kind, value = _key(phone, email, case_ref)
    if not confirm:
        raise fail("Erasure cannot be undone. Export a copy first, then add --yes-erase")
    with transaction() as session:
        counts = subject_access.erase(session, CLI, kind=kind, value=value)
    typer.echo("Erased:")
    for name, count in counts.items():
        typer.echo(f"  {name.replace('_', ' ')}: {count}")
