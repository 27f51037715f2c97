"""The Alembic history is the only source of the schema: it must match the models exactly."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.orm import Session

from alembic import command
from api.answer_analysis import service as answer_analysis
from api.core.migrate import alembic_config
from api.models import Base
from tests import factories


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


def test_answers_analysed_before_levels_were_kept_are_alert_or_none(fresh_database):
    # Migration 0016: a flagged answer was an alert, every other one none.
    with Session(fresh_database.engine) as session, session.begin():
        for words in ("dad hits me and I am scared to go home", "My worker is kind"):
            stored = factories.response(session, survey="young-person", answers={"worries": words})
            answer_analysis.analyse_response(session, response_id=stored.response.id)
    with fresh_database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0015")
    with fresh_database.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with fresh_database.engine.connect() as conn:
        found = conn.execute(
            sa.text(
                "SELECT safeguarding_flag, safeguarding_level, safeguarding_score"
                " FROM answer_analyses"
            )
        ).all()
    assert sorted((bool(f), level, score) for f, level, score in found) == [
        (False, "none", None),
        (True, "alert", None),
    ]


def test_0019_moves_api_keys_into_their_teams_scope_and_takes_tokens_out_of_stored_texts(
    fresh_database,
):
    from datetime import UTC, datetime

    from api.invitations import links
    from api.models import OutboundMessage, Response
    from api.responses import intake

    # Rows are made by the models of today's schema (later migrations add columns they
    # write), with the keys as they were stored before 0019; then back to just before it.
    with Session(fresh_database.engine) as session, session.begin():
        factories.team(session, "north")
        api_made = factories.response(session, team="north", idempotency_key="case-42").response
        form_made = factories.response(session, idempotency_key="form:abc").response
    with fresh_database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0018")
    with Session(fresh_database.engine) as session, session.begin():
        session.execute(
            sa.insert(OutboundMessage.__table__).values(
                channel="sms",
                purpose="invitation",
                language="en",
                recipient_hash="h",
                body="Tell us: https://x.example/i/0123456789abcdef0123456789abcdef0123 thanks",
                segments=1,
                status="sent",
                send_after=datetime.now(UTC),
                created_at=datetime.now(UTC),
                attempts=1,
                uses_window=False,
            )
        )
    with fresh_database.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with Session(fresh_database.engine) as session:
        keys = {r.id: r.idempotency_key for r in session.scalars(sa.select(Response))}
        body = session.scalar(sa.select(OutboundMessage.body))
    assert keys[api_made.id] == intake.scoped_key(api_made.team_id, "case-42")
    assert keys[form_made.id] == "form:abc"
    assert body == f"Tell us: https://x.example/i/{links.STORED_TOKEN} thanks"
    # And back: the caller's own key again.
    with fresh_database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0018")
    with Session(fresh_database.engine) as session:
        assert session.get(Response, api_made.id).idempotency_key == "case-42"


def test_answers_stored_before_the_choice_are_never_asked_and_the_check_holds(fresh_database):
    # Migration 0025: a column of its own, null for every answer before it; CHECKed values.
    with Session(fresh_database.engine) as session, session.begin():
        factories.response(session, survey="young-person", answers={"worries": "Before"})
    with fresh_database.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0021")
    assert "visibility" not in {
        c["name"] for c in sa.inspect(fresh_database.engine).get_columns("answers")
    }
    with fresh_database.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with fresh_database.engine.connect() as conn:
        kept = conn.execute(sa.text("SELECT text, visibility FROM answers")).all()
    assert [tuple(row) for row in kept] == [("Before", None)]
    with pytest.raises(sa.exc.IntegrityError), fresh_database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE answers SET visibility = 'everyone'"))
