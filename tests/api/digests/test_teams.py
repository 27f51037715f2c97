"""A forum's digest also as a card in its Teams channel: headline and link, never quotes;
a Teams outage retried without sending the email again."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import update
from sqlalchemy.orm import sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.accounts.scope import Scope
from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.forums.definitions import ForumDefinition
from api.jobs.queue import Worker
from api.models import Job
from tests import factories


@contextmanager
def teams_channel(failures: int = 0) -> Iterator[tuple[str, list[dict]]]:
    posted: list[dict] = []
    remaining = [failures]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if remaining[0] > 0:
                remaining[0] -= 1
                self.send_response(502)
            else:
                posted.append(json.loads(body))
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/webhookb2/test", posted
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def forum_with_teams(fresh_database, use_database, monkeypatch, tmp_path):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)

    def make(url: str):
        with sessions() as session, session.begin():
            factories.team(session, "north")
            result = factories.response(
                session,
                team="north",
                submitted_at=datetime(2026, 11, 18, 12, tzinfo=UTC),
                answers=factories.parent_answers(
                    one_thing_to_change="She never came when she said she would"
                ),
            )
            answer_analysis.analyse_response(session, response_id=result.response.id)
            forums.create(
                session,
                Scope.system("test"),
                definition=ForumDefinition.model_validate(
                    {
                        "key": "north",
                        "name": "North managers",
                        "schedule": {"cadence": "weekly"},
                        "members": ["m@council.example"],
                        "teams_webhook_url": url,
                        "rules": [{"teams": ["north"]}],
                    }
                ),
            )
        return sessions

    yield make, tmp_path / "mail"
    get_settings.cache_clear()


def run(sessions):
    with sessions() as session, session.begin():
        delivery.queue_due(session, datetime(2026, 11, 23, 10, tzinfo=UTC))
    Worker(sessions, "t").run_until_idle()


def test_the_card_has_the_headline_and_a_link_never_the_words(forum_with_teams):
    make, mail = forum_with_teams
    with teams_channel() as (url, posted):
        sessions = make(url)
        run(sessions)
        run(sessions)
    [card] = posted
    text = json.dumps(card)
    assert "North managers: feedback, Week of 16 November 2026" in text
    assert "/api/v1/digests/" in text
    assert "never came" not in text
    assert len(list(mail.glob("*.eml"))) == 1


def test_a_teams_outage_is_retried_without_a_second_email(forum_with_teams):
    make, mail = forum_with_teams
    with teams_channel(failures=1) as (url, posted):
        sessions = make(url)
        run(sessions)
        assert posted == []
        with sessions() as session, session.begin():  # the backoff has passed
            session.execute(
                update(Job)
                .where(Job.kind == delivery.TEAMS)
                .values(run_after=datetime.now(UTC) - timedelta(seconds=1))
            )
        Worker(sessions, "t").run_until_idle()
    assert len(posted) == 1
    assert len(list(mail.glob("*.eml"))) == 1
