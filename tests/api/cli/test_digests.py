"""`yousaid digest send`: a digest that may have been sent goes again only when asked."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.answer_analysis import service as answer_analysis
from api.cli import app
from api.core.config import get_settings
from api.forums import service as forums
from api.models import Digest, Forum
from api.models.enums import DigestStatus
from tests import factories

runner = CliRunner()
SEND = ["digest", "send", "--forum", "restorative-huddle", "--period", "2026-F23"]


def demo_forums_with_an_answer(session: Session) -> None:
    """The demo's forums and teams, and one analysed answer in the huddle's period."""
    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(session, slug)
    forums.sync_file(session, forums.DEMO_FORUMS)
    stored = factories.response(
        session,
        team="front-door",
        submitted_at=datetime(2026, 11, 11, 12, tzinfo=UTC),
        answers=factories.parent_answers(most_helpful="My worker was kind and listened"),
    )
    answer_analysis.analyse_response(session, response_id=stored.response.id)


def test_a_digest_that_may_have_been_sent_goes_again_only_with_again(
    fresh_database, use_database, monkeypatch, tmp_path
):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    with Session(fresh_database.engine) as session, session.begin():
        demo_forums_with_an_answer(session)
        huddle = session.scalar(select(Forum).where(Forum.key == "restorative-huddle"))
        session.add(
            Digest(
                forum_id=huddle.id,
                period="2026-F23",
                status=DigestStatus.may_have_been_sent,
                message_id="<digest-restorative-huddle-2026-F23@yousaid>",
                handed_over_at=datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
            )
        )
    mail = tmp_path / "mail"

    left = runner.invoke(app, SEND)
    assert left.exit_code == 0, left.output
    assert "restorative-huddle 2026-F23: not sent again" in left.stdout
    assert "already may_have_been_sent" in left.stdout
    assert not mail.exists() or not list(mail.glob("*.eml"))

    again = runner.invoke(app, [*SEND, "--again"])
    assert again.exit_code == 0, again.output
    assert "restorative-huddle 2026-F23: sent" in again.stdout
    [sent] = list(mail.glob("*.eml"))
    assert b"Message-ID: <digest-restorative-huddle-2026-F23@yousaid>" in sent.read_bytes()
    with Session(fresh_database.engine) as session:
        digest = session.scalar(select(Digest).where(Digest.period == "2026-F23"))
        assert digest.status is DigestStatus.sent and digest.handed_over_at is not None
    get_settings.cache_clear()


def test_sending_a_period_already_sent_says_it_was_not_sent_again(
    fresh_database, use_database, monkeypatch, tmp_path
):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    with Session(fresh_database.engine) as session, session.begin():
        demo_forums_with_an_answer(session)
    first = runner.invoke(app, SEND)
    assert first.exit_code == 0, first.output
    assert "restorative-huddle 2026-F23: sent" in first.stdout
    # The forum changed since (its language, say): the run must not claim to have sent it.
    second = runner.invoke(app, SEND)
    assert second.exit_code == 0, second.output
    assert "restorative-huddle 2026-F23: not sent again" in second.stdout
    assert "already sent on" in second.stdout
    # Run apart from `yousaid serve`, it says where the email's links go.
    assert "set YOUSAID_PUBLIC_BASE_URL" in second.stderr
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1
    get_settings.cache_clear()
