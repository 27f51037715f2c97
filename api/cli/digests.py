"""`yousaid digest preview`: a forum's digest for a period, as its members would read it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

digest_app = typer.Typer(help="Forums' digests.", no_args_is_help=True)


@digest_app.command("preview")
def preview(
    forum: Annotated[str, typer.Option(help="The forum's key.")],
    period: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(help="2026-W47, 2026-F24, 2026-11 or 2026-Q4; default: the latest due."),
    ] = None,
    open_page: Annotated[
        bool,
        typer.Option("--open", help="Also write the HTML email to a file and open it."),
    ] = False,
) -> None:
    """Print the digest (plain text). Nothing is sent or archived."""
    import tempfile
    import webbrowser
    from datetime import UTC, datetime
    from pathlib import Path

    from api.cli.common import fail, transaction
    from api.core.config import get_settings
    from api.digests import charts, content, render
    from api.forums import periods
    from api.forums import service as forums

    settings = get_settings()
    with transaction() as session:
        row = forums.get(session, forum)
        schedule = forums.definition_of(row).schedule
        try:
            chosen = periods.named_or_latest(period, schedule, datetime.now(UTC), settings.timezone)
        except ValueError as exc:
            raise fail(str(exc)) from None
        if chosen is None:
            raise fail("No period of this forum is due yet; name one with --period")
        built = content.build(session, row, chosen)
    dashboard = settings.public_base_url.rstrip("/") + "/"
    typer.echo(render.plain(built, dashboard_url=dashboard))
    if open_page:
        page = render.html(
            built,
            dashboard_url=dashboard,
            brand=settings.brand_colour,
            images=charts.data_uris(built),
        )
        folder = Path(tempfile.mkdtemp(prefix="yousaid-digest-"))
        path = folder / f"{built.forum_key}-{built.period}.html"
        path.write_text(page, encoding="utf-8")
        opened = webbrowser.open(path.as_uri())
        typer.echo(f"{'Opened' if opened else 'No browser here; open'} {path}", err=True)


@digest_app.command("send")
def send(
    forum: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="One forum's key; default: every active forum."),
    ] = None,
    period: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="2026-W47, 2026-F24, 2026-11 or 2026-Q4; default: the latest due."),
    ] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again",
            help="Send again a digest that may have been sent (its worker stopped after "
            "handing it to the mail server), once you know it did not arrive.",
        ),
    ] = False,
) -> None:
    """Send digests now, as the worker would on schedule. A period already sent is not sent
    again (one digest per forum per period); one that may have been sent only with --again."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from api.cli.common import fail, transaction
    from api.core.config import get_settings
    from api.core.db import get_session_factory
    from api.digests import delivery
    from api.forums import periods
    from api.forums import service as forums
    from api.models import Digest, Forum
    from api.models.enums import DigestStatus

    settings = get_settings()
    timezone = settings.timezone
    if settings.links_follow_serve:
        # This process cannot know the port a `yousaid serve` elsewhere listens on: say where
        # the email's links go, so a dead link is not a surprise (a fresh-eye walk found one).
        typer.echo(
            f"Links in these emails go to {settings.public_base_url.rstrip('/')}/ "
            "(YOUSAID_HOST and YOUSAID_PORT); set YOUSAID_PUBLIC_BASE_URL to the address "
            "people open YouSaid at.",
            err=True,
        )
    chosen_digests: list[tuple[str, str, int, bool]] = []
    with transaction() as session:
        rows = (
            [forums.get(session, forum)]
            if forum
            else list(session.scalars(select(Forum).where(Forum.active.is_(True))))
        )
        for row in rows:
            schedule = forums.definition_of(row).schedule
            try:
                chosen = periods.named_or_latest(period, schedule, datetime.now(UTC), timezone)
            except ValueError as exc:
                raise fail(f"{row.key}: {exc}") from None
            if chosen is None:
                typer.echo(f"{row.key}: no period due yet")
                continue
            new = delivery.queue(session, row, chosen.key) is not None
            digest = session.scalar(
                select(Digest).where(Digest.forum_id == row.id, Digest.period == chosen.key)
            )
            assert digest is not None
            if again and digest.status is DigestStatus.may_have_been_sent:
                delivery.send_again(session, digest)
                new = True
            chosen_digests.append((row.key, chosen.key, digest.id, new))
    # Each sent in a session of its own: sending commits the hand-over mark before the
    # message goes (decision 35), which a shared transaction could not.
    for forum_key, period_key, digest_id, new in chosen_digests:
        with get_session_factory()() as session:
            digest = session.get(Digest, digest_id)
            assert digest is not None
            if digest.status is DigestStatus.pending:
                delivery.send(session, {"digest_id": digest.id})
            session.commit()
            if new:
                typer.echo(f"{forum_key} {period_key}: {digest.status.value}")
            else:
                # Not "sent": a person who just changed the forum (its language, say) must not
                # think this run sent anything. One digest per forum and period.
                when = f" on {digest.sent_at:%d %b %Y %H:%M} UTC" if digest.sent_at else ""
                typer.echo(
                    f"{forum_key} {period_key}: not sent again: this period's digest is already "
                    f"{digest.status.value}{when} (one digest per forum and period; changes "
                    "to the forum show from the next period)"
                )
