"""The possible concerns pages: the queue (no words; counts of open and overdue; overdue ones
marked), the navigation's count, one concern's page (the words, audited on every opening; the
score in words, never a number) and recording what the reader decided."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.models import AlertNotification, AuditEvent, SafeguardingAlert
from api.models.enums import ConcernOutcome, ConcernStatus, Role
from tests import factories
from tests.api.concerns.concerning import SCORE, WORDS, concern, unsure
from tests.staff_pages import csrf_of, signed_in

__all__ = ["unsure"]
pytestmark = pytest.mark.usefixtures("unsure")


def audits(db) -> int:
    return db.scalar(select(func.count()).where(AuditEvent.action == "concern.view_text")) or 0


def test_the_queue_counts_open_and_overdue_and_shows_no_words(client, db):
    late = concern(db)
    concern(db)
    late.due_at = datetime.now(UTC) - timedelta(hours=1)
    db.flush()
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff/concerns")
    assert page.status_code == 200
    text = page.text
    assert "<strong>2</strong> open" in text and "1 overdue" in text
    assert text.count('class="row-late"') == 1 and "A child or young person" in text
    assert f"/staff/concerns/{late.public_id}" in text and "North" in text
    assert WORDS not in text and audits(db) == 0
    assert 'href="/staff/concerns"' in text and '<span class="nav-count">2' in text


def test_the_queue_filters_read_ones(client, db):
    done = concern(db)
    done.status = ConcernStatus.read
    done.outcome = ConcernOutcome.ordinary_feedback
    db.flush()
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    assert f"/staff/concerns/{done.public_id}" not in client.get("/staff/concerns").text
    read = client.get("/staff/concerns?status=read").text
    assert f"/staff/concerns/{done.public_id}" in read and "Ordinary feedback" in read
    assert client.get("/staff/concerns?status=%00&page=99999999999999999999").status_code == 200


def test_a_concern_shows_its_words_audited_and_the_score_in_words(client, db):
    made = concern(db)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    for _ in range(2):
        page = client.get(f"/staff/concerns/{made.public_id}")
        assert page.status_code == 200 and WORDS in page.text
    assert "The analysis was not sure this is ordinary feedback" in page.text
    assert "%" not in page.text.split("<main", 1)[1] and str(SCORE) not in page.text
    assert audits(db) == 2


def test_recording_an_outcome_needs_one(client, db):
    made = concern(db)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/concerns/{made.public_id}").text
    missing = client.post(
        f"/staff/concerns/{made.public_id}", data={"csrf_token": csrf_of(page), "note": "hm"}
    )
    assert missing.status_code == 422 and "Choose what you decided" in missing.text
    assert made.status is ConcernStatus.open


def test_raising_it_as_an_alert_records_the_reader_and_tells_the_duty_team(client, db):
    made = concern(db)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/concerns/{made.public_id}").text
    done = client.post(
        f"/staff/concerns/{made.public_id}",
        data={"csrf_token": csrf_of(page), "outcome": "raised_as_alert", "note": "Worried"},
    )
    assert done.status_code == 200 and "Your decision is recorded" in done.text
    db.refresh(made)
    assert made.status is ConcernStatus.read and made.read_by_user_id == officer.id
    alert = db.scalar(select(SafeguardingAlert))
    assert f"/staff/alerts/{alert.public_id}" in done.text
    assert db.scalar(select(func.count()).select_from(AlertNotification)) == 1
    assert "What did you decide?" not in done.text
    assert "It was raised as a safeguarding alert" in done.text
    assert "It is not a safeguarding alert" not in done.text
    alert_page = client.get(f"/staff/alerts/{alert.public_id}").text
    assert f"/staff/concerns/{made.public_id}" in alert_page  # the way back to what was read
    assert "Their note: Worried" in alert_page


def test_another_teams_manager_and_a_practitioner_cannot_open_it(client, db):
    made = concern(db, team="north")
    manager = factories.staff_user(db, Role.manager, teams=["south"])
    assert (
        signed_in(client, manager.email).get(f"/staff/concerns/{made.public_id}").status_code == 404
    )
    client.cookies.clear()
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    signed_in(client, practitioner.email)
    assert client.get(f"/staff/concerns/{made.public_id}").status_code == 403
    assert 'href="/staff/concerns"' not in client.get("/staff").text
    assert audits(db) == 0
