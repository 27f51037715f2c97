"""`yousaid import`, `export` and `report`: responses in and out, and the published figures."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from api.cli.common import CLI, fail, parse_date, transaction
from api.reports import service as reports
from api.reports.schemas import GroupBy, StatementReport
from api.responses.filters import ResponseFilters

import_app = typer.Typer(help="Import data.", no_args_is_help=True)
export_app = typer.Typer(help="Export data.", no_args_is_help=True)
report_app = typer.Typer(help="Published figures.", no_args_is_help=True)


@import_app.command("responses")
def import_responses(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    survey: Annotated[str, typer.Option()],
    skip_invalid: Annotated[bool, typer.Option(help="Store the good lines anyway.")] = False,
    create_teams: Annotated[bool, typer.Option(help="Add teams the file names.")] = False,
) -> None:
    """Import responses from CSV. Any bad line stores nothing, unless --skip-invalid."""
    from api.responses.csv_io import import_responses as run_import

    with transaction() as session, file.open(encoding="utf-8-sig", newline="") as source:
        report = run_import(
            session,
            CLI,
            source=source,
            survey_key=survey,
            skip_invalid=skip_invalid,
            create_teams=create_teams,
        )
    for line, message in report.errors:
        typer.secho(f"line {line}: {message}" if line else message, err=True, fg=typer.colors.RED)
    if report.errors and not skip_invalid:
        raise fail(f"{len(report.errors)} lines have errors; nothing was stored.")
    typer.echo(
        f"Stored {report.stored} responses"
        + (f", {report.already_stored} were already stored" if report.already_stored else "")
        + (f", skipped {len(report.errors)} invalid lines" if report.errors else "")
        + (f", created teams: {', '.join(report.teams_created)}" if report.teams_created else "")
        + "."
    )


@export_app.command("responses")
def export_responses(
    survey: Annotated[str, typer.Option()],
    start: Annotated[Optional[str], typer.Option("--from", help="YYYY-MM-DD")] = None,  # noqa: UP045
    end: Annotated[Optional[str], typer.Option("--to", help="YYYY-MM-DD")] = None,  # noqa: UP045
    output: Annotated[Optional[Path], typer.Option(help="Default: standard output.")] = None,  # noqa: UP045
    raw: Annotated[bool, typer.Option(help="Original free text, not redacted (audited).")] = False,
) -> None:
    """Export responses as CSV in the import format (free text redacted unless --raw; cells
    guarded against formulas)."""
    from api.responses.csv_io import export_responses as run_export

    with transaction() as session:
        rows = run_export(
            session, CLI, survey_key=survey, start=parse_date(start), end=parse_date(end), raw=raw
        )
        if output is None:
            csv.writer(sys.stdout).writerows(rows)
        else:
            with output.open("w", encoding="utf-8", newline="") as target:
                csv.writer(target).writerows(rows)


@report_app.command("statements")
def report_statements(
    survey: Annotated[str, typer.Option()],
    by: Annotated[Optional[list[GroupBy]], typer.Option(help="Repeat to group by more.")] = None,  # noqa: UP045
    start: Annotated[Optional[str], typer.Option("--from", help="YYYY-MM-DD")] = None,  # noqa: UP045
    end: Annotated[Optional[str], typer.Option("--to", help="YYYY-MM-DD")] = None,  # noqa: UP045
    team: Annotated[Optional[str], typer.Option()] = None,  # noqa: UP045
    output_format: Annotated[str, typer.Option("--format", help="json or table")] = "table",
) -> None:
    """The published statement figures: top-two-box share, 95% interval, change."""
    if output_format not in ("json", "table"):
        raise fail("--format is json or table")
    request = reports.ReportRequest(
        survey=survey,
        by=list(dict.fromkeys(by or [])),
        start=parse_date(start),
        end=parse_date(end),
        filters=ResponseFilters(team=team),
    )
    with transaction() as session:
        report = reports.statements(session, CLI, request=request)
    if output_format == "json":
        typer.echo(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_table(report))


def render_table(report: StatementReport) -> str:
    lines = []
    for group in report.groups:
        if group.group:
            lines.append(", ".join(f"{k}: {v or 'not known'}" for k, v in group.group.items()))
        for s in group.statements:
            pct = f"{s.top_two_box_pct:5.1f}%" if s.top_two_box_pct is not None else "    – "
            ci = f"({s.ci_low:.0f}–{s.ci_high:.0f})" if s.ci_low is not None else ""
            change = f"{s.change_pct_points:+.1f} pts" if s.change_pct_points is not None else ""
            lines.append(f"  {pct} {ci:>9}  n={s.n!s:<6} {change:>10}  {s.label}")
        lines.append("")
    lines.append(
        f"Shares are 'agree' or 'strongly agree' (4 or 5). Groups under "
        f"{report.suppression.pct_below} answers show no share; counts under "
        f"{report.suppression.count_below} show as '<{report.suppression.count_below}'."
    )
    return "\n".join(lines)
