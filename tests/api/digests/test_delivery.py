"""Digests by email on the forums' schedules: one per forum per period, through a real SMTP
server, retried when it is down, and nothing unredacted in them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.jobs.queue import Worker
from api.models import Digest, Forum, Job
from api.models.enums import DigestStatus
from tests import factories
from tests.smtp import smtp_server

MONDAY_AFTER = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # W47's digests are due
IN_W47 = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


@pytest.fixture
def council(fresh_database, use_database, monkeypatch):
    use_database(fresh_database)
    sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
    with sessions() as session, session.begin():
        for slug in ("front-door", "assessment", "children-in-care"):
            factories.team(session, slug)
        forums.sync_file(session, forums.DEMO_FORUMS)
        texts = [
            "She never turned up when she said she would, ring Jo on 07700 900123",
            "Three different social workers, email me at mum@example.com",
            "Nobody called me back for weeks",
            "My worker was kind and really listened",
            "They never came when they said",
            "She was reliable and honest",
        ]  # the managers' forum hears the first, second, third and fifth
        for n, text in enumerate(texts):
            result = factories.response(
                session,
                team="front-door",
                submitted_at=IN_W47,
                answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
            )
            answer_analysis.analyse_response(session, response_id=result.response.id)
    with smtp_server() as (port, inbox):
        monkeypatch.setenv("YOUSAID_EMAIL_PROVIDER", "smtp")
        monkeypatch.setenv("YOUSAID_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("YOUSAID_SMTP_PORT", str(port))
        get_settings.cache_clear()
        yield sessions, inbox
    get_settings.cache_clear()


def schedule_and_send(sessions, now=MONDAY_AFTER):
    with sessions() as session, session.begin():
        added = delivery.queue_due(session, now)
    Worker(sessions, "test").run_until_idle()
    return added


def test_each_forum_gets_one_digest_for_the_period_just_ended(council):
    sessions, inbox = council
    assert schedule_and_send(sessions) >= 2
    assert schedule_and_send(sessions) == 0  # asked again: nothing new
    with sessions() as session:
        rows = session.scalars(select(Digest)).all()
    weekly = [d for d in rows if d.period == "2026-W47"]
    assert {d.status for d in weekly} <= {DigestStatus.sent, DigestStatus.empty}
    managers = [m for m in inbox.messages if "reflective space" in m["Subject"]]
    assert len(managers) == 1
    mail = managers[0]
    assert mail["To"] == "manager.frontdoor@demo.yousaid.local"
    assert mail["Message-ID"].startswith("<digest-")
    body = mail.get_body(("plain",)).get_content()
    assert "Responses: <5" in body  # four complaints heard; small numbers never shown
    assert "Week of 16 November 2026 (16 November to 22 November 2026)" in body
    assert "2026-W47" not in body and "2026-W47" not in mail["Subject"]
    page = mail.get_body(("html",)).get_content()
    for secret in ("07700 900123", "mum@example.com", " Jo "):
        assert secret not in body and secret not in page


def test_an_empty_period_sends_nothing(council):
    sessions, inbox = council
    schedule_and_send(sessions)
    with sessions() as session:
        rights = session.scalar(
            select(Digest.status)
            .join(Forum, Forum.id == Digest.forum_id)
            .where(Forum.key == "childrens-rights-team", Digest.period == "2026-W46")
        )
    # Tuesday's forum: its newest due week is W46, in which no young person answered.
    assert rights is DigestStatus.empty
    assert not any("rights and engagement" in m["Subject"] for m in inbox.messages)


def test_four_workers_at_once_still_make_one_digest_per_forum(council):
    sessions, inbox = council

    def work():
        schedule_and_send(sessions)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with sessions() as session:
        per_period = session.execute(
            select(Digest.forum_id, Digest.period, func.count()).group_by(
                Digest.forum_id, Digest.period
            )
        ).all()
    assert per_period and all(n == 1 for *_, n in per_period)
    subjects = [m["Subject"] for m in inbox.messages]
    assert len(subjects) == len(set(subjects))


def test_a_mail_server_that_is_down_is_retried(council, monkeypatch):
    sessions, inbox = council
    monkeypatch.setenv("YOUSAID_SMTP_PORT", "9")  # nothing listens there
    get_settings.cache_clear()
    schedule_and_send(sessions)
    with sessions() as session:
        failed = session.scalars(select(Job).where(Job.kind == delivery.SEND)).all()
        pending = session.scalars(select(Digest).where(Digest.status == DigestStatus.pending)).all()
    retrying = [job for job in failed if job.last_error and "refused" in job.last_error]
    assert len(pending) == len(retrying) >= 1
    assert all(
        job.status.value == "queued" and job.run_after > datetime.now(UTC) for job in retrying
    )
    assert inbox.messages == []


def test_trend_charts_travel_inside_the_email_and_the_archive(council):
    sessions, inbox = council
    with sessions() as session, session.begin():
        for when in (datetime(2026, 10, 14, 12, tzinfo=UTC), IN_W47):
            for _ in range(10):
                result = factories.response(
                    session,
                    team="front-door",
                    submitted_at=when,
                    answers=factories.parent_answers(
                        one_thing_to_change="She never came when she said she would"
                    ),
                )
                answer_analysis.analyse_response(session, response_id=result.response.id)
    schedule_and_send(sessions)
    [mail] = [m for m in inbox.messages if "reflective space" in m["Subject"]]
    html_part = mail.get_body(("html",))
    page = html_part.get_content()
    pictures = [part for part in mail.walk() if part.get_content_type() == "image/png"]
    assert pictures, "no trend pictures in the email"
    for picture in pictures:
        cid = picture["Content-ID"].strip("<>")
        assert f'src="cid:{cid}"' in page  # each picture is the one the page shows
        assert picture.get_payload(decode=True)[:4] == b"\x89PNG"
    # The email: text, then the page with its pictures, as Outlook expects.
    assert mail.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in mail.iter_parts()] == [
        "text/plain",
        "multipart/related",
    ]
    with sessions() as session:
        archived = session.scalar(
            select(Digest.html)
            .join(Forum, Forum.id == Digest.forum_id)
            .where(Forum.key == "front-door-managers", Digest.period == "2026-W47")
        )
    assert archived and "data:image/png;base64," in archived and "cid:" not in archived
