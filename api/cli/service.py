"""`yousaid serve`, `worker`, `migrate`, `demo` and `recount`: running a copy of YouSaid."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer
from sqlalchemy.exc import OperationalError

from api.cli.common import fail, transaction
from api.core.config import Settings, get_settings
from api.core.errors import LibraryError

commands = typer.Typer()


@commands.command()
def serve(
    host: Annotated[Optional[str], typer.Option(help="Default: YOUSAID_HOST.")] = None,  # noqa: UP045
    port: Annotated[Optional[int], typer.Option(help="Default: YOUSAID_PORT.")] = None,  # noqa: UP045
) -> None:
    """Serve the web app (and, on SQLite by default, the job worker in the same process)."""
    import uvicorn

    from api.core.header_limit import MAX_HEADER_BYTES
    from api.jobs import worker

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    settings = links_open_here(host, port)
    base = settings.public_base_url.rstrip("/")
    docs = f"  (API docs: {base}/docs)" if settings.shows_api_docs else ""
    typer.echo(f"\n  YouSaid is starting at {base}/{docs}\n")
    in_process = (
        worker.start_in_thread(settings.worker_poll_seconds) if settings.worker_in_process else None
    )
    try:
        uvicorn.run(
            "api.main:create_served_app",
            factory=True,
            host=host,
            port=port,
            proxy_headers=True,
            forwarded_allow_ips=settings.trusted_proxies,  # the real client behind a proxy
            log_level="info",
            # A request head larger than this is refused by the h11 parser; HeaderLimit answers
            # 431 past it (and past 100 headers) whichever parser uvicorn picked.
            h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        )
    finally:
        if in_process is not None:
            # uvicorn has stopped (SIGTERM, Ctrl-C): the worker finishes the text or job in
            # hand and puts back what it claimed, as `yousaid worker` does (decision 35).
            thread, stop = in_process
            stop.set()
            thread.join(timeout=20)


def links_open_here(host: str, port: int) -> Settings:
    """Links in alert emails, texts, QR codes and posters must open where this copy runs:
    unless its public address is set, that is the host and port it was started on (production
    must say its public address, and the settings refuse to start without it)."""
    if get_settings().links_follow_serve:
        os.environ["YOUSAID_HOST"], os.environ["YOUSAID_PORT"] = host, str(port)
        get_settings.cache_clear()
    return get_settings()


@commands.command("worker")
def run_worker() -> None:
    """Run due jobs until stopped (Ctrl-C). Run as many as you like on PostgreSQL."""
    import signal
    import threading

    from api.jobs import worker

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        worker.run_forever(stop, get_settings().worker_poll_seconds)
    except KeyboardInterrupt:
        stop.set()


@commands.command()
def migrate() -> None:
    """Create or upgrade the database schema and load the survey library."""
    from api.core.migrate import migrate as run_migrations

    try:
        added = run_migrations()
    except (LibraryError, OperationalError) as exc:
        raise fail(str(exc)) from None
    typer.echo("Database is up to date." + (f" Added: {', '.join(added)}." if added else ""))


@commands.command()
def demo(
    if_empty: Annotated[bool, typer.Option(help="Do nothing when responses exist.")] = False,
    responses: Annotated[int, typer.Option(min=1, max=200_000)] = 3000,
) -> None:
    """Load a realistic synthetic council: teams, staff and a year of feedback."""
    from api.demo import load as demo_data

    if get_settings().environment == "production":
        raise fail("Demo data is not loaded in production.")
    with transaction() as session:
        if if_empty and demo_data.has_demo_data(session):
            typer.echo("Demo data already loaded.")
            return
        stored = demo_data.load(session, responses=responses)
    typer.echo(f"Loaded {stored} demo responses across {len(demo_data.TEAMS)} teams.")


@commands.command()
def recount(
    everything: Annotated[
        bool,
        typer.Option("--all", help="Every day with responses, not only those marked changed."),
    ] = False,
) -> None:
    """Bring the Overview's daily tallies up to date now (the worker does it every minute)."""
    from api.tallies import recount as tallies

    with transaction() as session:
        if everything:
            typer.echo(f"Marked {tallies.mark_everything(session)} days.")
    done = 0
    while True:
        with transaction() as session:
            counted = tallies.recount(session)
        if not counted:
            break
        done += counted
    typer.echo(f"Recounted {done} days.")
