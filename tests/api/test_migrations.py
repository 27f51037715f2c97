"""The Alembic history is the only source of the schema: it must match the models exactly."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from alembic import command
from api.migrate import alembic_config
from api.models import Base


def test_upgrade_from_empty_matches_the_models(fresh_database):
    with fresh_database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_empty_and_upgrade_again(fresh_database):
    with fresh_database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    tables = set(sa.inspect(fresh_database.engine).get_table_names())
    assert tables <= {"alembic_version"}
    with fresh_database.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    tables = set(sa.inspect(fresh_database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_constraints_follow_the_naming_convention(database):
    inspector = sa.inspect(database.engine)
    assert inspector.get_pk_constraint("responses")["name"] == "pk_responses"
    unique = {c["name"] for c in inspector.get_unique_constraints("responses")}
    assert "uq_responses_idempotency_key" in unique
