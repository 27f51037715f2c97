"""The `yousaid` command: serve, worker, migrate, demo, users, tokens, import, export, report,
invite, sms, model."""

from __future__ import annotations

import csv
import json
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api import cli_digests, cli_messaging, cli_model
from api.accounts import service as accounts
from api.accounts.scope import Scope
from api.config import Settings, get_settings
from api.db import get_session_factory
from api.errors import DomainError, LibraryError
from api.models.enums import Role
from api.reports import service as reports
from api.reports.schemas import GroupBy, StatementReport
from api.responses.filters import ResponseFilters

app = typer.Typer(
    help="YouSaid: feedback for children's services.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals can hold tokens and free text
)
users_app = typer.Typer(help="Staff users.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens.", no_args_is_help=True)
import_app = typer.Typer(help="Import data.", no_args_is_help=True)
export_app = typer.Typer(help="Export data.", no_args_is_help=True)
report_app = typer.Typer(help="Published figures.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.add_typer(report_app, name="report")
app.add_typer(cli_messaging.sms_app, name="sms")
app.command("invite")(cli_messaging.invite)
app.add_typer(cli_digests.digest_app, name="digest")
app.add_typer(cli_model.model_app, name="model")

CLI = Scope.system("cli")


def _fail(message: str) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(1)


@contextmanager
def _session() -> Iterator[Session]:
    """One transaction per command: all of it is stored, or none of it."""
    try:
        with get_session_factory()() as session, session.begin():
            yield session
    except DomainError as exc:
        details = "".join(f"\n  {e.field}: {e.message}" for e in exc.errors)
        raise _fail(exc.message + details) from None
    except OperationalError as exc:
        raise _fail(f"The database is unavailable: {exc.orig}") from None


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option(help="Default: YOUSAID_HOST.")] = None,  # noqa: UP045
    port: Annotated[Optional[int], typer.Option(help="Default: YOUSAID_PORT.")] = None,  # noqa: UP045
) -> None:
    """Serve the web app (and, on SQLite by default, the job worker in the same process)."""
    import uvicorn

    from api import worker

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    settings = links_open_here(host, port)
    if settings.worker_in_process:
        worker.start_in_thread(settings.worker_poll_seconds)
    uvicorn.run(
        "api.main:create_served_app",
        factory=True,
        host=host,
        port=port,
        proxy_headers=True,
        log_level="info",
    )


def links_open_here(host: str, port: int) -> Settings:
    """Links in alert emails and texts must open where this copy runs: unless its public
    address is set, on a laptop that is the host and port it was started on (production must
    say its public address)."""
    settings = get_settings()
    if "public_base_url" not in settings.model_fields_set and settings.environment != "production":
        os.environ["YOUSAID_PUBLIC_BASE_URL"] = f"http://{host}:{port}"
        get_settings.cache_clear()
    return get_settings()


@app.command("worker")
def run_worker() -> None:
    """Run due jobs until stopped (Ctrl-C). Run as many as you like on PostgreSQL."""
    import signal
    import threading

    from api import worker

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        worker.run_forever(stop, get_settings().worker_poll_seconds)
    except KeyboardInterrupt:
        stop.set()


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema and load the survey library."""
    from api.migrate import migrate as run_migrations

    try:
        added = run_migrations()
    except (LibraryError, OperationalError) as exc:
        raise _fail(str(exc)) from None
    typer.echo("Database is up to date." + (f" Added: {', '.join(added)}." if added else ""))


@app.command()
def demo(
    if_empty: Annotated[bool, typer.Option(help="Do nothing when responses exist.")] = False,
    responses: Annotated[int, typer.Option(min=1, max=200_000)] = 3000,
) -> None:
    """Load a realistic synthetic council: teams, staff and a year of feedback."""
    from api import demo as demo_data

    if get_settings().environment == "production":
        raise _fail("Demo data is not loaded in production.")
    with _session() as session:
        if if_empty and demo_data.has_demo_data(session):
            typer.echo("Demo data already loaded.")
            return
        stored = demo_data.load(session, responses=responses)
    typer.echo(f"Loaded {stored} demo responses across {len(demo_data.TEAMS)} teams.")


@users_app.command("create")
def create_user(
    email: Annotated[str, typer.Option()],
    role: Annotated[Role, typer.Option()],
    team: Annotated[Optional[list[str]], typer.Option(help="A team slug; repeat for more.")] = None,  # noqa: UP045
    name: Annotated[Optional[str], typer.Option()] = None,  # noqa: UP045
) -> None:
    """Add a staff user and print a first password, which they change at first sign-in."""
    if role in (Role.manager, Role.practitioner) and not team:
        raise _fail(f"A {role.value} sees only their teams: give at least one --team")
    password = secrets.token_urlsafe(12)
    with _session() as session:
        user = accounts.create_user(
            session,
            email=email,
            role=role,
            team_slugs=team or [],
            display_name=name,
            password=password,
        )
        user.must_change_password = True
        typer.echo(f"Created {user.email} ({user.role.value}). First password: {password}")


@users_app.command("reset-password")
def reset_password(email: Annotated[str, typer.Option()]) -> None:
    """Give a user a temporary password (they choose their own at next sign-in); unlocks
    the account and signs them out everywhere. For when no admin can sign in."""
    from api.accounts import signin
    from api.accounts.scope import Scope

    with _session() as session:
        user = accounts.user_by_email(session, email)
        temporary = signin.reset_password(session, Scope.system("cli"), user)
        typer.echo(f"Temporary password for {user.email}: {temporary}")


@tokens_app.command("create")
def create_token(
    email: Annotated[str, typer.Option()],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
) -> None:
    """Create an API token for a user and print it (it is shown only this once)."""
    with _session() as session:
        token = accounts.create_token(
            session, user=accounts.user_by_email(session, email), name=name
        )
    typer.echo(token)


@import_app.command("responses")
def import_responses(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    survey: Annotated[str, typer.Option()],
    skip_invalid: Annotated[bool, typer.Option(help="Store the good lines anyway.")] = False,
    create_teams: Annotated[bool, typer.Option(help="Add teams the file names.")] = False,
) -> None:
    """Import responses from CSV. Any bad line stores nothing, unless --skip-invalid."""
    from api.responses.csv_io import import_responses as run_import

    with _session() as session, file.open(encoding="utf-8-sig", newline="") as source:
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
        raise _fail(f"{len(report.errors)} lines have errors; nothing was stored.")
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

    with _session() as session:
        rows = run_export(
            session, CLI, survey_key=survey, start=_date(start), end=_date(end), raw=raw
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
        raise _fail("--format is json or table")
    request = reports.ReportRequest(
        survey=survey,
        by=list(dict.fromkeys(by or [])),
        start=_date(start),
        end=_date(end),
        filters=ResponseFilters(team=team),
    )
    with _session() as session:
        report = reports.statements(session, CLI, request=request)
    if output_format == "json":
        typer.echo(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_table(report))


@app.command()
def analyse(
    input_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--input", exists=True, dir_okay=False, help="Default: standard input."),
    ] = None,
) -> None:
    """Analyse free text: JSON lines {"id", "text", "audience"?, "question"?} in, one JSON
    line out for each, with themes, sentiment, safeguarding, language and a redacted copy."""
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
                    item["text"], question=item.get("question"), audience=item.get("audience")
                )
                output = {"id": item.get("id"), **result.as_json()}
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                failed += 1
                output = {"id": None, "line": number, "error": str(exc).splitlines()[0]}
            typer.echo(json.dumps(output, ensure_ascii=False))
    if failed:
        raise _fail(f"{failed} line(s) could not be read")


@app.command()
def recount(
    everything: Annotated[
        bool,
        typer.Option("--all", help="Every day with responses, not only those marked changed."),
    ] = False,
) -> None:
    """Bring the Overview's daily tallies up to date now (the worker does it every minute)."""
    from api.tallies import recount as tallies

    with _session() as session:
        if everything:
            typer.echo(f"Marked {tallies.mark_everything(session)} days.")
    done = 0
    while True:
        with _session() as session:
            counted = tallies.recount(session)
        if not counted:
            break
        done += counted
    typer.echo(f"Recounted {done} days.")


@app.command()
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
    with _session() as session:
        model = learning.train_model(session, labelled=items)
        if model is None:
            if items:
                raise _fail("Too few labelled answers to learn from (each head needs both kinds).")
            threshold = get_settings().learning_min_reviews
            raise _fail(f"Not enough reviewed answers yet (at least {threshold} are needed).")
        typer.echo(cli_model.trained_summary(model.metrics, len(model.model_npz or b"")))


@app.command()
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
        raise _fail(f"{dev_set} not found (run from the project folder or pass --dev-set)")
    typer.echo(
        evaluation.report("Development set", evaluation.evaluate(evaluation.load_dev_set(dev_set)))
    )
    if nhs is not None:
        mapped = tuple(t for t in THEME_IDS if t in set(evaluation.NHS_THEMES.values()))
        scores = evaluation.evaluate(evaluation.load_nhs(nhs), themes=mapped, three_way=True)
        typer.echo(
            "\n" + evaluation.report("NHS comments (themes mapped; sentiment 3-way)", scores)
        )


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


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{value!r} is not a date like 2026-04-30") from None


if __name__ == "__main__":
    app()
