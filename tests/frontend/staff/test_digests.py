"""Forums and digests on the staff pages: each person sees their forums' digests, as sent,
with why one has not gone; previews build the digest for any period without sending it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.digests import delivery
from api.forums import service as forums
from api.models import Forum, Job
from api.models.enums import Role
from tests import factories
from tests.staff_pages import signed_in


@pytest.fixture
def council(db, tmp_path, monkeypatch):
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(db, slug)
    forums.sync_file(db, forums.DEMO_FORUMS)
    for _ in range(3):
        stored = factories.response(
            db,
            team="front-door",
            submitted_at=datetime(2026, 11, 18, 12, tzinfo=UTC),
            answers=factories.parent_answers(
                one_thing_to_change="She never came when she said <script>x</script>"
            ),
        )
        answer_analysis.analyse_response(db, response_id=stored.response.id)
    yield db
    get_settings.cache_clear()


def forum(db, key) -> Forum:
    return db.scalar(select(Forum).where(Forum.key == key))


def test_the_rights_team_sees_every_forum_and_reads_a_sent_digest(client, council):
    db = council
    digest_id = delivery.queue(db, forum(db, "front-door-managers"), "2026-W47")
    delivery.send(db, {"digest_id": digest_id})
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    index = client.get("/staff/digests").text
    assert index.count('/preview"') == 5 and "worries about" in index
    page = client.get(f"/staff/digests/{digest_id}")
    assert page.status_code == 200 and f"/staff/digests/{digest_id}/email" in page.text
    assert "<iframe" in page.text and "sandbox" in page.text
    email = client.get(f"/staff/digests/{digest_id}/email")
    assert email.status_code == 200 and "what people told us" in email.text
    assert "frame-ancestors 'self'" in email.headers["content-security-policy"]
    assert "<script>x" not in email.text


def test_a_manager_sees_only_the_forums_they_are_in(client, council):
    db = council
    board = delivery.queue(db, forum(db, "corporate-parenting-board"), "2026-Q4")
    delivery.send(db, {"digest_id": board})
    user = factories.staff_user(db, Role.manager, teams=["front-door"])
    definition = forums.definition_of(forum(db, "front-door-managers"))
    forums.replace(
        db,
        factories.scope_of(Role.admin),
        key="front-door-managers",
        definition=definition.model_copy(update={"members": [user.email]}),
    )
    signed_in(client, user.email)
    index = client.get("/staff/digests").text
    assert "reflective space" in index and "Corporate parenting board" not in index
    assert client.get(f"/staff/digests/{board}").status_code == 404
    assert client.get(f"/staff/digests/{board}/email").status_code == 404
    assert client.get("/staff/forums/corporate-parenting-board/preview").status_code == 404


def test_a_digest_the_mail_server_refused_says_what_it_said(client, council):
    db = council
    digest_id = delivery.queue(db, forum(db, "front-door-managers"), "2026-W47")
    job = db.scalar(select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}"))
    job.attempts, job.last_error = 3, "SMTPServerDisconnected: Connection unexpectedly closed"
    job.run_after = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
    db.flush()
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    assert "not sent yet" in client.get("/staff/digests").text
    page = client.get(f"/staff/digests/{digest_id}").text
    assert "Connection unexpectedly closed" in page and "23 November 11:00" in page


def test_a_preview_builds_the_digest_without_sending_it(client, council):
    db = council
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    page = client.get("/staff/forums/front-door-managers/preview?period=2026-W47")
    assert page.status_code == 200 and "Responses: <5" in page.text.replace("&lt;", "<")
    email = client.get("/staff/forums/front-door-managers/preview/email?period=2026-W47")
    assert email.status_code == 200 and "Week of 16 November 2026" in email.text
    wrong = client.get("/staff/forums/front-door-managers/preview?period=2026-11")
    assert wrong.status_code == 422 and "not a weekly period" in wrong.text
    assert db.scalar(select(Job).where(Job.kind == delivery.SEND)) is None


def test_forums_rules_name_teams_and_collection_points_not_their_slugs(client, council):
    officer = factories.staff_user(council, Role.rights_team)
    signed_in(client, officer.email)
    index = client.get("/staff/digests").text
    assert "teams Front Door, Assessment" in index and "teams front-door" not in index
    assert "at Child looked after review" in index and "cla review" not in index


def test_the_archive_names_forums_and_periods_not_their_keys(client, council):
    db = council
    digest_id = delivery.queue(db, forum(db, "front-door-managers"), "2026-W47")
    delivery.send(db, {"digest_id": digest_id})
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    archive = client.get("/staff/digests").text.split("Digests sent")[1]
    assert "Week of 16 November 2026" in archive and ">2026-W47<" not in archive
    assert "reflective space" in archive and "<td>front-door-managers</td>" not in archive
    preview = client.get("/staff/forums/front-door-managers/preview?period=2026-W47").text
    assert "<h1>Preview: Front door team managers&#39; reflective space, Week of 16 November" in (
        preview
    )


def test_a_digest_that_may_have_been_sent_says_so_and_how_to_send_it_on_purpose(client, council):
    from api.models import Digest
    from api.models.enums import DigestStatus

    db = council
    digest_id = delivery.queue(db, forum(db, "front-door-managers"), "2026-W47")
    digest = db.get(Digest, digest_id)
    digest.status = DigestStatus.may_have_been_sent
    digest.handed_over_at = datetime(2026, 11, 23, 9, 2, tzinfo=UTC)
    db.flush()
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    index = client.get("/staff/digests").text
    assert "may have been sent" in index and "check it arrived" in index
    page = client.get(f"/staff/digests/{digest_id}").text
    assert "handed to the mail server at 09:02 on 23 November 2026" in page
    assert "&lt;digest-front-door-managers-2026-W47@yousaid&gt;" in page
    assert "Not sent again" in page
    assert "yousaid digest send --forum front-door-managers --period 2026-W47 --again" in page
