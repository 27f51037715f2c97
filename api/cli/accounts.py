"""`yousaid users` and `yousaid tokens`: staff accounts from the command line."""

from __future__ import annotations

import secrets
from typing import Annotated, Optional

import typer

from api.accounts import service as accounts
from api.cli.common import fail, transaction
from api.models.enums import Role

users_app = typer.Typer(help="Staff users.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens.", no_args_is_help=True)


@users_app.command("create")
def create_user(
    email: Annotated[str, typer.Option()],
    role: Annotated[Role, typer.Option()],
    team: Annotated[Optional[list[str]], typer.Option(help="A team slug; repeat for more.")] = None,  # noqa: UP045
    name: Annotated[Optional[str], typer.Option()] = None,  # noqa: UP045
) -> None:
    """Add a staff user and print a first password, which they change at first sign-in."""
    if role in (Role.manager, Role.practitioner) and not team:
        raise fail(f"A {role.value} sees only their teams: give at least one --team")
    password = secrets.token_urlsafe(12)
    with transaction() as session:
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

    with transaction() as session:
        user = accounts.user_by_email(session, email)
        temporary = signin.reset_password(session, Scope.system("cli"), user)
        typer.echo(f"Temporary password for {user.email}: {temporary}")


@tokens_app.command("create")
def create_token(
    email: Annotated[str, typer.Option()],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
) -> None:
    """Create an API token for a user and print it (it is shown only this once)."""
    with transaction() as session:
        token = accounts.create_token(
            session, user=accounts.user_by_email(session, email), name=name
        )
    typer.echo(token)
