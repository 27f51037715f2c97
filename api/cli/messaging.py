"""`yousaid invite` and `yousaid sms`: inviting people from a file, and what texts cost."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.models.enums import Language, Tense

sms_app = typer.Typer(help="Texts to families.", no_args_is_help=True)


def invite(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Invite the contacts of case events listed in a CSV file (columns: event_id, case_ref,
    event, team, occurred_at, role, phone, email, language, do_not_contact, reason; optional
    age_band and characteristic_NAME). A bad line invites nobody; an event_id seen before
    changes nothing."""
    from api.cli.common import fail, transaction
    from api.invitations.csv_events import invite_from_csv

    with transaction() as session, file.open(encoding="utf-8-sig", newline="") as source:
        report = invite_from_csv(session, source)
    for line, message in report.errors:
        typer.secho(f"line {line}: {message}" if line else message, err=True, fg=typer.colors.RED)
    if report.errors:
        raise fail(f"{len(report.errors)} problems; nobody was invited.")
    outcomes = ", ".join(
        f"{name.replace('_', ' ')}: {n}" for name, n in sorted(report.outcomes.items())
    )
    seen = f"{report.events} events ({report.repeated_events} seen before)."
    typer.echo(f"{seen} {outcomes + '.' if outcomes else 'No contacts.'}")


@sms_app.command("preview")
def preview(
    survey: Annotated[
        str, typer.Argument(help="A survey key, such as parent-carer.")
    ] = "parent-carer",
    language: Annotated[Language, typer.Option("--lang")] = Language.en,
    tense: Annotated[
        Tense, typer.Option(help="during (front door) or after (closure).")
    ] = Tense.after,
) -> None:
    """Every text a survey sends, with its encoding and number of SMS segments (the cost).
    Anything over two segments is flagged: shorten it."""
    from api.cli.common import fail
    from api.invitations.preview import preview as build

    try:
        lines = build(survey, language=language, tense=tense)
    except LookupError as exc:
        raise fail(str(exc)) from None
    too_long = 0
    for line in lines:
        flag = "  <-- more than 2 texts" if line.cost.too_long else ""
        too_long += line.cost.too_long
        price = line.cost
        typer.echo(
            f"{line.name}: {price.segments} × {price.encoding} ({price.units} characters){flag}"
        )
        typer.echo("    " + line.text.replace("\n", "\n    "))
    typer.echo(f"{len(lines)} texts, {too_long} over two segments.")
