"""The digest archive: members read their forums' digests as sent; others see nothing."""

from datetime import UTC, datetime

import pytest

from api.accounts import service as accounts
from api.digests import delivery
from api.forums import service as forums
from api.models import Digest, Forum
from api.models.enums import Role
from tests import factories


@pytest.fixture
def archived(db, tmp_path, monkeypatch):
    from api.core.config import get_settings

    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(db, slug)
    forums.sync_file(db, forums.DEMO_FORUMS)
    factories.response(
        db,
        team="children-in-care",
        collection_point="cla_review",
        submitted_at=datetime(2026, 11, 11, 12, tzinfo=UTC),
        answers={"listened_to": 5},
        survey="parent-carer",
    )
    board = db.query(Forum).filter_by(key="corporate-parenting-board").one()
    digest_id = delivery.queue(db, board, "2026-Q4")
    delivery.send(db, {"digest_id": digest_id})
    yield db.get(Digest, digest_id)
    get_settings.cache_clear()


def test_the_rights_team_reads_every_digest_as_sent(client, db, archived):
    rights = factories.auth(db, Role.rights_team)
    listed = client.get("/api/v1/digests", headers=rights).json()
    assert [(d["forum"], d["period"]) for d in listed] == [("corporate-parenting-board", "2026-Q4")]
    one = client.get(f"/api/v1/digests/{archived.id}", headers=rights).json()
    assert one["text"] == archived.text
    page = client.get(f"/api/v1/digests/{archived.id}/html", headers=rights)
    assert page.status_code == 200 and page.text == archived.html
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_someone_not_in_the_forum_sees_nothing(client, db, archived):
    user = accounts.create_user(
        db, email="other@council.example", role=Role.manager, team_slugs=["front-door"]
    )
    headers = {"Authorization": f"Bearer {accounts.create_token(db, user=user)}"}
    assert client.get("/api/v1/digests", headers=headers).json() == []
    assert client.get(f"/api/v1/digests/{archived.id}", headers=headers).status_code == 404


def test_a_member_reads_their_forums_digest(client, db, archived):
    user = accounts.create_user(
        db,
        email="corporate.parenting@demo.yousaid.local",
        role=Role.manager,
        team_slugs=["children-in-care"],
    )
    headers = {"Authorization": f"Bearer {accounts.create_token(db, user=user)}"}
    listed = client.get("/api/v1/digests?forum=corporate-parenting-board", headers=headers).json()
    assert [d["id"] for d in listed] == [archived.id]


def test_a_digest_the_mail_server_refused_says_why_and_when_it_is_tried_again(client, db):
    from sqlalchemy import select

    from api.models import Job

    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(db, slug)
    forums.sync_file(db, forums.DEMO_FORUMS)
    managers = db.query(Forum).filter_by(key="front-door-managers").one()
    digest_id = delivery.queue(db, managers, "2026-W47")
    job = db.scalar(select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}"))
    # What the worker leaves after a refused connection (tests/api/digests/test_delivery.py).
    job.attempts, job.last_error = 2, "ConnectionRefusedError: [Errno 111] Connection refused"
    job.run_after = datetime(2026, 11, 23, 10, 5, tzinfo=UTC)
    db.flush()
    rights = factories.auth(db, Role.rights_team)
    one = client.get(f"/api/v1/digests/{digest_id}", headers=rights).json()
    assert one["status"] == "pending"
    assert one["delivery"]["attempts"] == 2 and not one["delivery"]["gave_up"]
    assert "Connection refused" in one["delivery"]["last_error"]
    assert one["delivery"]["next_attempt_at"].startswith("2026-11-23T10:05")
    listed = client.get("/api/v1/digests", headers=rights).json()
    assert listed[0]["delivery"] == one["delivery"]
