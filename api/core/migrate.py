"""Bring a database up to date: the schema through Alembic, then the shipped reference data."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from alembic import command
from api.core.config import get_settings
from api.core.db import get_session_factory
from api.forums import service as forums
from api.surveys import service as surveys

ROOT = Path(__file__).resolve().parents[2]  # the project folder, beside alembic/


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["configure_logging"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(connection: Connection | None = None) -> None:
    command.upgrade(alembic_config(connection), "head")


def sync_reference_data(session: Session) -> list[str]:
    """Surveys from the library and collection points; safe to run on every start."""
    settings = get_settings()
    surveys.sync_collection_points(session, settings.collection_points_file)
    added = surveys.sync_library(session)
    if settings.forums_file:
        forums.sync_file(session, settings.forums_file)
    return added


def migrate() -> list[str]:
    upgrade_schema()
    with get_session_factory()() as session, session.begin():
        return sync_reference_data(session)
