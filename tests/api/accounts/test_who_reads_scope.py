"""Scope.words: the one place that decides how a reader sees a child's words (decision 44)."""

import pytest
from sqlalchemy import select

from api.accounts.scope import Scope, Words, may_leave, words_may_leave
from api.models import Answer
from api.models.enums import Role, Visibility
from tests import factories

R, D, N = Words.raw, Words.redacted, Words.none
# Reader's role -> how they see words given to: never asked, my worker, rights team, anyone.
EXPECTED = {
    Role.admin: (R, N, N, R),
    Role.rights_team: (R, R, R, R),
    Role.manager: (R, R, N, R),
    Role.practitioner: (D, D, N, D),
}
CHOICES = (None, Visibility.worker, Visibility.rights_team, Visibility.service)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_reads_each_choice_as_decided(role):
    scope = Scope(role=role, label="x")
    assert tuple(scope.words(v) for v in CHOICES) == EXPECTED[role]


def test_only_words_for_anyone_or_never_asked_leave_the_system():
    assert [may_leave(v) for v in CHOICES] == [True, False, False, True]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_sql_filter_agrees_with_the_rule(db, role):
    stored = factories.response(
        db,
        team="north",
        survey="young-person",
        answers={"good_things": "a", "worries": "b", "wishes": "c"},
        visibility={"worries": "worker", "wishes": "rights_team", "good_things": "service"},
    ).response
    factories.response(db, team="north", survey="young-person", answers={"worries": "d"})
    scope = Scope(role=role, label="x")
    seen = set(
        db.scalars(
            select(Answer.text).where(
                Answer.text.is_not(None), scope.words_filter(Answer.visibility)
            )
        )
    )
    wanted = {
        text
        for text, chosen in db.execute(select(Answer.text, Answer.visibility)).all()
        if text is not None and scope.words(chosen) is not Words.none
    }
    assert seen == wanted
    leaving = set(
        db.scalars(
            select(Answer.text).where(
                Answer.response_id == stored.id, words_may_leave(Answer.visibility)
            )
        )
    )
    assert leaving == {"a"}


def test_a_name_is_kept_from_everyone_beside_words_given_without_it():
    officer = Scope(role=Role.rights_team, label="x")
    assert officer.shows_name([None, Visibility.rights_team])
    assert not officer.shows_name([Visibility.worker, Visibility.service])
    assert not Scope(role=Role.practitioner, label="x").shows_name([None])
