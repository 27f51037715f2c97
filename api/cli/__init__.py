"""The `yousaid` command: one module per command group, put together here."""

from __future__ import annotations

import typer
from pydantic import ValidationError

from api.cli import (
    accounts,
    analysis,
    data,
    digests,
    messaging,
    model,
    privacy,
    service,
    surveys,
)

app = typer.Typer(
    help="YouSaid: feedback for children's services.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals can hold tokens and free text
)


@app.callback()
def _settings_first() -> None:
    # Settings that cannot run (production refuses unsafe ones) are said plainly, once,
    # before any command starts: not as a traceback.
    from api.core.config import get_settings

    try:
        get_settings()
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            typer.echo(f"{where}: {message}" if where else message, err=True)
        raise typer.Exit(2) from None


app.add_typer(service.commands)
app.add_typer(analysis.commands)
app.add_typer(accounts.users_app, name="users")
app.add_typer(accounts.tokens_app, name="tokens")
app.add_typer(data.import_app, name="import")
app.add_typer(data.export_app, name="export")
app.add_typer(data.report_app, name="report")
app.add_typer(messaging.sms_app, name="sms")
app.command("invite")(messaging.invite)
app.add_typer(digests.digest_app, name="digest")
app.add_typer(model.model_app, name="model")
app.add_typer(surveys.surveys_app, name="surveys")
app.add_typer(privacy.retention_app, name="retention")
app.add_typer(privacy.subject_access_app, name="subject-access")

if __name__ == "__main__":
    app()
