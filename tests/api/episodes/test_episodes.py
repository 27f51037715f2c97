"""One episode, every voice: made from case events, answers side by side for the roles that
read raw answers in their teams, audited, and the child-and-carer agreement figure."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from api.core.errors import Forbidden, NotFound
from api.episodes import service as episodes
from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn
from api.models import AuditEvent, Episode, Invitation
from api.models.enums import Role
from api.responses import intake
from tests import factories

CLOSED = datetime(2026, 11, 20, 10, tzinfo=UTC)


def case_event(db, event_id, contacts, *, team="north-cin", case_ref="C-1", at=CLOSED):
    factories.team(db, team)
    return invitations.receive_case_event(
        db,
        event=CaseEventIn.model_validate(
            {
                "event_id": event_id,
                "case_ref": case_ref,
                "event": "case_closed",
                "team": team,
                "occurred_at": at,
                "contacts": contacts,
            }
        ),
    )


def answer(db, invitation, survey, answers):
    return intake.ingest(
        db,
        submission=factories.submission(
            survey=survey, channel="sms", collection_point="closure", answers=answers
        ),
        invitation_id=invitation.id,
    )


def invitation_of(db, role):
    return db.scalars(select(Invitation).where(Invitation.contact_role == role)).all()


@pytest.fixture
def episode(db):
    """A closure heard from the young person and a parent, a second parent not answering."""
    case_event(
        db,
        "e-1",
        [
            {"role": "young_person", "phone": "07700 900301"},
            {"role": "parent", "phone": "07700 900302"},
        ],
    )
    # The case system sent the other parent in an event of its own, the same day.
    case_event(db, "e-2", [{"role": "parent", "phone": "07700 900303"}])
    [young] = invitation_of(db, "young_person")
    first_parent = min(invitation_of(db, "parent"), key=lambda i: i.id)
    answer(db, young, "young-person", {"worker_listened": 5, "said_what_i_wanted": 1})
    answer(
        db,
        first_parent,
        "parent-carer",
        factories.parent_answers(listened_to=4, involved_in_plans=5),
    )
    return db.scalar(select(Episode))


def test_events_about_one_closure_on_one_day_are_one_episode(db, episode):
    assert db.scalar(select(Episode.id).where(Episode.id != episode.id)) is None
    assert {i.episode_id for i in db.scalars(select(Invitation))} == {episode.id}


def test_a_later_closure_of_the_same_case_is_a_new_episode(db, episode):
    case_event(
        db,
        "e-3",
        [{"role": "parent", "phone": "07700 900304"}],
        at=datetime(2027, 2, 1, tzinfo=UTC),
    )
    assert len(db.scalars(select(Episode)).all()) == 2


def test_a_manager_reads_the_voices_side_by_side_where_they_agree_and_differ(db, episode):
    user = factories.staff_user(db, Role.manager, ["north-cin"])
    scope = _scope(user)
    view = episodes.one(db, scope, episode.public_id)
    assert [v.label for v in view.voices] == ["Young person", "Parent"]
    assert view.not_answered == ("Parent",)
    rows = {row.topic.key: row for row in view.rows}
    assert rows["involved_in_plans"].verdict.value == "differ"  # "no one asked me"
    assert rows["listened"].verdict.value == "agree"
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "episode.view"))
    assert event.object_id == episode.public_id and event.actor_user_id == user.id


def test_a_practitioner_cannot_read_episodes(db, episode):
    user = factories.staff_user(db, Role.practitioner, ["north-cin"])
    with pytest.raises(Forbidden):
        episodes.one(db, _scope(user), episode.public_id)
    with pytest.raises(Forbidden):
        episodes.listing(db, _scope(user))


def test_another_teams_manager_is_told_there_is_no_such_episode(db, episode):
    user = factories.staff_user(db, Role.manager, ["south-cin"])
    with pytest.raises(NotFound):
        episodes.one(db, _scope(user), episode.public_id)
    assert episodes.listing(db, _scope(user)).total == 0


def test_the_list_says_who_was_asked_and_who_answered(db, episode):
    found = episodes.listing(db, factories.scope_of(Role.rights_team))
    [summary] = found.episodes
    assert (summary.invited, summary.answered, summary.roles) == (3, 2, ("young_person", "parent"))
    assert episodes.listing(db, factories.scope_of(Role.rights_team), voices_at_least=3).total == 0


def test_child_and_carer_agreement_is_suppressed_for_small_numbers(db, episode):
    figures = {a.topic.key: a.share for a in episodes.agreement(db, factories.scope_of(Role.admin))}
    assert figures["involved_in_plans"].n == 1 and figures["involved_in_plans"].pct is None
    assert figures["listened"].count == 1  # exact for an admin, no share from one episode


def test_anonymous_answers_belong_to_no_episode(db, episode):
    factories.response(db, team="north-cin")
    summary = episodes.listing(db, factories.scope_of(Role.admin)).episodes[0]
    assert summary.answered == 2


def _scope(user):
    from api.accounts.scope import Scope

    return Scope(
        role=user.role,
        label=user.email,
        user_id=user.id,
        team_ids=frozenset(t.id for t in user.teams),
    )
