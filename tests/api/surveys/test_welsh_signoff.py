"""The Welsh language officer approves Welsh string by string: who and when, and a string
that changes afterwards waits again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope
from api.core.errors import InvalidInput
from api.models import AuditEvent, WelshApproval
from api.models.enums import Role
from api.surveys import welsh_review, welsh_signoff
from tests import factories


def _officer(db):
    user = factories.staff_user(db, Role.rights_team)
    return user, Scope(role=user.role, label=user.email, user_id=user.id)


def test_an_approved_string_leaves_the_list_and_says_who_and_when(db):
    user, scope = _officer(db)
    before = welsh_signoff.outstanding(db)
    first, second = before[0], before[1]
    count = welsh_signoff.approve(
        db, scope, by_name="Gwen Jones", fingerprints=[first.fingerprint, second.fingerprint]
    )
    assert count == 2
    after = welsh_signoff.outstanding(db)
    assert len(after) == len(before) - 2
    assert first.fingerprint not in {i.fingerprint for i in after}
    recorded = welsh_signoff.recent(db)
    assert {(r.source, r.where, r.by) for r in recorded} == {
        (first.source, first.where, "Gwen Jones"),
        (second.source, second.where, "Gwen Jones"),
    }
    assert all(r.at is not None for r in recorded)
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "welsh.approved")).one()
    assert event.actor_user_id == user.id and event.detail["count"] == 2


def test_approving_twice_records_once(db):
    _, scope = _officer(db)
    first = welsh_signoff.outstanding(db)[0]
    welsh_signoff.approve(db, scope, by_name="Gwen", fingerprints=[first.fingerprint])
    again = welsh_signoff.approve(db, scope, by_name="Gwen", fingerprints=[first.fingerprint])
    assert again == 0
    assert len(db.scalars(select(WelshApproval)).all()) == 1


def test_a_string_changed_after_approval_waits_again(db, monkeypatch):
    _, scope = _officer(db)
    first = welsh_signoff.outstanding(db)[0]
    welsh_signoff.approve(db, scope, by_name="Gwen", fingerprints=[first.fingerprint])
    reworded = welsh_review.Waiting(first.source, first.where, first.english, first.welsh + "!")
    original = welsh_review.waiting

    def with_new_wording() -> list[welsh_review.Waiting]:
        return [reworded if i == first else i for i in original()]

    monkeypatch.setattr(welsh_review, "waiting", with_new_wording)
    assert reworded.fingerprint in {i.fingerprint for i in welsh_signoff.outstanding(db)}


def test_a_fingerprint_that_is_not_waiting_is_not_approved(db):
    _, scope = _officer(db)
    assert welsh_signoff.approve(db, scope, by_name="Gwen", fingerprints=["0" * 64]) == 0
    assert db.scalars(select(WelshApproval)).all() == []


def test_nothing_ticked_is_a_clear_error(db):
    _, scope = _officer(db)
    with pytest.raises(InvalidInput, match="Tick the Welsh"):
        welsh_signoff.approve(db, scope, by_name="Gwen", fingerprints=[])
