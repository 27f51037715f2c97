"""`yousaid surveys welsh-review | check-wording`: the survey library's Welsh still waiting for
the Welsh language officer, and whether the children's forms use words a child can read."""

from __future__ import annotations

from typing import Annotated

import typer

surveys_app = typer.Typer(help="The survey library's wording.", no_args_is_help=True)


@surveys_app.command("welsh-review")
def welsh_review(
    brief: Annotated[
        bool, typer.Option("--brief", help="Counts per survey only, not every string.")
    ] = False,
) -> None:
    """List every Welsh string of the surveys people are asked now, the shared scales and the
    pages', texts' and emails' catalogues that still waits for the council's Welsh language
    officer (what they approved on the staff Welsh page is left out), English beside it."""
    from api.cli.common import transaction
    from api.surveys import welsh_signoff

    with transaction() as session:
        found = welsh_signoff.outstanding(session)
        approved = welsh_signoff.approved_count(session)
    for source, items in welsh_signoff.by_source(found).items():
        typer.secho(f"{source}: {len(items)} Welsh strings wait for review", bold=True)
        if not brief:
            for item in items:
                typer.echo(f"  {item.where}\n    en: {item.english}\n    cy: {item.welsh}")
    if approved:
        typer.echo(f"{approved} Welsh strings approved on the staff Welsh page are left out.")
    if not found:
        typer.echo("Every Welsh string has been reviewed.")


@surveys_app.command("check-wording")
def check_wording(
    strict: Annotated[
        bool, typer.Option("--strict", help="Adults' forms fail too, not only children's.")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every string with its reading age, not only problems.")
    ] = False,
) -> None:
    """Score every question and child page string of the library for its readers (reading age,
    hard words, long sentences); exit 1 when a child's form fails (any form, with --strict)."""
    from api.surveys import wording
    from frontend.child_words import child_page_strings

    checked = wording.findings(child_page_strings())
    failing = wording.failures(checked, strict=strict)
    for _limits, finding in checked:
        if not (finding.problems or show_all):
            continue
        age = f"age {finding.reading_age:g}" if finding.reading_age is not None else "Welsh"
        mark = "FAIL" if finding in failing else ("advice" if finding.problems else "ok")
        typer.echo(
            f"{mark:6} {finding.source} · {finding.where} · {finding.language} · {age}: "
            f"{finding.text}"
        )
        for problem in finding.problems:
            typer.echo(f"         {problem}")
    children = sum(1 for limits, _ in checked if limits.child)
    typer.echo(f"{len(checked)} strings checked ({children} for children); {len(failing)} fail.")
    if failing:
        raise typer.Exit(1)
